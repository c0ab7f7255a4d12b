"""The board report's figures, read through the other apps' own selectors and gates.

Nothing is computed here that another app already computes: the culture scan through its
report gate and page builders (anonymity included), customer feedback through its roll-up
selectors, metric formulas and trend chart, dagstart adoption, vision and programme figures
through the programme's selectors. This module only chooses the wave, the units and the
period, and turns every chart into a standalone SVG (inline in the print view, an image in
the PDF).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors as feedback
from klantcultuur.feedback.views.dashboard import trend  # the dashboard's own trend chart
from klantcultuur.huddle import selectors as huddle
from klantcultuur.huddle.models import EffectCheck, ImprovementAction
from klantcultuur.huddle.steering.days import is_working_day
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, Organization, OrgUnit, UnitKind
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.programme import selectors as programme
from klantcultuur.programme.progress import adoption_chart
from klantcultuur.reports.period import Period, trend_start, working_days
from klantcultuur.scan.models import Wave
from klantcultuur.scan.reporting import pages
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.selectors import report_gate

MAX_ADOPTION_DAYS = 66  # about a quarter of working days; longer periods show the last ones
EFFECTS_LISTED = 12
METRICS = ("nps", "csat", "ces")


@dataclass(frozen=True)
class Chart:
    svg: str

    @property
    def uri(self) -> str:
        """The chart as a data URI (the PDF renderer draws SVG images, not inline SVG)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _chart(svg: str | None) -> Chart | None:
    if not svg:
        return None
    if "xmlns=" not in svg[:200]:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return Chart(svg)


@dataclass
class BoardReport:
    organization: Organization
    unit: OrgUnit | None
    period: Period
    name: str
    scan: dict[str, Any] | None = None
    wave: Wave | None = None
    feedback: list[dict[str, Any]] = field(default_factory=list)
    feedback_n: int = 0
    adoption: dict[str, Any] = field(default_factory=dict)
    actions: dict[str, Any] = field(default_factory=dict)
    vision: Any = None
    programme: dict[str, Any] = field(default_factory=dict)
    min_group_size: int = 5


def scope_ids(organization: Organization, unit: OrgUnit | None) -> set[int] | None:
    """The unit and everything below it; None for the whole organisation."""
    if unit is None:
        return None
    return set(UnitTree.for_organization(organization.id).subtree_ids(unit.id))


def latest_wave(organization: Organization, *, until: date) -> Wave | None:
    """The newest wave with a finished report that opened by the end of the period."""
    return (
        Wave.objects.filter(
            organization=organization, report__status=JobStatus.DONE, opens_on__lte=until
        )
        .select_related("questionnaire", "organization")
        .order_by("-opens_on", "-created_at")
        .first()
    )


def scan_part(wave: Wave, membership: Membership, unit: OrgUnit | None) -> dict[str, Any] | None:
    """Phase, the four components with their change, the leaders' example gap and the
    pullers/riders/resisters of the unit, as the scan's own report pages show them."""
    gate, _report = report_gate(wave, membership)
    key = ROOT_KEY if unit is None else str(unit.uuid)
    if gate is None or not gate.can_see(key):
        return None
    directory = pages.Directory(wave.organization, gate)
    if key not in directory.by_key:
        return None
    if unit is None:
        page = pages.organisation_page(gate, directory)
    else:
        page = pages.unit_page(gate, directory, key)
        page["gap_self"] = gate.scale(key, "VBZ", "manager")
        page["gap_seen"] = gate.scale(key, "VBM", "employee")
    charts = page.get("charts", {})
    page["svg"] = {
        name: _chart(charts.get(name)) for name in ("radar", "gap", "stance") if charts.get(name)
    }
    page["threshold"] = gate.threshold
    return page


