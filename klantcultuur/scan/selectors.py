"""Reads the scan's views share: waves, response rates, and the gate to a stored report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan.models import (
    Invitation,
    OpenLink,
    QuestionnaireVersion,
    Wave,
    WaveReport,
)
from klantcultuur.scan.reporting.gate import ROOT_KEY, ReportGate

# Report columns that pages never need in lists: the JSON is large.
HEAVY = ("data", "decisions", "comments", "summary")


def waves_of(organization: Organization) -> QuerySet[Wave]:
    """The organisation's waves with invitation counts and report status, newest first."""
    return (
        Wave.objects.filter(organization=organization)
        .select_related("questionnaire")
        .annotate(
            n_invited=Count("invitations", distinct=True),
            n_answered=Count(
                "invitations", filter=Q(invitations__answered_on__isnull=False), distinct=True
            ),
            report_status=F("report__status"),
        )
        .defer("storage_map", "unit_tree", "questionnaire__content")
        .order_by("-opens_on", "-created_at")  # Meta.ordering is not used with GROUP BY
    )


def versions_of(organization: Organization) -> list[QuestionnaireVersion]:
    """Standard versions and the organisation's own, newest own first."""
    return list(
        QuestionnaireVersion.objects.filter(Q(organization=None) | Q(organization=organization))
        .annotate(n_waves=Count("waves"))
        .order_by(F("organization_id").desc(nulls_last=True), "-number")
    )


def invitation_of(wave: Wave, membership: Membership) -> Invitation | None:
    return Invitation.objects.filter(wave=wave, membership=membership).first()


def open_invitations(membership: Membership) -> list[Invitation]:
    """The member's invitations to waves that are open now and not yet answered."""
    found = (
        Invitation.objects.filter(membership=membership, answered_on__isnull=True)
        .select_related("wave")
        .defer("wave__storage_map", "wave__unit_tree")
    )
    return [invitation for invitation in found if invitation.wave.accepts_answers]


@dataclass(frozen=True)
class RateRow:
    unit: OrgUnit | None
    depth: int
    invited: int
    answered: int
    open_link: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


def response_rates(wave: Wave, tree: UnitTree) -> tuple[list[RateRow], RateRow]:
    """Invited and answered per unit (counts only, never who), in tree order, and the total."""
    counts: dict[int | None, Mapping[str, Any]] = {
        row["unit_id"]: row
        for row in wave.invitations.values("unit_id").annotate(
            invited=Count("id"), answered=Count("id", filter=Q(answered_on__isnull=False))
        )
    }
    via_links: dict[int, int] = {}
    for unit_id, submitted in OpenLink.objects.filter(wave=wave).values_list(
        "unit_id", "submitted"
    ):
        via_links[unit_id] = via_links.get(unit_id, 0) + submitted
    units = OrgUnit.objects.in_bulk(set(counts) | set(via_links) - {None})
    empty = {"invited": 0, "answered": 0}
    rows = [
        RateRow(
            units[node.id],
            depth,
            counts.get(node.id, empty)["invited"],
            counts.get(node.id, empty)["answered"],
            via_links.get(node.id, 0),
        )
        for node, depth in tree.walk(include_archived=True)
        if node.id in counts or node.id in via_links
    ]
    if None in counts:
        rows.insert(0, RateRow(None, 0, counts[None]["invited"], counts[None]["answered"], 0))
    total = RateRow(
        None,
        0,
        sum(r.invited for r in rows),
        sum(r.answered for r in rows),
        sum(r.open_link for r in rows),
    )
    return rows, total


@dataclass(frozen=True)
class UnitLoad:
    """Answers against people for a unit with an open link in its subtree (counts only).

    ``expected``: the people who can answer there: the active members in the subtree, its
    invitations, or the size stated on an open link in it, whichever is highest.
    ``accepted``: answers stored through its invitations and open links; ``refused``:
    complete answers a link refused because the unit was full."""

    unit_id: int
    expected: int
    accepted: int
    refused: int

    @property
    def received(self) -> int:
        return self.accepted + self.refused

    @property
    def overfull(self) -> bool:
        """More answers came in than the unit has people: someone answered more than once."""
        return self.received > self.expected

    @property
    def full(self) -> bool:
        return self.accepted >= self.expected


