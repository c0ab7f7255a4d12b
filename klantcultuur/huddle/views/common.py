"""Small helpers the huddle views share."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

EARLIEST_DAY = date(2000, 1, 1)


def board_day(value: str | None) -> date:
    """The board's day from ?day=YYYY-MM-DD: today when absent, malformed, before 2000 (no
    team has a board there, and the weeks before it would fall off the calendar) or in the
    future."""
    today = timezone.localdate()
    if not value:
        return today
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return today
    if day < EARLIEST_DAY:
        return today
    return min(day, today)


def back_to(request, fallback: str, *args) -> HttpResponseRedirect:
    """Redirect to ?next= or the form's `next` when it is a page of this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback, *args)
