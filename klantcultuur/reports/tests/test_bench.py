"""bench/board_report.py at a tiny size: it runs, and the report's queries do not grow."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "board_report.py"

pytestmark = pytest.mark.slow


def _bench():
    spec = importlib.util.spec_from_file_location("bench_board_report", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_benchmark_runs_and_the_reports_queries_do_not_grow():
    bench = _bench()
    small = bench.measure(bench.build(20, 3, seed=1), samples=2, warm_up=1)
    large = bench.measure(bench.build(60, 5, seed=2), samples=2, warm_up=1)
    assert large["rollup_rows"] > 2 * small["rollup_rows"] > 0
    assert large["print_queries_max"] == small["print_queries_max"]
    assert small["print_queries_min"] == small["print_queries_max"]
    assert small["pdf_kb"] > 1 and small["print_p95_ms"] > 0