def unit_loads(wave: Wave, tree: UnitTree | None = None) -> dict[int, UnitLoad]:
    """``UnitLoad`` of every unit that has an open link of the wave in its subtree."""
    links = list(
        OpenLink.objects.filter(wave=wave).values_list(
            "unit_id", "submitted", "refused", "max_answers"
        )
    )
    if not links:
        return {}
    tree = tree or UnitTree.for_organization(wave.organization_id)
    members = dict(
        Membership.objects.active()
        .filter(organization_id=wave.organization_id, unit__isnull=False)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    invitations = {
        row["unit_id"]: row
        for row in wave.invitations.filter(unit__isnull=False)
        .values("unit_id")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered_on__isnull=False)))
    }
    per_unit: dict[int, list[int]] = {}  # unit -> [submitted, refused, largest stated size]
    for unit_id, submitted, refused, stated in links:
        found = per_unit.setdefault(unit_id, [0, 0, 0])
        found[0] += submitted
        found[1] += refused
        found[2] = max(found[2], stated or 0)
    wanted = set()
    for unit_id in per_unit:
        if unit_id in tree.nodes:
            wanted.update([unit_id, *tree.ancestors(unit_id)])
    # Deepest first: a unit flagged as overfull is left out of the units above it (its answers
    # are left out of their reports too), so one stuffed team does not flag its whole division.
    depth = {unit_id: len(tree.ancestors(unit_id)) for unit_id in wanted}
    loads: dict[int, UnitLoad] = {}
    left_out: set[int] = set()
    for unit_id in sorted(wanted, key=lambda u: -depth[u]):
        known = invited = accepted = refused = stated = 0
        for sub in tree.subtree_ids(unit_id):
            if sub in left_out:
                continue
            known += members.get(sub, 0)
            row = invitations.get(sub)
            if row:
                invited += row["invited"]
                accepted += row["answered"]
            link = per_unit.get(sub)
            if link:
                accepted += link[0]
                refused += link[1]
                stated = max(stated, link[2])
        load = UnitLoad(unit_id, max(known, invited, stated), accepted, refused)
        loads[unit_id] = load
        if load.overfull:
            left_out.update(tree.subtree_ids(unit_id))
    return loads


def overfull_unit_ids(wave: Wave, tree: UnitTree | None = None) -> set[int]:
    """Units whose answers (with those refused) exceed their people: left out of reports."""
    return {unit_id for unit_id, load in unit_loads(wave, tree).items() if load.overfull}


def report_row(wave: Wave, *, with_data: bool = False) -> WaveReport | None:
    found = WaveReport.objects.filter(wave=wave)
    if not with_data:
        found = found.defer(*HEAVY)
    return found.first()


def is_stale(report: WaveReport, organization: Organization) -> bool:
    """Decisions made with other thresholds than the organisation's current ones."""
    return (report.min_group, report.min_comments) != (
        organization.min_group_size,
        organization.min_comment_group_size,
    )


def visible_keys(membership: Membership) -> frozenset[str] | None:
    """Report unit keys a member may read: all (None), or the organisation and their units."""
    if membership.has_perm(Perm.VIEW_ALL_UNITS):
        return None
    uuids = OrgUnit.objects.filter(id__in=membership.visible_unit_ids()).values_list(
        "uuid", flat=True
    )
    return frozenset({ROOT_KEY, *(str(u) for u in uuids)})


def report_gate(
    wave: Wave, membership: Membership, *, summary_only: bool = False
) -> tuple[ReportGate | None, WaveReport | None]:
    """The gate to the wave's stored report for this member, or None while there is none
    (not computed, busy, failed, or made with other thresholds) with the report row."""
    report = report_row(wave, with_data=True)
    if report is None or report.status != JobStatus.DONE or is_stale(report, wave.organization):
        return None, report
    keys = frozenset({ROOT_KEY}) if summary_only else visible_keys(membership)
    return ReportGate(report, wave.frozen_questionnaire, visible_keys=keys), report
