"""The "gedrag van de week" block of a team's dagstart board, loaded by the board (htmx) so
that the board's own page reads nothing of this app."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.vision import selectors


def _day(value: str | None) -> date:
    today = timezone.localdate()
    try:
        return min(date.fromisoformat(value), today) if value else today
    except ValueError:
        return today


def _story(unit, day: date):
    """The customer's story the team chose for that dagstart, when it is a customer's."""
    from klantcultuur.huddle.models import Huddle

    huddle = Huddle.objects.filter(unit=unit, day=day).select_related("story").first()
    story = huddle.story if huddle is not None else None
    return story if story is not None and not story.is_internal else None


@member_required(methods=("GET",))
def week_block(request: MemberRequest, code: UUID):
    unit = get_visible_unit_for_user(request, code)
    day = _day(request.GET.get("day"))
    week = selectors.behaviour_of_the_week(unit, day)
    wall = request.GET.get("wall") == "1"
    story = _story(unit, day)
    story_tags, behaviours = [], []
    if story is not None:
        story_tags = selectors.tags_by_record(request.organization, [story.uuid]).get(
            story.uuid, []
        )
        if not wall:
            behaviours = selectors.behaviours_for_unit(request.organization, unit)
    board = reverse("huddle-board", args=[unit.uuid]) + f"?day={day.isoformat()}"
    return render(
        request,
        "vision/_week_block.html",
        {
            "week": week,
            "wall": wall,
            "story": story,
            "story_tags": story_tags,
            "behaviours": behaviours,
            "next": board,
        },
    )
