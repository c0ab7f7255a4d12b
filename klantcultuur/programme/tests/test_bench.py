"""bench/programme.py at a tiny size: it runs, and the dashboard's queries do not grow."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "programme.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_programme", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_benchmark_runs_and_the_dashboard_queries_do_not_grow():
    bench = _bench()
    small = bench.measure(bench.build(20, 3, seed=1), samples=4, warm_up=1)
    large = bench.measure(bench.build(60, 5, seed=2), samples=4, warm_up=1)
    assert large["observations"] == 3 * small["observations"] > 0
    assert large["dagstarts"] > 2 * small["dagstarts"]
    assert large["visits"] == 3 * small["visits"] > 0
    assert large["dashboard_queries_max"] == small["dashboard_queries_max"]
    assert small["dashboard_queries_min"] == small["dashboard_queries_max"]
    assert small["dashboard_p95_ms"] > 0
