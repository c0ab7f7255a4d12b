"""The Klantstem dashboards: the organisation (or the member's units) and one unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.feedback import charts, metrics, selectors
from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.metrics import Counts, Figures
from klantcultuur.feedback.models import FeedbackSentence, Label
from klantcultuur.feedback.period import GRAIN_LABELS, PERIODS, Period, parse_period
from klantcultuur.feedback.periods import PeriodCounts, series
from klantcultuur.feedback.views.scope import Scope, scope_for
from klantcultuur.orgs.access import get_unit_for_user, member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

TOP_TOPICS = 6
QUOTED_TOPICS = 4
SIGNALS = 5


def _period_label(period: PeriodCounts, grain: str, first: bool = False) -> str:
    if grain == "month":  # the year with the first month and every January: nov 2025 … nov 2026
        with_year = first or period.start.month == 1
        # Translators: date formats (Django's "date" filter); Dutch writes months in lower case.
        return formats.date_format(period.start, _("M Y") if with_year else _("M"))
    if grain == "week":
        return _("wk %(week)s") % {"week": period.start.isocalendar().week}
    return formats.date_format(period.start, _("j M"))


def trend(series: list[PeriodCounts], grain: str, metric: str, min_n: int) -> charts.TrendChart:
    """The chart of one metric over the periods (NPS, CSAT top-2 or CES share 5-7)."""
    values = []
    for index, period in enumerate(series):
        estimate = {
            "nps": period.counts.nps,
            "csat": period.counts.csat,
            "ces": period.counts.ces_high_share,
        }[metric]()
        values.append(
            charts.TrendValue(
                _period_label(period, grain, index == 0),
                estimate.value,
                estimate.low,
                estimate.high,
                estimate.n,
            )
        )
    if metric == "nps":
        return charts.trend_chart(
            values, lowest=-100, highest=100, min_n=min_n, ticks=(-100, -50, 0, 50, 100)
        )
    return charts.trend_chart(
        values, lowest=0, highest=100, min_n=min_n, ticks=(0, 25, 50, 75, 100), fmt="{:.0f}%"
    )


@dataclass
class UnitRow:
    unit: OrgUnit
    figures: Figures
    open_cases: int
    overdue_cases: int

    @property
    def hidden(self) -> bool:
        return self.figures.row_hidden


def _unit_rows(
    request: MemberRequest, scope: Scope, period: Period, headline: dict[bool, Counts]
) -> dict[bool, list[UnitRow]]:
    """Per kind of customer in `headline` (False: customers, True: colleagues), the units one
    level below the scope with their subtree figures, hidden as `metrics.breakdown` says
    beside the headline."""
    tree = scope.tree
    units = selectors.breakdown_units(scope)
    child_ids = [u.id for u in units]
    cases = selectors.case_counts_by_unit(
        organization=request.organization, tree=tree, unit_ids=child_ids
    )
    tables: dict[bool, list[UnitRow]] = {}
    for internal, parent in headline.items():
        per_unit = selectors.counts_by_unit(
            organization=request.organization,
            unit_ids=scope.unit_ids,
            start=period.start,
            end=period.end,
            internal=internal,
        )
        totals = selectors.rollup_to(tree, per_unit, child_ids)
        shown = metrics.breakdown(parent, totals, request.organization.min_group_size)
        tables[internal] = [UnitRow(u, shown[u.id], *cases.get(u.id, (0, 0))) for u in units]
    return tables


def _charts(
    request: MemberRequest, scope: Scope, period: Period, internal: bool, counts: Counts
) -> list[tuple[str, charts.TrendChart]]:
    """The trend of each metric the kind of customer answered, over the periods."""
    daily = selectors.daily_counts(
        organization=request.organization,
        unit_ids=scope.unit_ids,
        start=period.start,
        end=period.end,
        internal=internal,
    )
    buckets = series(daily, period.start, period.end, period.grain)
    min_n = request.organization.min_group_size
    return [
        (title, trend(buckets, period.grain, metric, min_n))
        for metric, title, n in (
            ("nps", _("NPS"), counts.nps_n),
            ("csat", _("CSAT (4 or 5)"), counts.csat_n),
            ("ces", _("CES (5 to 7)"), counts.ces_n),
        )
        if n
    ]


def _comments_allowed(counts_internal: Counts, min_comment_n: int) -> bool:
    """Colleagues' comments show only for groups of enough commenting colleagues."""
    return counts_internal.with_comment >= min_comment_n


