"""The interest analysis: traits, who keeps them alive and what they gain, dated positions
with their movement, actions per stakeholder; board, CX lead and administrator only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.programme import selectors
from klantcultuur.programme.models import Position, Stakeholder, StakeholderAction, Trait
from klantcultuur.programme.progress import Track, movement, positions_chart
from klantcultuur.programme.services import interests as services
from klantcultuur.scan.tests.conftest import reported  # noqa: F401 (fixture)


def _analysis(world):
    trait = services.trait_add(
        organization=world.org, by=world.cx_lead, text="Klachten worden doorgeschoven"
    )
    stakeholder = services.stakeholder_save(
        by=world.cx_lead,
        trait=trait,
        who="Ploegleiders buitendienst",
        gain="Geen gedoe met lastige klanten; hun cijfers blijven mooi",
        influence_kind="social",
    )
    return trait, stakeholder


def test_the_cx_lead_adds_a_trait_a_stakeholder_and_two_measurements(login, world):
    client = login(world.cx_lead)
    response = client.post(reverse("programme-interests"), {"text": "Eilandjes per afdeling"})
    trait = Trait.objects.get()
    assert response["Location"] == reverse("programme-trait", args=[trait.uuid])
    client.post(
        reverse("programme-trait", args=[trait.uuid]),
        {"who": "Afdelingshoofden", "gain": "Eigen budget", "influence_kind": "formal"},
    )
    stakeholder = Stakeholder.objects.get()
    url = reverse("programme-stakeholder", args=[stakeholder.uuid])
    today = timezone.localdate()
    for day, stance in ((today - timedelta(days=90), "opponent"), (today, "neutral")):
        client.post(url, {"do": "position", "measured_on": day, "influence": "3", "stance": stance})
    client.post(url, {"do": "action", "text": "Koffie met het MT over klantdoelen"})
    assert [p.stance for p in stakeholder.positions.all()] == ["opponent", "neutral"]
    assert StakeholderAction.objects.get().text == "Koffie met het MT over klantdoelen"
    page = client.get(reverse("programme-interests")).content.decode()
    assert "Afdelingshoofden" in page and "Eigen budget" in page
    assert "richting voorstander" in page  # moved from opponent to neutral
    assert "<svg" in page and "Tegenstander, Hoog → " in page  # the chart's description


def test_a_second_measurement_on_the_same_day_replaces_the_first(world):
    _trait, stakeholder = _analysis(world)
    today = timezone.localdate()
    for stance in ("opponent", "supporter"):
        services.position_record(
            stakeholder=stakeholder,
            by=world.cx_lead,
            measured_on=today,
            influence=2,
            stance=stance,
        )
    assert list(Position.objects.values_list("stance", flat=True)) == ["supporter"]


def test_a_measurement_in_the_future_or_with_a_wrong_stance_is_refused(login, world):
    _trait, stakeholder = _analysis(world)
    url = reverse("programme-stakeholder", args=[stakeholder.uuid])
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = (
        login(world.board)
        .post(
            url,
            {"do": "position", "measured_on": tomorrow, "influence": "2", "stance": "neutral"},
            follow=True,
        )
        .content.decode()
    )
    assert "Een meting kan niet in de toekomst liggen." in page
    assert not Position.objects.exists()


@pytest.mark.parametrize("role", ["manager", "employee", "hr"])
def test_only_board_cx_lead_and_admin_see_it(login, world, role):
    trait, stakeholder = _analysis(world)
    client = login(getattr(world, role))
    for url in (
        reverse("programme-interests"),
        reverse("programme-trait", args=[trait.uuid]),
        reverse("programme-stakeholder", args=[stakeholder.uuid]),
    ):
        assert client.get(url).status_code == 403
    for member in (world.board, world.cx_lead, world.admin):
        assert login(member).get(reverse("programme-interests")).status_code == 200


def test_an_outsider_gets_404(login, world):
    trait, stakeholder = _analysis(world)
    client = login(world.outsider)
    assert client.get(reverse("programme-trait", args=[trait.uuid])).status_code == 404
    assert client.get(reverse("programme-stakeholder", args=[stakeholder.uuid])).status_code == 404


def test_the_menu_tab_shows_only_for_those_who_may_read_it(login, world):
    assert "Belangen" in login(world.cx_lead).get(reverse("programme-home")).content.decode()
    assert "Belangen" not in login(world.manager).get(reverse("programme-home")).content.decode()


def test_every_write_goes_through_the_one_audited_function(world, monkeypatch):
    calls = []
    original = services.interest_write

    def spy(**kwargs):
        calls.append((type(kwargs["instance"]).__name__, kwargs["verb"], kwargs["by"]))
        return original(**kwargs)

    monkeypatch.setattr(services, "interest_write", spy)
    trait, stakeholder = _analysis(world)
    services.position_record(
        stakeholder=stakeholder,
        by=world.board,
        measured_on=timezone.localdate(),
        influence=1,
        stance="neutral",
    )
    action = services.stakeholder_action_add(stakeholder=stakeholder, by=world.board, text="X")
    services.stakeholder_action_done(action=action, by=world.board)
    services.stakeholder_archive(stakeholder=stakeholder, by=world.board)
    services.trait_archive(trait=trait, by=world.board)
    assert [c[:2] for c in calls] == [
        ("Trait", "create"),
        ("Stakeholder", "create"),
        ("Position", "create"),
        ("StakeholderAction", "create"),
        ("StakeholderAction", "done"),
        ("Stakeholder", "archive"),
        ("Trait", "archive"),
    ]
    assert calls[-1][2] == world.board


def test_movement_and_chart_are_plain_computation():
    track = Track("Teamleiders", [("1 jan", 3, 0), ("1 apr", 3, 1), ("1 jul", 2, 2)])
    assert movement(track) == (2, -1)
    assert movement(Track("Eén", [("1 jan", 1, 1)])) is None
    svg = positions_chart(
        [track, Track("<script>", [("1 jan", 1, 1)])],
        stance_labels=["Tegenstander", "Neutraal", "Voorstander"],
        influence_labels=["Laag", "Middel", "Hoog"],
        title="Posities",
    )
    assert svg.count("<polyline") == 1 and "marker-end" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_trait_starts_from_the_scans_weakest_statements(login, world, reported):  # noqa: F811
    client = login(world.cx_lead)
    page = client.get(reverse("programme-interests")).content.decode()
    assert "Uit de zwakste stellingen van de scan" in page and "Analyseren" in page
    wave, statements = selectors.weakest_statements(world.org, world.cx_lead)
    assert wave == reported.wave and statements
    weakest = statements[0]
    client.post(
        reverse("programme-interests"),
        {"text": weakest["text"], "statement": weakest["code"], "wave": str(wave.uuid)},
    )
    trait = Trait.objects.get()
    assert (trait.source, trait.statement, trait.wave) == ("scan", weakest["code"], wave)
    # Once analysed it is no longer offered.
    again = selectors.weakest_statements(world.org, world.cx_lead)[1]
    page = client.get(reverse("programme-interests")).content.decode()
    assert f'value="{weakest["code"]}"' not in page and len(again) == len(statements)


def test_every_change_to_the_analysis_is_in_the_audit_trail(world):
    from klantcultuur.audit.models import Action, AuditEvent

    _trait, stakeholder = _analysis(world)
    events = AuditEvent.objects.filter(action=Action.INTEREST_ANALYSIS_CHANGED).order_by("id")
    assert [(e.organization_id, e.actor_email, e.details["what"]) for e in events] == [
        (world.org.id, world.cx_lead.user.email, "create"),
        (world.org.id, world.cx_lead.user.email, "create"),
    ]
    assert str(stakeholder.uuid) in events.last().target
    assert "Ploegleiders" not in str(events.last().details)  # who is named stays in the analysis
