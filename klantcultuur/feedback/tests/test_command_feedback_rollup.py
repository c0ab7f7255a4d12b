"""`manage.py feedback_rollup`: checks the roll-ups against the records; --rebuild repairs."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import DailyTeamStats
from klantcultuur.feedback.tests.factories import ingest, item


def run(*args: str, capsys) -> str:
    call_command("feedback_rollup", *args)
    return capsys.readouterr().out


@pytest.fixture
def fed(world):
    ingest(world.org, item(score=9, team_code="W-KC-1"), item(score=3, team_code="W-KC-1"))
    ingest(world.other_org, item(score=7))
    return world


def test_roll_ups_that_agree_are_reported_per_organisation(fed, capsys):
    out = run(capsys=capsys)
    assert "Woonstichting De Linge: agrees" in out
    assert "Zorgverzekeraar Zuid: agrees" in out


def test_a_difference_fails_the_check_names_it_and_rebuild_repairs_it(fed, capsys):
    DailyTeamStats.objects.filter(organization=fed.org, team=fed.team).update(records=5)
    with pytest.raises(CommandError, match="1 differences; run with --rebuild"):
        run(capsys=capsys)
    out = capsys.readouterr().out
    assert "Woonstichting De Linge: 1 differences" in out
    assert "Zorgverzekeraar Zuid: agrees" in out

    out = run("--rebuild", "--organization", "de-linge", capsys=capsys)
    assert "Woonstichting De Linge: rebuilt (1 rows)" in out
    assert "Zorgverzekeraar Zuid" not in out  # only the organisation asked for
    assert rollup.differences(fed.org.id) == []
    assert DailyTeamStats.objects.get(organization=fed.org, team=fed.team).records == 2
    assert "Woonstichting De Linge: agrees" in run(capsys=capsys)


def test_checking_one_organisation_leaves_the_others_alone(fed, capsys):
    DailyTeamStats.objects.filter(organization=fed.other_org).update(records=9)
    out = run("--organization", "de-linge", capsys=capsys)
    assert out.strip() == "Woonstichting De Linge: agrees"
