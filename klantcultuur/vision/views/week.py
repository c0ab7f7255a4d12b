"""The "gedrag van de week" block of a team's dagstart board, loaded by the board (htmx) so
that the board's own page reads nothing of this app."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.shortcuts import render
from django.utils import timezone

from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.vision import selectors


def _day(value: str | None) -> date:
    today = timezone.localdate()
    try:
        return min(date.fromisoformat(value), today) if value else today
    except ValueError:
        return today


@member_required(methods=("GET",))
def week_block(request: OrgRequest, code: UUID):
    unit = get_visible_unit_for_user(request, code)
    week = selectors.behaviour_of_the_week(unit, _day(request.GET.get("day")))
    return render(
        request, "vision/_week_block.html", {"week": week, "wall": request.GET.get("wall") == "1"}
    )
