"""Benchmark: what closing a wave costs beyond the scoring (the background report task).

Usage (from the repo root): ``python bench/scan_decisions.py [SIZE ...]`` (default 1000 10000
respondents). On the 500-unit organisation of ``scan_scoring.py`` it times, per size, the
scoring (``build_report``), the anonymity decisions for every figure family
(``reporting.decisions.report_decisions``: respondents, every scale, every statement, stance,
approach, preconditions, comments) and serialising the stored JSON, and prints the size of that
JSON. Best of three runs, in wall time and in CPU time (on a shared machine the wall time waits
for a core, the CPU time does not). The decisions' floor is the scoring: the target is
decisions no slower than the scoring (ratio decisions/scoring at most 1) and the whole report
(scoring, decisions, JSON) under a second. The last line printed is one JSON object for the
largest size.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from scan_scoring import cpu_model, org_tree, synthetic_wave, timed

from klantcultuur.scan.anonymity import Policy
from klantcultuur.scan.questionnaire import get_version
from klantcultuur.scan.reporting.decisions import report_decisions
from klantcultuur.scan.scoring import ScoringLayout, build_report


def cpu_timed(fn, repeats: int = 3) -> float:
    """Least CPU time of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    layout = ScoringLayout.from_questionnaire(get_version("1"))
    tree = org_tree(np.random.default_rng(2024))
    policy = Policy()
    print(f"{cpu_model()}, {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    print(
        f"{tree.size} units; figure families: {len(layout.scale_codes)} scales,"
        f" {int(layout.likert.sum())} statements, stance, approach, 3 preconditions"
    )
    print(
        f"{'respondents':>11} {'scoring s':>9} {'decisions s':>11} {'json s':>7} {'report s':>8}"
        f" {'dec/scoring':>11} {'CPU: scoring':>12} {'decisions':>9} {'dec/scoring':>11}"
        f" {'json MB':>8}"
    )
    result: dict[str, float | int] = {}
    for n in sizes:
        matrix, units, roles = synthetic_wave(layout, tree, n, seed=n)
        report = build_report(matrix, layout, units, roles, tree)
        scoring_call = functools.partial(build_report, matrix, layout, units, roles, tree)
        decisions_call = functools.partial(report_decisions, report, policy)
        scoring = timed(scoring_call, 3)
        decisions = timed(decisions_call, 3)
        scoring_cpu = cpu_timed(scoring_call)
        decisions_cpu = cpu_timed(decisions_call)
        stored = {"data": report.to_dict(), "decisions": report_decisions(report, policy)}
        start = time.perf_counter()
        text = json.dumps(stored)
        serialise = time.perf_counter() - start
        megabytes = len(text) / 2**20
        whole = scoring + decisions + serialise
        result = {
            "respondents": n,
            "scoring_seconds": round(scoring, 3),
            "decisions_seconds": round(decisions, 3),
            "json_seconds": round(serialise, 3),
            "report_seconds": round(whole, 3),
            "decisions_over_scoring": round(decisions / scoring, 2),
            "scoring_cpu_seconds": round(scoring_cpu, 3),
            "decisions_cpu_seconds": round(decisions_cpu, 3),
            "decisions_over_scoring_cpu": round(decisions_cpu / scoring_cpu, 2),
            "json_mb": round(megabytes, 1),
            "load": round(os.getloadavg()[0], 1),
        }
        print(
            f"{n:>11,} {scoring:>9.3f} {decisions:>11.3f} {serialise:>7.3f} {whole:>8.3f}"
            f" {decisions / scoring:>11.2f} {scoring_cpu:>12.3f} {decisions_cpu:>9.3f}"
            f" {decisions_cpu / scoring_cpu:>11.2f} {megabytes:>8.1f}"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    arguments = [int(a.replace("_", "").replace(",", "")) for a in sys.argv[1:]]
    main(sorted(arguments) or [1_000, 10_000])
