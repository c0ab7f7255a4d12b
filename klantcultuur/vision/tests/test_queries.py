"""List and overview pages read with a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klantcultuur.orgs.models import OrgUnit
from klantcultuur.testing import make_member
from klantcultuur.vision.models import Endorsement, Observation, RecallAnswer
from klantcultuur.vision.services import endorsements as services
from klantcultuur.vision.tests.helpers import behaviour, published, recall_check


def grow(world, n: int, start: int = 0) -> None:
    """n more teams under the department, each with a manager and three employees."""
    for i in range(start, start + n):
        team = OrgUnit.objects.create(
            organization=world.org, parent=world.department, name=f"Team {i}", code=f"T{i}"
        )
        lead = make_member(world.org, f"lead{i}@linge.example", "manager", team)
        team.manager = lead
        team.save(update_fields=["manager"])
        for j in range(3):
            make_member(world.org, f"m{i}-{j}@linge.example", "employee", team)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _fill(world, version, recall, seen) -> None:
    for e in Endorsement.objects.filter(version=version):
        if e.id % 3 == 0:
            services.endorsement_answer(endorsement=e, status="not_yet", remark="Nog niet.")
        elif e.id % 3 == 1:
            services.endorsement_answer(endorsement=e, status="remark", remark="Eens, maar.")
    for team in OrgUnit.objects.filter(organization=world.org, kind="team"):
        for _j in range(6):
            RecallAnswer.objects.create(
                organization=world.org,
                recall=recall,
                unit=team,
                text="bellen",
                understanding=4,
                named=2,
            )
        Observation.objects.create(
            organization=world.org,
            behaviour=seen,
            unit=team,
            shown_by=world.employee,
            observer=world.manager,
        )


def test_the_overview_pages_do_not_read_more_as_the_organisation_grows(world, login):
    grow(world, 3)
    version = published(world)
    recall, seen = recall_check(world, version), behaviour(world, version)
    _fill(world, version, recall, seen)
    client = login(world.cx_lead)
    urls = [
        reverse("vision-draagvlak"),
        reverse("vision-recall-results", args=[recall.uuid]),
        reverse("vision-observations"),
        reverse("vision-behaviours"),
        reverse("vision-home"),
    ]
    small = [count(client, url) for url in urls]
    grow(world, 12, start=3)
    Endorsement.objects.filter(version=version).delete()
    services.endorsements_request(version=version)
    RecallAnswer.objects.filter(recall=recall).delete()
    Observation.objects.all().delete()
    _fill(world, version, recall, seen)
    large = [count(client, url) for url in urls]
    assert large == small
    assert Endorsement.objects.filter(version=version).count() >= 15
    # The draagvlak overview: session, user, membership (3), version with the previous one's
    # id (1), endorsements grouped (1, which also gives the list's count), unit tree (1),
    # unit names (1), objections (1), the page (1), saving the session (0-3).
    assert small[0] <= 12
    # The recall results: session, user, membership (3), recall check (1), unit tree (1),
    # answers grouped with the counts per promise (1), unit names (1), promises (1), saving
    # the session (0-3).
    assert small[1] <= 11


def test_the_list_count_from_the_summary_is_the_count_of_the_list(world):
    from klantcultuur.orgs.tree import UnitTree
    from klantcultuur.vision import selectors

    grow(world, 4)
    version = published(world)
    recall, seen = recall_check(world, version), behaviour(world, version)
    _fill(world, version, recall, seen)
    summary = selectors.draagvlak(version)
    below = UnitTree.for_organization(world.org.id).subtree_ids(world.department.id)
    for filters in (
        {},
        {"layer": "team"},
        {"status": "not_yet"},
        {"unit_ids": below},
        {"layer": "team", "status": "remark", "unit_ids": below},
        {"unit_ids": [world.back_team.id]},
    ):
        _rows, counted = selectors.endorsement_rows(version, **filters)
        assert summary.count(**filters) == counted, filters
