"""Computing a wave's report once, in the background, and storing it as JSON."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import asdict
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from klantcultuur.lib import progress
from klantcultuur.lib.jobs import JobStatus, job_queue, job_run
from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.orgs.tree import UnitTree as OrgTree
from klantcultuur.scan import pooling
from klantcultuur.scan.anonymity import Policy
from klantcultuur.scan.models import RespondentRole, Response, Wave, WaveReport
from klantcultuur.scan.questionnaire import open_item_codes
from klantcultuur.scan.reporting.decisions import report_decisions
from klantcultuur.scan.scoring import (
    OrgSummary,
    Report,
    ScoringLayout,
    UnitTree,
    WaveStats,
    build_report,
    response_matrix,
)
from klantcultuur.scan.selectors import overfull_unit_ids
from klantcultuur.scan.themes import group_by_theme

PROGRESS_KIND = "scan-report"
ROOT_KEY = "org"
STEPS = 5
# What a computed report stores beside its status (`_compute`'s keys).
STORED = ("data", "decisions", "comments", "summary", "min_group", "min_comments", "n_respondents")


def report_request(*, wave: Wave) -> WaveReport:
    """Queue the computation of a closed wave's report (again); a running one is left alone."""
    from klantcultuur.scan.tasks import compute_report

    with transaction.atomic():
        report, _created = WaveReport.objects.select_for_update().get_or_create(
            wave=wave, defaults={"status": JobStatus.QUEUED}
        )
        if not _created and report.is_busy:
            return report
        report.requested_at = timezone.now()
        job_queue(
            report,
            compute_report,
            wave.id,
            progress_kind=PROGRESS_KIND,
            progress_code=wave.uuid,
            total=STEPS,
            fields=["requested_at"],
        )
    return report


def _tree(wave: Wave) -> tuple[UnitTree, dict[int | None, int]]:
    """The wave's frozen unit tree with the organisation as root; unit id -> index."""
    rows = wave.unit_tree or list(
        OrgUnit.objects.filter(organization_id=wave.organization_id).values_list("id", "parent_id")
    )
    uuids = dict(
        OrgUnit.objects.filter(organization_id=wave.organization_id).values_list("id", "uuid")
    )
    rows = [(unit_id, parent) for unit_id, parent in rows if unit_id in uuids]  # deleted since
    known = {unit_id for unit_id, _parent in rows}
    ids: list[int | None] = [None, *(unit_id for unit_id, _parent in rows)]
    keys = [ROOT_KEY, *(str(uuids[unit_id]) for unit_id, _parent in rows)]
    parents = [None] + [
        str(uuids[parent]) if parent in known else ROOT_KEY for _unit, parent in rows
    ]
    tree = UnitTree.from_parents(keys, parents)
    return tree, {unit_id: i for i, unit_id in enumerate(ids)}


def previous_wave(wave: Wave) -> Wave | None:
    """The organisation's latest earlier wave with a finished report."""
    return (
        Wave.objects.filter(
            organization_id=wave.organization_id,
            closes_on__lt=wave.opens_on,
            report__status=JobStatus.DONE,
        )
        .select_related("report")
        .order_by("-closes_on")
        .first()
    )


def sector_peers(organization: Organization) -> list[OrgSummary]:
    """Latest report summary of every other organisation of the same sector on this installation."""
    rows = (
        WaveReport.objects.filter(
            status=JobStatus.DONE, wave__organization__sector=organization.sector
        )
        .exclude(wave__organization=organization)
        .order_by("wave__organization_id", "-wave__closes_on")
        .values_list("wave__organization_id", "wave__organization__min_group_size", "summary")
    )
    peers: dict[int, OrgSummary] = {}
    for org_id, min_group, summary in rows:
        if org_id in peers or not summary or summary.get("n", 0) < min_group:
            continue
        peers[org_id] = OrgSummary(
            org_id, summary["sector"], summary["n"], summary["scale_means"], summary["phase"]
        )
    return list(peers.values())


def _comments(
    tree: UnitTree,
    units: np.ndarray,
    rows: list[dict[str, str]],
    codes: list[str],
    shown: list[int],
) -> dict[Hashable, dict[str, list]]:
    """Open answers per shown unit (whole subtree) and question, grouped by theme."""
    collected: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for unit, comments in zip(units.tolist(), rows, strict=True):
        if not comments:
            continue
        for u in tree.ancestors_or_self(unit):
            if shown[u]:
                for code in codes:
                    if comments.get(code):
                        collected[u][code].append(comments[code])
    return {
        tree.keys[u]: {code: group_by_theme(texts) for code, texts in by_code.items()}
        for u, by_code in collected.items()
    }


