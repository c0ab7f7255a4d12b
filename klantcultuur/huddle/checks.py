"""The effect check of an improvement action: gather the KPI in both windows, compare.

Feedback KPIs are compared on their roll-up counts (feedback selectors), hand-entered KPIs
on their values; the statistics are in `effect.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from klantcultuur.feedback import selectors as feedback_selectors
from klantcultuur.huddle.models import ImprovementAction, Kpi, KpiValue
from klantcultuur.huddle.steering import effect, evaluation
from klantcultuur.huddle.steering.days import Window
from klantcultuur.orgs.models import Office


@dataclass(frozen=True)
class Measured:
    before: Window
    after: Window
    result: effect.Difference
    verdict: effect.Verdict
    higher_is_better: bool


def can_check(kpi: Kpi | None) -> bool:
    """Whether a KPI has a history to compare (follow-up case counts are a 'now' figure)."""
    return kpi is not None and not kpi.is_case_count


def measure(action: ImprovementAction, checked: date) -> Measured | None:
    """Compare the action's KPI before it started with after it was put into action."""
    kpi = action.kpi
    if kpi is None or not can_check(kpi) or action.started_at is None:
        return None
    planned = timezone.localdate(action.created_at)
    started = timezone.localdate(action.started_at)
    found = effect.windows(planned, started, checked)
    if found is None:
        return None
    before, after = found
    if kpi.is_feedback:
        result, minimum = _feedback_difference(action, kpi, before, after)
    else:
        result, minimum = _values_difference(action, kpi, before, after)
    verdict = effect.verdict(result, higher_is_better=kpi.higher_is_better, minimum=minimum)
    if after.length < effect.MIN_WINDOW_DAYS:
        verdict = effect.Verdict.TOO_LITTLE_DATA  # a few days of action say nothing yet
    return Measured(before, after, result, verdict, kpi.higher_is_better)


def _feedback_difference(action, kpi, before: Window, after: Window):
    internal = action.team.office == Office.BACK
    org = action.organization

    def counts(window: Window):
        return feedback_selectors.counts(
            organization=org.id,
            unit_ids=[action.team_id],
            start=window.start,
            end=window.end,
            internal=internal,
        )

    first, second = counts(before), counts(after)
    minimum = max(effect.MIN_ANSWERS, org.min_group_size)
    if kpi.measure == evaluation.NPS:
        return effect.nps_difference(first, second), minimum
    if kpi.measure == evaluation.CSAT:
        return effect.share_difference(
            first.csat_top2, first.csat_n, second.csat_top2, second.csat_n
        ), minimum
    if kpi.measure in (evaluation.CES_HIGH, evaluation.CES_MEAN):
        # The roll-up keeps no sum of squares, so the mean is checked on the share 5-7.
        return effect.share_difference(
            first.ces_high, first.ces_n, second.ces_high, second.ces_n
        ), minimum
    return effect.share_difference(
        first.compliments,
        first.compliments + first.improvements,
        second.compliments,
        second.compliments + second.improvements,
    ), minimum


def _values_difference(action, kpi, before: Window, after: Window):
    rows = KpiValue.objects.filter(
        team_id=action.team_id,
        kpi=kpi,
        period_start__gte=before.start,
        period_start__lte=after.end,
    ).values_list("period_start", "value")
    first = [float(v) for d, v in rows if d in before]
    second = [float(v) for d, v in rows if d in after]
    return effect.welch_difference(first, second), effect.MIN_VALUES
