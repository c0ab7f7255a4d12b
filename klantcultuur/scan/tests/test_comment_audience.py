"""An open answer is shown only when at least the comment threshold of people *were asked*
that question in the group: a managers-only question counts the managers, not everyone."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.scan import selectors, services
from klantcultuur.scan.models import Response, WaveReport
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.tests.helpers import add_responses, answers_for, close_and_report, make_wave

SECRET = "De directeur luistert nooit naar mij"


def _managers_question_wave(world):
    services.questionnaire_copy_create(organization=world.org, actor=world.cx_lead.user)
    version = services.questionnaire_add_item(
        organization=world.org,
        actor=world.cx_lead.user,
        section="open",
        kind="open",
        text_nl="Wat heb jij als leidinggevende nodig?",
        text_en="What do you need as a manager?",
        audience="managers",
    )
    code = version.custom_items[-1]["code"]
    return make_wave(world.org, version=version), code


def _managers(wave, unit, n, code, text):
    Response.objects.bulk_create(
        [
            Response(
                wave=wave,
                unit=unit,
                role="manager",
                answers=answers_for(wave, "manager", 4, index=i),
                comments={code: f"{text} ({i})", "OPN4": f"Leiding {i}"},
            )
            for i in range(n)
        ]
    )


def test_a_managers_only_question_with_two_managers_is_never_shown(login, world):
    wave, code = _managers_question_wave(world)
    add_responses(wave, world.team, 12, comment="Meer tijd voor de huurder")
    _managers(wave, world.department, 2, code, SECRET)
    close_and_report(wave)

    gate, _report = selectors.report_gate(wave, world.cx_lead)
    figure = gate.comments(ROOT_KEY)
    assert figure.shown  # 14 respondents answered the questions everyone was asked
    assert "OPN4" in figure.value
    assert code not in figure.value
    for key in gate.visible_keys():
        shown = gate.comments(key)
        assert not shown or code not in shown.value, key

    for viewer in (world.cx_lead, world.admin):
        client = login(viewer)
        for unit in ("", f"?unit={world.division.uuid}", f"?unit={world.department.uuid}"):
            body = client.get(reverse("scan-comments", args=[wave.uuid]) + unit).content.decode()
            assert SECRET not in body
    body = login(world.cx_lead).get(reverse("scan-comments", args=[wave.uuid])).content.decode()
    assert "Meer tijd voor de huurder" in body


def test_a_managers_only_question_is_shown_once_enough_managers_were_asked(login, world):
    wave, code = _managers_question_wave(world)
    add_responses(wave, world.team, 12, comment="Meer tijd voor de huurder")
    _managers(wave, world.department, 10, code, "Meer mandaat voor teamleiders")
    close_and_report(wave)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    assert code in gate.comments(ROOT_KEY).value
    body = login(world.cx_lead).get(reverse("scan-comments", args=[wave.uuid])).content.decode()
    assert "Meer mandaat voor teamleiders" in body


def test_a_report_stored_before_the_rule_hides_questions_not_asked_to_everyone(world):
    wave, code = _managers_question_wave(world)
    add_responses(wave, world.team, 12, comment="Meer tijd")
    _managers(wave, world.department, 10, code, "Meer mandaat")
    report = close_and_report(wave)
    decisions = dict(report.decisions)
    decisions.pop("comment_slices")
    WaveReport.objects.filter(pk=report.pk).update(decisions=decisions)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    assert code not in gate.comments(ROOT_KEY).value
    assert "OPN4" in gate.comments(ROOT_KEY).value
