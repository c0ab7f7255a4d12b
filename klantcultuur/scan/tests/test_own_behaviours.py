"""An organisation's own example behaviours in the scan: asked of managers about themselves
and of employees about their manager, outside the standard scales, with the gap report run
on them behind the same anonymity gate."""

from __future__ import annotations

import pytest

from klantcultuur.scan import selectors, services
from klantcultuur.scan.questionnaire import scale_items
from klantcultuur.scan.services.questionnaires import (
    BehaviourStatement,
    own_behaviours,
    questionnaire_add_item,
    questionnaire_remove_item,
    questionnaire_set_behaviours,
)
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

CALL_BACK = BehaviourStatement(
    key="terugbellen",
    self_nl="Bij elke klacht bel ik de klant binnen een werkdag terug.",
    seen_nl="Mijn leidinggevende belt bij elke klacht de klant binnen een werkdag terug.",
)
EXPLAIN = BehaviourStatement(
    key="uitleggen",
    self_nl="Na elke reparatie leg ik de huurder uit wat ik deed.",
    seen_nl="Mijn leidinggevende legt na elke reparatie de huurder uit wat hij deed.",
)


def test_own_behaviours_become_pairs_for_managers_and_employees_outside_the_standard_scales(
    world,
):
    version = questionnaire_set_behaviours(
        organization=world.org, actor=None, statements=[CALL_BACK, EXPLAIN]
    )
    items = {i["code"]: i for i in version.custom_items}
    assert set(items) == {"OGZ1", "OGM1", "OGZ2", "OGM2"}
    assert (items["OGZ1"]["audience"], items["OGM1"]["audience"]) == ("managers", "employees")
    assert items["OGZ1"]["response_scale"] == "frequency" and items["OGZ1"]["scale"] is None
    assert items["OGM1"]["text"]["nl"] == CALL_BACK.seen_nl
    standard = services.standard_version().questionnaire
    for scale in ("VBZ", "VBM"):  # the standard scales stay comparable
        assert scale_items(version.questionnaire)[scale] == scale_items(standard)[scale]
    assert [s.key for s in own_behaviours(version)] == ["terugbellen", "uitleggen"]


def test_setting_behaviours_again_replaces_them_and_keeps_the_organisations_own_questions(
    world,
):
    questionnaire_add_item(
        organization=world.org,
        actor=None,
        section="eigen",
        kind="likert",
        text_nl="Ik weet wie onze klanten zijn.",
        text_en="I know who our customers are.",
    )
    questionnaire_set_behaviours(organization=world.org, actor=None, statements=[CALL_BACK])
    version = questionnaire_set_behaviours(organization=world.org, actor=None, statements=[EXPLAIN])
    codes = {i["code"] for i in version.custom_items}
    assert codes == {"EIG1", "OGZ1", "OGM1"}
    assert [s.key for s in own_behaviours(version)] == ["uitleggen"]


def test_removing_one_side_removes_the_whole_behaviour(world):
    questionnaire_set_behaviours(
        organization=world.org, actor=None, statements=[CALL_BACK, EXPLAIN]
    )
    version = questionnaire_remove_item(organization=world.org, actor=None, code="OGM1")
    assert [s.key for s in own_behaviours(version)] == ["uitleggen"]


@pytest.fixture
def reported_own(world):
    version = questionnaire_set_behaviours(
        organization=world.org, actor=None, statements=[CALL_BACK, EXPLAIN]
    )
    wave = make_wave(world.org, version=version)
    add_responses(wave, world.team, 12, level=2)  # employees see little of it
    add_responses(wave, world.back_team, 3, level=2)  # too few to show
    add_responses(wave, world.department, 6, role="manager", level=5)  # managers: always
    close_and_report(wave)
    return wave


def test_the_gap_report_runs_on_the_organisations_own_behaviours(world, reported_own):
    gate, _report = selectors.report_gate(reported_own, world.cx_lead)
    rows = {row["behaviour"]: row for row in gate.gap("org")}
    assert {"B1", "terugbellen", "uitleggen"} <= set(rows)
    own = rows["terugbellen"]
    assert (own["self_code"], own["seen_code"]) == ("OGZ1", "OGM1")
    assert own["self"].n == 6 and own["seen"].n == 15
    assert own["self"].value["mean"] > own["seen"].value["mean"] + 1.5


def test_a_team_below_the_threshold_shows_no_view_of_its_manager_on_own_behaviours(
    world, reported_own
):
    gate, _report = selectors.report_gate(reported_own, world.cx_lead)
    rows = {row["behaviour"]: row for row in gate.gap(str(world.back_team.uuid))}
    assert not rows["terugbellen"]["seen"]  # 3 employees: hidden
    assert rows["terugbellen"]["seen"].value is None
    # Its sibling team would give the small team away by subtraction from the department.
    sibling = {row["behaviour"]: row for row in gate.gap(str(world.team.uuid))}
    assert sibling["terugbellen"]["seen"].reason == "protects_smaller_group"
    department = {row["behaviour"]: row for row in gate.gap(str(world.department.uuid))}
    assert department["terugbellen"]["seen"].n == 15
