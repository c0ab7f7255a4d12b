"""The reporting period a page shows, read from its query string (`?period=`, `?from=&to=`).

Documented in INTERFACES.md: other apps read their period exactly as the Klantstem pages
do, so that their figures agree with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.periods import grain_for

PERIODS = {
    "7": _("Last 7 days"),
    "30": _("Last 30 days"),
    "90": _("Last 90 days"),
    "365": _("Last 12 months"),
}
DEFAULT_PERIOD = "30"


GRAIN_LABELS = {"day": _("per day"), "week": _("per week"), "month": _("per month")}


@dataclass
class Period:
    key: str  # "7", "30", "90", "365" or "custom"
    start: date
    end: date
    chosen_grain: str = ""  # "day", "week" or "month"; empty: what suits the length

    @property
    def grain(self) -> str:
        return self.chosen_grain or grain_for(self.start, self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (for trends)."""
        length = timedelta(days=self.days)
        return Period(
            self.key, self.start - length, self.start - timedelta(days=1), self.chosen_grain
        )


def parse_period(params, today: date | None = None) -> Period:
    """The period asked for in the query (default: the last 30 days up to today)."""
    today = today or timezone.localdate()
    grain = params.get("grain", "")
    found = _parse_period(params, today)
    if grain in GRAIN_LABELS:
        found.chosen_grain = grain
    return found


def _parse_period(params, today: date) -> Period:
    key = params.get("period", DEFAULT_PERIOD)
    if key == "custom":
        try:
            start = date.fromisoformat(params.get("from", ""))
            end = date.fromisoformat(params.get("to", ""))
        except ValueError:
            key = DEFAULT_PERIOD
        else:
            if start <= end and (end - start).days <= 3 * 366:
                return Period("custom", start, end)
            key = DEFAULT_PERIOD
    if key not in PERIODS:
        key = DEFAULT_PERIOD
    return Period(key, today - timedelta(days=int(key) - 1), today)