def _left_out(wave: Wave) -> tuple[set[int | None], set[int]]:
    """Where answers of overfull units are stored (every unit they may be pooled to), and the
    overfull units with everything below them. A unit that received more answers than it has
    people was stuffed; its answers are left out of every figure, also of the units above, or
    subtracting a shown parent from its other children would give them back."""
    overfull = overfull_unit_ids(wave)
    if not overfull:
        return set(), set()
    org_tree = OrgTree.for_organization(wave.organization_id)
    parents = {node.id: node.parent_id for node in org_tree.nodes.values()}
    mapping = pooling.from_json(wave.storage_map)
    units = {sub for unit_id in overfull for sub in org_tree.subtree_ids(unit_id)}
    storage = {
        pooling.storage_for(mapping, parents, unit_id, role)
        for unit_id in units
        for role in RespondentRole.values
    }
    return storage, units


def _compute(wave: Wave, step) -> dict[str, Any]:
    q = wave.frozen_questionnaire
    layout = ScoringLayout.from_questionnaire(q)
    tree, index = _tree(wave)
    step("responses")
    storage_left_out, units_left_out = _left_out(wave)
    rows = [
        row
        for row in Response.objects.filter(wave=wave)
        .order_by("id")
        .values_list("unit_id", "role", "answers", "comments")
        if row[0] not in storage_left_out
    ]
    matrix = response_matrix([answers for _u, _r, answers, _c in rows], layout)
    units = np.array([index.get(unit_id, 0) for unit_id, _r, _a, _c in rows], dtype=np.int64)
    roles = np.array([1 if role == "manager" else 0 for _u, role, _a, _c in rows], dtype=np.int64)
    before = previous_wave(wave)
    organization = wave.organization
    step("scoring")
    report: Report = build_report(
        matrix,
        layout,
        units,
        roles,
        tree,
        previous=WaveStats.from_report_dict(before.report.data) if before else None,
        organisation=organization.id,
        sector=organization.sector,
        sector_peers=sector_peers(organization),
    )
    step("anonymity")
    policy = Policy(
        min_group=organization.min_group_size, min_comments=organization.min_comment_group_size
    )
    decisions = report_decisions(
        report,
        policy,
        previous=before.report.decisions if before else None,
        previous_keys=before.report.data["unit_keys"] if before else (),
    )
    uuids = dict(OrgUnit.objects.filter(id__in=units_left_out).values_list("id", "uuid"))
    decisions["overfull"] = sorted(
        str(uuids[unit_id]) for unit_id in units_left_out if unit_id in uuids
    )
    step("comments")
    comments = _comments(
        tree, units, [c for *_rest, c in rows], open_item_codes(q), decisions["comments"]
    )
    data = report.to_dict()
    data["previous_wave"] = (
        {"uuid": str(before.uuid), "name": before.name} if before is not None else None
    )
    return {
        "data": data,
        "decisions": decisions,
        "comments": comments,
        "summary": asdict(report.summary(organization.id, organization.sector)),
        "min_group": policy.min_group,
        "min_comments": policy.min_comments,
        "n_respondents": report.n_respondents,
    }


def report_compute(*, wave_id: int) -> WaveReport:
    """Score the wave, decide what may be shown, group open answers, store it all (the task)."""
    wave = Wave.objects.select_related("organization", "questionnaire").get(id=wave_id)
    report = WaveReport.objects.get(wave=wave)
    if report.status != JobStatus.QUEUED:
        return report  # computed already (a message delivered twice), or another one runs it
    done = 0

    def step(stage: str) -> None:
        nonlocal done
        done += 1
        progress.report(PROGRESS_KIND, wave.uuid, done=done, total=STEPS, stage=stage)

    def work() -> None:
        for field, value in _compute(wave, step).items():
            setattr(report, field, value)

    job_run(
        report,
        work,
        progress_kind=PROGRESS_KIND,
        progress_code=wave.uuid,
        failure=lambda exc: f"{type(exc).__name__}: {exc}",
        fields=STORED,
        steps=STEPS,
    )
    return report
