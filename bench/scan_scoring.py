"""Benchmark: score a culture scan and build every aggregate of the organisation report.

Usage (from the repo root): ``python bench/scan_scoring.py [SIZE ...]`` (default 1000 10000
100000 respondents). For each size it times ``scoring.build_report`` plus the anonymity
decisions over the same 500-unit tree, measures the extra peak memory of that call with
tracemalloc (NumPy reports its buffers to it), and times one plain NumPy pass over the same
response matrix (column sums: every answer read once) as the floor. Times are the best of five
runs. The last line printed is one JSON object for the largest size.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from klantcultuur.scan.anonymity import decide_report
from klantcultuur.scan.questionnaire import get_version
from klantcultuur.scan.scoring import (
    OrgSummary,
    ScoringLayout,
    UnitTree,
    build_report,
)

N_UNITS = 500
N_DIVISIONS = 5
N_DEPARTMENTS = 40
REPEATS = 5


def org_tree(rng: np.random.Generator) -> UnitTree:
    """Organisation -> 5 divisions -> 40 departments -> 454 teams (500 units)."""
    parent = [-1]
    parent += [0] * N_DIVISIONS
    first_department = 1 + N_DIVISIONS
    parent += (1 + rng.integers(0, N_DIVISIONS, N_DEPARTMENTS)).tolist()
    n_teams = N_UNITS - len(parent)
    parent += (first_department + rng.integers(0, N_DEPARTMENTS, n_teams)).tolist()
    return UnitTree.from_indices(parent, keys=[f"unit-{u}" for u in range(N_UNITS)])


def synthetic_wave(
    layout: ScoringLayout, tree: UnitTree, n: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Answers with unit and person effects, ~10% managers, skipped items, "weet ik niet"."""
    rng = np.random.default_rng(seed)
    depth = tree.depth
    teams = np.flatnonzero(depth == 3)
    departments = np.flatnonzero(depth == 2)
    divisions = np.flatnonzero(depth == 1)
    # Most people sit in teams (sizes vary); heads are attached to departments and divisions.
    team_weight = rng.lognormal(0.0, 0.6, len(teams))
    where = rng.random(n)
    units = np.where(
        where < 0.92,
        rng.choice(teams, n, p=team_weight / team_weight.sum()),
        np.where(
            where < 0.98,
            rng.choice(departments, n),
            np.where(where < 0.995, rng.choice(divisions, n), tree.root),
        ),
    )
    roles = np.where(depth[units] < 3, 1, (rng.random(n) < 0.045).astype(np.int64))

    # Culture differs by division, department and team; people differ within a team.
    effect = np.zeros(tree.size, dtype=np.float32)
    for level, sd in ((1, 0.25), (2, 0.2), (3, 0.25)):
        nodes = np.flatnonzero(depth == level)
        effect[nodes] = effect[tree.parent[nodes]] + rng.normal(0, sd, len(nodes))
    n_scales = len(layout.scale_codes)
    scale_offset = rng.normal(0, 0.3, n_scales).astype(np.float32)
    person = rng.normal(0, 0.55, (n, 1)).astype(np.float32)
    latent = (
        3.3 + effect[units][:, None] + person + rng.normal(0, 0.3, (n, n_scales)).astype(np.float32)
    )
    latent += scale_offset
    latent[:, layout.role_model_self] += 0.8  # managers overrate their own example
    item_scale = np.where(layout.membership.any(axis=1), layout.membership.argmax(axis=1), 0)
    noise = rng.normal(0, 0.75, (n, len(layout.item_codes))).astype(np.float32)
    answers = np.clip(np.rint(latent[:, item_scale] + noise), 1, 5).astype(np.int8)
    reverse = layout.reverse & layout.likert
    answers[:, reverse] = 6 - answers[:, reverse]
    answers[:, layout.approach_column] = rng.choice(
        np.arange(5, dtype=np.int8), n, p=[0.05, 0.3, 0.25, 0.3, 0.1]
    )
    # Skipped items (3%) and "weet ik niet" (4%) are both stored as 0.
    answers[rng.random(answers.shape, dtype=np.float32) < 0.07] = 0
    # 5% stop somewhere along the form.
    stop = np.where(rng.random(n) < 0.05, rng.integers(5, len(layout.item_codes), n), 10**6)
    answers[np.arange(len(layout.item_codes))[None, :] >= stop[:, None]] = 0
    answers *= layout.offered[roles]  # the form shows self-view only to managers, etc.
    return answers, units, roles


def run(matrix, layout, units, roles, tree, previous, peers):
    """Everything a report needs: all aggregates plus the anonymity decisions."""
    report = build_report(
        matrix,
        layout,
        units,
        roles,
        tree,
        previous=previous,
        organisation="org-0",
        sector="retail",
        sector_peers=peers,
    )
    decisions = decide_report(report)
    return report, decisions


def timed(fn, repeats: int = REPEATS) -> float:
    """Best wall time of ``repeats`` calls (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or what platform reports."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(sizes: list[int]) -> None:
    """Benchmark each size and print a table, then one JSON line for the largest size."""
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()},"
        f" NumPy {np.__version__}"
    )
    layout = ScoringLayout.from_questionnaire(get_version("1"))
    tree = org_tree(np.random.default_rng(2024))
    peers = [
        OrgSummary(f"peer-{i}", "retail", 500, {c: 3.2 + 0.05 * i for c in layout.scale_codes}, 3)
        for i in range(6)
    ]
    print(
        f"data: {len(layout.item_codes)} closed items ({int(layout.likert.sum())} likert,"
        f" {len(layout.scale_codes)} scales), {tree.size} units in {len(tree.levels)} levels"
    )
    header = f"{'respondents':>11} {'matrix MB':>9} {'seconds':>8} {'us/resp':>8} {'peak MB':>8}"
    print(header + f" {'floor s':>9} {'ratio':>7} {'report s':>8} {'anonym s':>8}")
    result: dict[str, float | int] = {}
    for n in sizes:
        matrix, units, roles = synthetic_wave(layout, tree, n, seed=n)
        before, before_units, before_roles = synthetic_wave(layout, tree, n, seed=n + 1)
        previous = build_report(before, layout, before_units, before_roles, tree)
        # partial binds this iteration's data (a lambda would see the loop variables late).
        everything = functools.partial(run, matrix, layout, units, roles, tree, previous, peers)
        seconds = timed(everything)
        report, _ = everything()
        report_s = timed(
            functools.partial(
                build_report,
                matrix,
                layout,
                units,
                roles,
                tree,
                previous=previous,
                sector_peers=peers,
            )
        )
        anonymity_s = timed(functools.partial(decide_report, report))
        floor = timed(functools.partial(matrix.sum, axis=0, dtype=np.int64), repeats=7)
        tracemalloc.start()
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
        everything()
        peak_mb = (tracemalloc.get_traced_memory()[1] - baseline) / 2**20
        tracemalloc.stop()
        result = {
            "respondents": n,
            "seconds": round(seconds, 4),
            "peak_mb": round(peak_mb, 1),
            "floor_seconds": round(floor, 6),
            "ratio": round(seconds / floor, 1),
        }
        print(
            f"{n:>11,} {matrix.nbytes / 2**20:>9.1f} {seconds:>8.3f} {seconds / n * 1e6:>8.2f}"
            f" {peak_mb:>8.1f} {floor:>9.5f} {seconds / floor:>7.0f} {report_s:>8.3f}"
            f" {anonymity_s:>8.3f}"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    arguments = [int(a.replace("_", "").replace(",", "")) for a in sys.argv[1:]]
    main(sorted(arguments) or [1_000, 10_000, 100_000])
