"""The manager's private block on their own team's page, and plain Dutch before statistics."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from klantcultuur.orgs.roles import Role
from klantcultuur.scan import selectors
from klantcultuur.testing import make_member

TITLE = "Jouw voorbeeldgedrag: jij en je team"


def url(name, reported, *args):
    return reverse(name, args=[reported.wave.uuid, *args])


def block(body: str) -> str:
    found = re.search(r'<section class="card own-example".*?</section>', body, re.S)
    return found.group(0) if found else ""


def row(html: str, label: str) -> list[str]:
    found = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert found, label
    return re.findall(r'<td class="num">(.*?)</td>', found.group(1), re.S)


def test_the_manager_sees_the_teams_view_next_to_the_self_view(login, world, reported):
    body = login(world.manager).get(url("scan-unit", reported, world.team.uuid)).content.decode()
    own = block(body)
    assert TITLE in own and "Alleen jij ziet dit blok" in own
    # Above the scales, the phase and every other figure of the page.
    assert body.index(TITLE) < body.index("Volwassenheidsfase")
    # The team's view is the gate's figure for the team's employees; no manager answered for
    # the team itself, so the self-view says why instead of showing a number.
    gate, _ = selectors.report_gate(reported.wave, world.manager)
    seen = gate.scale(str(world.team.uuid), "VBM", "employee")
    assert seen.n == 12
    assert row(own, "Al het voorbeeldgedrag samen") == [
        f"{seen.value['mean']:.2f}".replace(".", ",")
    ]
    [first_seen] = row(own, "Ik begin het teamoverleg met een verhaal of signaal van een klant.")
    assert re.fullmatch(r"\d,\d\d", first_seen)
    # No column of grey boxes: one sentence says why the self-view is not there.
    assert own.count("Geen respondenten") == 1 and "Zelfbeeld leidinggevenden</th>" not in own
    assert "niet onder je naam bewaard" in own  # says where the self-view comes from


def test_a_department_manager_sees_the_managers_self_view_when_there_are_enough(
    login, world, reported
):
    head = make_member(world.org, "karin@linge.example", Role.MANAGER, world.department)
    world.department.manager = head
    world.department.save(update_fields=["manager"])
    body = login(head).get(url("scan-unit", reported, world.department.uuid)).content.decode()
    gate, _ = selectors.report_gate(reported.wave, head)
    key = str(world.department.uuid)
    own_scale = gate.scale(key, "VBZ", "manager")
    seen_scale = gate.scale(key, "VBM", "employee")
    assert own_scale.n == 5 and seen_scale.n == 24
    assert row(block(body), "Al het voorbeeldgedrag samen") == [
        f"{seen_scale.value['mean']:.2f}".replace(".", ","),
        f"{own_scale.value['mean']:.2f}".replace(".", ","),
    ]


def test_below_the_threshold_the_block_says_why_and_what_would_show_it(login, world, reported):
    world.back_team.manager = world.manager  # 4 respondents this wave
    world.back_team.save(update_fields=["manager"])
    body = (
        login(world.manager).get(url("scan-unit", reported, world.back_team.uuid)).content.decode()
    )
    own = block(body)
    assert TITLE in own
    assert "minder dan 5 van je medewerkers vulden de scan in" in own
    assert "zodra minstens 5 medewerkers van dit team de scan invullen" in own
    assert "<table" not in own and not re.search(r"\d,\d\d", own)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.BOARD, Role.HR, Role.CX_LEAD])
def test_nobody_else_with_the_report_sees_the_block(login, world, reported, role):
    response = login(world.members[role]).get(url("scan-unit", reported, world.team.uuid))
    assert response.status_code == 200
    assert TITLE not in response.content.decode() and "Zo ziet je team het" not in (
        response.content.decode()
    )


def test_the_managers_own_manager_does_not_see_it(login, world, reported):
    head = make_member(world.org, "karin@linge.example", Role.MANAGER, world.department)
    world.department.manager = head
    world.department.save(update_fields=["manager"])
    response = login(head).get(url("scan-unit", reported, world.team.uuid))
    assert response.status_code == 200 and TITLE not in response.content.decode()


def test_an_employee_gets_403_and_an_outsider_404(login, world, reported):
    target = url("scan-unit", reported, world.team.uuid)
    assert login(world.employee).get(target).status_code == 403
    assert login(world.outsider).get(target).status_code == 404


def _outside_details(body: str) -> str:
    return re.sub(r"<details.*?</details>", "", body, flags=re.S)


def test_statistics_terms_stand_behind_a_plain_dutch_explanation(login, world, reported):
    client = login(world.cx_lead)
    unit = client.get(url("scan-unit", reported, world.team.uuid)).content.decode()
    report = client.get(url("scan-report", reported)).content.decode()
    terms = {
        unit: ["r_wg", "standaarddeviatie (SD)"],
        report: ["Shapley-decompositie", "Cronbachs alfa"],
    }
    for body, words in terms.items():
        hidden = "".join(re.findall(r"<details.*?</details>", body, re.S))
        for word in words:
            assert word in hidden, word
        plain = _outside_details(body)
        for word in ("r_wg", "(SD)", "Shapley", "Cronbach", "Newcombe"):
            assert word not in plain, word
    assert "Spreiding</th>" in unit and "Hoe betrouwbaar zijn de schalen?" in report
    assert "Hoeveel van de verschillen" in report
