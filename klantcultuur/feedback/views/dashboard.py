"""The Klantstem dashboards: the organisation (or the member's units) and one unit."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.feedback import charts, metrics, selectors
from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.metrics import ZERO, Counts, Estimate
from klantcultuur.feedback.models import FeedbackSentence, Label
from klantcultuur.feedback.periods import PeriodCounts
from klantcultuur.feedback.views.scope import (
    GRAIN_LABELS,
    PERIODS,
    Period,
    Scope,
    parse_period,
    scope_for,
)
from klantcultuur.orgs.access import get_unit_for_user, member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.orgs.roles import Perm

TOP_TOPICS = 6
QUOTED_TOPICS = 4
SIGNALS = 5


@dataclass
class Figures:
    """The figures of one group of answers, hidden below the anonymity threshold."""

    counts: Counts
    min_n: int
    previous: Counts | None = None  # the period before, for the change

    def _change(self, current: Estimate | None, metric: str) -> float | None:
        if current is None or self.previous is None:
            return None
        before = Figures(self.previous, self.min_n)
        earlier = getattr(before, metric)
        return None if earlier is None else current.value - earlier.value

    @property
    def nps_change(self) -> float | None:
        return self._change(self.nps, "nps")

    @property
    def csat_change(self) -> float | None:
        return self._change(self.csat, "csat")

    @property
    def ces_change(self) -> float | None:
        return self._change(self.ces_high, "ces_high")

    def _shown(self, estimate: Estimate) -> Estimate | None:
        return estimate if metrics.shown(estimate.n, self.min_n) else None

    @property
    def nps(self) -> Estimate | None:
        return self._shown(self.counts.nps())

    @property
    def csat(self) -> Estimate | None:
        return self._shown(self.counts.csat())

    @property
    def ces_high(self) -> Estimate | None:
        return self._shown(self.counts.ces_high_share())

    @property
    def ces_mean(self) -> float | None:
        return self.counts.ces_mean() if metrics.shown(self.counts.ces_n, self.min_n) else None

    @property
    def any(self) -> bool:
        return self.counts.records > 0


def _period_label(period: PeriodCounts, grain: str) -> str:
    if grain == "month":
        return formats.date_format(period.start, "M")
    if grain == "week":
        return _("wk %(week)s") % {"week": period.start.isocalendar().week}
    return formats.date_format(period.start, "j M")


def trend(series: list[PeriodCounts], grain: str, metric: str, min_n: int) -> charts.TrendChart:
    """The chart of one metric over the periods (NPS, CSAT top-2 or CES share 5-7)."""
    values = []
    for period in series:
        estimate = {
            "nps": period.counts.nps, "csat": period.counts.csat,
            "ces": period.counts.ces_high_share,
        }[metric]()  # fmt: skip
        values.append(charts.TrendValue(_period_label(period, grain), estimate.value,
                                        estimate.low, estimate.high, estimate.n))  # fmt: skip
    if metric == "nps":
        return charts.trend_chart(values, lowest=-100, highest=100, min_n=min_n,
                                  ticks=(-100, -50, 0, 50, 100))  # fmt: skip
    return charts.trend_chart(values, lowest=0, highest=100, min_n=min_n, ticks=(0, 25, 50, 75, 100),
                              fmt="{:.0f}%")  # fmt: skip


@dataclass
class UnitRow:
    unit: OrgUnit
    figures: Figures
    hidden: bool
    open_cases: int
    overdue_cases: int


def _unit_rows(
    request: OrgRequest, scope: Scope, period: Period, min_n: int
) -> tuple[list[UnitRow], Counts]:
    """The units one level below the scope with their subtree figures (complementary
    suppression: no hidden unit can be worked out from the total and the others)."""
    tree = scope.tree
    if scope.unit is not None:
        child_ids = [c for c in tree.children.get(scope.unit.id, []) if not tree.nodes[c].archived]
    else:
        child_ids = [r for r in tree.roots() if not tree.nodes[r].archived]
        if not scope.sees_all:
            child_ids = [u for u in sorted(scope.visible) if not tree.nodes[u].archived]
    per_unit = selectors.counts_by_unit(
        organization=request.organization, unit_ids=scope.unit_ids, start=period.start,
        end=period.end, internal=None,
    )  # fmt: skip
    totals = selectors.rollup_to(tree, per_unit, child_ids)
    units = OrgUnit.objects.in_bulk(child_ids)
    parent_n = sum(c.records for c in totals.values())
    hidden = metrics.suppress_complementary(
        parent_n, {u: c.records for u, c in totals.items()}, min_n
    )
    cases = selectors.case_counts_by_unit(
        organization=request.organization, tree=tree, unit_ids=child_ids
    )
    rows = [
        UnitRow(units[u], Figures(totals[u], min_n), u in hidden, *cases.get(u, (0, 0)))
        for u in child_ids
        if u in units
    ]
    rows.sort(key=lambda r: r.unit.name.lower())
    return rows, per_unit.get(None, ZERO)


def _comments_allowed(counts_internal: Counts, min_comment_n: int) -> bool:
    """Colleagues' comments show only for groups of enough commenting colleagues."""
    return counts_internal.with_comment >= min_comment_n


