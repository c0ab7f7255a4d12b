"""`manage.py feedback_analyse`: reads the comments a stopped worker left unread."""

from __future__ import annotations

from django.core.management import call_command

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import Feedback, FeedbackSentence
from klantcultuur.feedback.tests.factories import ingest, item


def _left_unread(records) -> None:
    """As an import leaves its records before the follow-up task reads them."""
    FeedbackSentence.objects.filter(feedback__in=records).delete()
    records.update(analysed=False, n_compliments=0, n_improvements=0, topics="")
    for org_id in set(records.values_list("organization_id", flat=True)):
        rollup.rebuild(org_id)


def test_it_reads_every_unread_comment_and_keeps_the_roll_ups_in_step(world, capsys):
    ingest(
        world.org,
        *[
            item(
                reason="Vriendelijk geholpen, maar lang moeten wachten.",
                team_code="W-KC-1",
                external_id=f"A-{n}",
            )
            for n in range(3)
        ],
    )
    ingest(world.other_org, item(reason="Top service!", external_id="B-1"))
    read_at_once = {r.uuid: r.n_improvements for r in Feedback.objects.all()}
    assert sum(read_at_once.values()) >= 3  # "lang moeten wachten" is an improvement point
    _left_unread(Feedback.objects.exclude(external_id="A-0"))

    call_command("feedback_analyse")

    out = capsys.readouterr().out
    assert "Woonstichting De Linge: 2 responses read" in out
    assert "Zorgverzekeraar Zuid: 1 responses read" in out
    assert out.rstrip().endswith("Done: 3 responses read.")
    assert not Feedback.objects.filter(analysed=False).exists()
    assert {r.uuid: r.n_improvements for r in Feedback.objects.all()} == read_at_once
    assert FeedbackSentence.objects.filter(feedback__external_id="A-1").exists()
    assert rollup.differences(world.org.id) == []
    assert rollup.differences(world.other_org.id) == []


def test_running_it_again_reads_nothing(world, capsys):
    ingest(world.org, item(reason="Snel geholpen."))
    call_command("feedback_analyse")
    assert capsys.readouterr().out == "Done: 0 responses read.\n"
