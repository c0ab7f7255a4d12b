"""Which units' results a member may read: the one rule every app's access helpers use."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from klantcultuur.orgs.access import require_visible_unit


def request_for(membership):
    request = RequestFactory().get("/")
    request.membership, request.organization = membership, membership.organization
    return request


def test_an_employee_sees_only_their_own_team(world, django_assert_num_queries):
    with django_assert_num_queries(1):  # the units they manage: none, so no tree is loaded
        assert world.employee.visible_unit_ids() == {world.team.id}
    with django_assert_num_queries(0):  # kept for the rest of the request
        world.employee.visible_unit_ids()


def test_a_manager_sees_the_subtrees_they_lead(world):
    world.department.manager = world.manager
    world.department.save()
    assert world.manager.visible_unit_ids() == {
        world.department.id,
        world.team.id,
        world.back_team.id,
    }


def test_board_and_cx_see_every_unit_of_their_organisation_only(world):
    seen = world.board.visible_unit_ids()
    assert world.team.id in seen and world.division.id in seen
    assert world.other_team.id not in seen


def test_unrouted_objects_are_for_those_who_see_every_unit(world):
    require_visible_unit(request_for(world.cx_lead), None)
    with pytest.raises(PermissionDenied):
        require_visible_unit(request_for(world.manager), None)
    with pytest.raises(PermissionDenied):
        require_visible_unit(request_for(world.employee), world.back_team.id)
    require_visible_unit(request_for(world.employee), world.team.id)
