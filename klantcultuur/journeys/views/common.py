"""Small helpers the journey views share."""

from __future__ import annotations

from klantcultuur.feedback.period import Period, parse_period

DEFAULT_PERIOD = "90"  # a quarter: the review cycle


def period_of(request) -> Period:
    """The period asked for, read as the Klantstem pages read it (so the figures agree)."""
    params = request.GET.copy()
    params.setdefault("period", DEFAULT_PERIOD)
    return parse_period(params)


def period_query(period: Period) -> str:
    if period.key == "custom":
        return f"period=custom&from={period.start.isoformat()}&to={period.end.isoformat()}"
    return f"period={period.key}"
