"""Benchmark: what closing a wave costs beyond the scoring (the background report task).

Usage (from the repo root): ``python bench/scan_decisions.py [SIZE ...]`` (default 1000 10000
respondents). On the 500-unit organisation of ``scan_scoring.py`` it times, per size, the
scoring (``build_report``), the anonymity decisions for every figure family
(``reporting.decisions.report_decisions``: respondents, every scale, every statement, stance,
approach, preconditions, comments) and serialising the stored JSON, and prints the size of that
JSON. Best of three runs. The last line printed is one JSON object for the largest size.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from scan_scoring import org_tree, synthetic_wave, timed

from klantcultuur.scan.anonymity import Policy
from klantcultuur.scan.questionnaire import get_version
from klantcultuur.scan.reporting.decisions import report_decisions
from klantcultuur.scan.scoring import ScoringLayout, build_report


def main(sizes: list[int]) -> None:
    layout = ScoringLayout.from_questionnaire(get_version("1"))
    tree = org_tree(np.random.default_rng(2024))
    policy = Policy()
    print(
        f"{tree.size} units; figure families: {len(layout.scale_codes)} scales,"
        f" {int(layout.likert.sum())} statements, stance, approach, 3 preconditions"
    )
    print(f"{'respondents':>11} {'scoring s':>9} {'decisions s':>11} {'json s':>7} {'json MB':>8}")
    result: dict[str, float | int] = {}
    for n in sizes:
        matrix, units, roles = synthetic_wave(layout, tree, n, seed=n)
        report = build_report(matrix, layout, units, roles, tree)
        scoring = timed(functools.partial(build_report, matrix, layout, units, roles, tree), 3)
        decisions = timed(functools.partial(report_decisions, report, policy), 3)
        stored = {"data": report.to_dict(), "decisions": report_decisions(report, policy)}
        start = time.perf_counter()
        text = json.dumps(stored)
        serialise = time.perf_counter() - start
        megabytes = len(text) / 2**20
        result = {
            "respondents": n,
            "scoring_seconds": round(scoring, 3),
            "decisions_seconds": round(decisions, 3),
            "json_mb": round(megabytes, 1),
        }
        print(f"{n:>11,} {scoring:>9.3f} {decisions:>11.3f} {serialise:>7.3f} {megabytes:>8.1f}")
    print(json.dumps(result))


if __name__ == "__main__":
    arguments = [int(a.replace("_", "").replace(",", "")) for a in sys.argv[1:]]
    main(sorted(arguments) or [1_000, 10_000])