def dashboard_context(request: OrgRequest, scope: Scope, period: Period) -> dict:
    organization = request.organization
    min_n = organization.min_group_size
    common = {"organization": organization, "unit_ids": scope.unit_ids}
    external = selectors.counts(**common, start=period.start, end=period.end, internal=False)
    internal = selectors.counts(**common, start=period.start, end=period.end, internal=True)
    before = period.previous()
    previous = selectors.counts(**common, start=before.start, end=before.end, internal=False)
    previous_internal = selectors.counts(
        **common, start=before.start, end=before.end, internal=True
    )
    daily = selectors.daily_counts(**common, start=period.start, end=period.end)
    from klantcultuur.feedback.periods import series

    grain = period.grain
    buckets = series(daily, period.start, period.end, grain)
    total = external + internal
    charts_shown = []
    for metric, title, n in (("nps", _("NPS"), total.nps_n), ("csat", _("CSAT (4 or 5)"), total.csat_n),
                             ("ces", _("CES (5 to 7)"), total.ces_n)):  # fmt: skip
        if n:
            charts_shown.append((title, trend(buckets, grain, metric, min_n)))
    rows, unrouted = _unit_rows(request, scope, period, min_n)
    topics = {t.slug: t.name(get_language()) for t in topics_for(organization)}
    topic_rows = selectors.topic_counts(
        organization=organization, unit_ids=scope.unit_ids, start=period.start, end=period.end
    )[:TOP_TOPICS]
    allow_internal = _comments_allowed(internal, organization.min_comment_group_size)
    quotes = selectors.topic_quotes(
        organization=organization, unit_ids=scope.unit_ids, start=period.start, end=period.end,
        topics=[t.topic for t in topic_rows[:QUOTED_TOPICS]], per_topic=2,
        internal=None if allow_internal else False,
    )  # fmt: skip
    bars = charts.topic_bars([(t.topic, t.compliments, t.improvements) for t in topic_rows])
    topic_view = [
        {"slug": t.topic, "name": topics.get(t.topic, t.topic), "count": t, "bar": bar,
         "quotes": quotes.get(t.topic, [])}
        for t, bar in zip(topic_rows, bars, strict=True)
    ]  # fmt: skip
    unit_ids = scope.unit_ids
    case_counts = selectors.case_counts(organization=organization, unit_ids=unit_ids)
    return {
        "scope": scope,
        "period": period,
        "periods": PERIODS,
        "grains": GRAIN_LABELS,
        "external": Figures(external, min_n, previous),
        "internal": Figures(internal, min_n, previous_internal),
        "charts": charts_shown,
        "rows": rows,
        "unrouted": unrouted.records if scope.includes_unrouted else 0,
        "topics": topic_view,
        "signals": _signals(request, scope, period, allow_internal),
        "cases": case_counts,
        "min_n": min_n,
        "inbox_query": _query(scope, period),
    }


def _signals(request: OrgRequest, scope: Scope, period: Period, allow_internal: bool) -> dict:
    """The latest compliments and improvement points in the scope (two queries)."""
    base = FeedbackSentence.objects.filter(
        feedback__organization=request.organization, feedback__day__gte=period.start,
        feedback__day__lte=period.end,
    ).select_related("feedback", "feedback__team")  # fmt: skip
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
def overview(request: OrgRequest):
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
def unit(request: OrgRequest, code: UUID):
    get_unit_for_user(request, code)  # 404 for another organisation's unit
    scope = scope_for(request, code)  # 403 for a unit the member may not see
    period = parse_period(request.GET)
    context = dashboard_context(request, scope, period)
    tree = scope.tree
    ancestors = [a for a in reversed(tree.ancestors(scope.unit.id)) if a in scope.visible]
    found = OrgUnit.objects.in_bulk(ancestors)
    context["breadcrumbs"] = [found[a] for a in ancestors if a in found]
    return render(request, "feedback/dashboard.html", context)
