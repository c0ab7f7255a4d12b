"""bench/vision.py at a tiny size: it runs, and its pages' queries do not grow with the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "vision.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_vision", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_benchmark_runs_and_query_counts_do_not_grow_with_the_organisation():
    bench = _bench()
    small = bench.measure(bench.build(20, 3, seed=1), samples=5, warm_up=1)
    large = bench.measure(bench.build(60, 6, seed=2), samples=5, warm_up=1)
    assert large["endorsements"] > 2 * small["endorsements"]
    assert large["recall_answers"] > 3 * small["recall_answers"]
    for page in ("draagvlak", "recall"):
        assert large[f"{page}_queries_max"] == small[f"{page}_queries_max"], page
        assert small[f"{page}_p95_ms"] > 0