def dashboard_context(request: MemberRequest, scope: Scope, period: Period) -> dict:
    organization = request.organization
    min_n = organization.min_group_size
    common: dict[str, Any] = {"organization": organization, "unit_ids": scope.unit_ids}
    external = selectors.counts(**common, start=period.start, end=period.end, internal=False)
    internal = selectors.counts(**common, start=period.start, end=period.end, internal=True)
    before = period.previous()
    previous = selectors.counts(**common, start=before.start, end=before.end, internal=False)
    previous_internal = selectors.counts(
        **common, start=before.start, end=before.end, internal=True
    )
    # Customers and colleagues (internal customers) apart, in every figure, chart and row.
    kinds = metrics.kinds_shown({False: external, True: internal})
    headline = {k: internal if k else external for k in kinds}
    trends = {k: _charts(request, scope, period, k, counts) for k, counts in headline.items()}
    tables = _unit_rows(request, scope, period, headline)
    topics = {t.slug: t.name(get_language()) for t in topics_for(organization)}
    topic_rows = selectors.topic_counts(
        organization=organization, unit_ids=scope.unit_ids, start=period.start, end=period.end
    )[:TOP_TOPICS]
    allow_internal = _comments_allowed(internal, organization.min_comment_group_size)
    quotes = selectors.topic_quotes(
        organization=organization,
        unit_ids=scope.unit_ids,
        start=period.start,
        end=period.end,
        topics=[t.topic for t in topic_rows[:QUOTED_TOPICS]],
        per_topic=2,
        internal=None if allow_internal else False,
    )
    bars = charts.topic_bars([(t.topic, t.compliments, t.improvements) for t in topic_rows])
    topic_view = [
        {
            "slug": t.topic,
            "name": topics.get(t.topic, t.topic),
            "count": t,
            "bar": bar,
            "quotes": quotes.get(t.topic, []),
        }
        for t, bar in zip(topic_rows, bars, strict=True)
    ]
    unit_ids = scope.unit_ids
    case_counts = selectors.case_counts(organization=organization, unit_ids=unit_ids)
    return {
        "scope": scope,
        "period": period,
        "periods": PERIODS,
        "grains": GRAIN_LABELS,
        "external": Figures(external, min_n, previous),
        "internal": Figures(internal, min_n, previous_internal),
        "show_customers": False in kinds,
        "show_colleagues": True in kinds,
        "charts": trends.get(False, []),
        "internal_charts": trends.get(True, []),
        "rows": tables.get(False, []),
        "internal_rows": tables.get(True, []),
        # The whole queue, as its page shows it: waiting records are work, whatever the period.
        "unrouted": selectors.unrouted_count(organization) if scope.includes_unrouted else 0,
        "topics": topic_view,
        "signals": _signals(request, scope, period, allow_internal),
        "cases": case_counts,
        "min_n": min_n,
        "inbox_query": _query(scope, period),
    }


def _signals(request: MemberRequest, scope: Scope, period: Period, allow_internal: bool) -> dict:
    """The latest compliments and improvement points in the scope (two queries)."""
    base = FeedbackSentence.objects.filter(
        feedback__organization=request.organization,
        feedback__day__gte=period.start,
        feedback__day__lte=period.end,
    ).select_related("feedback", "feedback__team")
    if scope.unit_ids is not None:
        base = base.filter(feedback__team_id__in=scope.unit_ids)
    if not allow_internal:
        base = base.filter(feedback__is_internal=False)
    latest = ("-feedback__day", "-feedback__received_at", "position")
    return {
        label: list(base.filter(label=label).order_by(*latest)[:SIGNALS])
        for label in (Label.COMPLIMENT, Label.IMPROVEMENT)
    }


def _query(scope: Scope, period: Period) -> str:
    parts = [f"period={period.key}"]
    if period.chosen_grain:
        parts.append(f"grain={period.chosen_grain}")
    if period.key == "custom":
        parts += [f"from={period.start.isoformat()}", f"to={period.end.isoformat()}"]
    if scope.unit is not None:
        parts.append(f"unit={scope.unit.uuid}")
    return "&".join(parts)


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def overview(request: MemberRequest):
    scope = scope_for(request, None)
    if not scope.sees_all and len(scope.visible) == 1:
        # One team to look at: its page is the overview.
        unit = OrgUnit.objects.get(id=next(iter(scope.visible)))
        return redirect(f"{unit_url(unit)}?{request.GET.urlencode()}")
    period = parse_period(request.GET)
    context = dashboard_context(request, scope, period)
    return render(request, "feedback/dashboard.html", context)


def unit_url(unit: OrgUnit) -> str:
    from django.urls import reverse

    return reverse("feedback-unit", args=[unit.uuid])


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def unit(request: MemberRequest, code: UUID):
    unit = get_unit_for_user(request, code)  # 404 for another organisation's unit
    scope = scope_for(request, code)  # 403 for a unit the member may not see
    period = parse_period(request.GET)
    context = dashboard_context(request, scope, period)
    tree = scope.tree
    ancestors = [a for a in reversed(tree.ancestors(unit.id)) if a in scope.visible]
    found = OrgUnit.objects.in_bulk(ancestors)
    context["breadcrumbs"] = [found[a] for a in ancestors if a in found]
    return render(request, "feedback/dashboard.html", context)