def feedback_part(
    organization: Organization, unit_ids: set[int] | None, period: Period
) -> tuple[list[dict[str, Any]], int]:
    """NPS, CSAT and CES of customers in the period (with 95% intervals, hidden below the
    organisation's threshold) and their monthly trend over the last twelve months."""
    min_n = organization.min_group_size
    counts = feedback.counts(
        organization=organization,
        unit_ids=unit_ids,
        start=period.start,
        end=period.end,
        internal=False,
    )
    series = feedback.period_counts(
        organization=organization,
        unit_ids=unit_ids,
        start=trend_start(period),
        end=period.end,
        grain="month",
        internal=False,
    )
    names = {
        "nps": _("NPS"),
        "csat": _("CSAT (share 4–5)"),
        "ces": _("CES (share 5–7, easy)"),
    }
    estimates = {"nps": counts.nps(), "csat": counts.csat(), "ces": counts.ces_high_share()}
    rows = []
    for metric in METRICS:
        estimate = estimates[metric].rounded()
        chart = trend(series, "month", metric, min_n)
        svg = render_to_string(
            "reports/_trend.svg", {"chart": chart, "title": names[metric], "metric": metric}
        )
        rows.append(
            {
                "metric": metric,
                "name": names[metric],
                "estimate": estimate,
                "shown": estimate.value is not None and estimate.n >= min_n,
                "percent": metric != "nps",
                "chart": None if chart.empty else _chart(svg),
                "points": chart.points,
            }
        )
    return rows, counts.records


def adoption_part(
    organization: Organization, unit_ids: set[int] | None, period: Period
) -> dict[str, Any]:
    """Teams that held a dagstart per working day of the period (the last 66 at most)."""
    days = max(1, min(MAX_ADOPTION_DAYS, working_days(period, is_working_day)))
    found = huddle.dagstart_adoption(
        organization, today=period.end, unit_ids=unit_ids, days=days, list_without=10
    )
    step = max(1, len(found.days) // 22)
    labels = [date_format(d, "j M") if i % step == 0 else "" for i, d in enumerate(found.days)]
    svg = adoption_chart(
        labels,
        found.held,
        found.teams,
        title=_("Teams that held a dagstart, per working day"),
    )
    return {
        "adoption": found,
        "share": found.share,
        "chart": _chart(svg) if found.teams else None,
    }


def actions_part(
    organization: Organization, unit_ids: set[int] | None, period: Period
) -> dict[str, Any]:
    """Improvement actions started and closed in the period, and the effect checks made in
    it with their measured effect (two queries)."""
    actions = ImprovementAction.objects.filter(organization=organization)
    checks = EffectCheck.objects.filter(
        action__organization=organization,
        checked_at__date__gte=period.start,
        checked_at__date__lte=period.end,
    )
    if unit_ids is not None:
        actions = actions.filter(team_id__in=unit_ids)
        checks = checks.filter(action__team_id__in=unit_ids)
    totals = actions.aggregate(
        created=Count(
            "id", filter=Q(created_at__date__gte=period.start, created_at__date__lte=period.end)
        ),
        closed=Count(
            "id", filter=Q(closed_at__date__gte=period.start, closed_at__date__lte=period.end)
        ),
        open=Count("id", filter=Q(closed_at__isnull=True, created_at__date__lte=period.end)),
    )
    verdicts = dict(
        checks.order_by().values_list("verdict").annotate(n=Count("id")).values_list("verdict", "n")
    )
    listed = list(
        checks.select_related("action__team", "kpi").order_by("-checked_at", "-id")[:EFFECTS_LISTED]
    )
    return {"totals": totals, "verdicts": verdicts, "checks": listed}


def board_report(
    *,
    organization: Organization,
    membership: Membership,
    unit: OrgUnit | None,
    period: Period,
) -> BoardReport:
    """Everything the board report shows, for the organisation or one of its units."""
    unit_ids = scope_ids(organization, unit)
    report = BoardReport(
        organization,
        unit,
        period,
        unit.name if unit is not None else organization.name,
        min_group_size=organization.min_group_size,
    )
    report.wave = latest_wave(organization, until=period.end)
    if report.wave is not None:
        report.scan = scan_part(report.wave, membership, unit)
    report.feedback, report.feedback_n = feedback_part(organization, unit_ids, period)
    report.adoption = adoption_part(organization, unit_ids, period)
    report.actions = actions_part(organization, unit_ids, period)
    if unit is None:
        # The vision and the programme are the organisation's: shown in its report only.
        report.vision = programme.vision_figures(organization, today=period.end)
        report.programme = {
            "steps": programme.step_totals(organization, today=period.end),
            "ambassadors": programme.ambassador_coverage(organization),
            "quick_wins": programme.quick_win_totals(organization),
        }
    return report


def report_units(organization: Organization) -> list[OrgUnit]:
    """Units a report can be made for: divisions and departments (teams have their boards)."""
    units = OrgUnit.objects.filter(
        organization=organization,
        archived_at__isnull=True,
        kind__in=(UnitKind.DIVISION, UnitKind.DEPARTMENT),
    )
    return sorted(units, key=lambda u: (u.kind != UnitKind.DIVISION, u.name.lower()))
