"""bench/journeys.py at a tiny size: it runs, and the map's queries do not grow with the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "journeys.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_journeys", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_benchmark_runs_with_a_constant_query_count():
    bench = _bench()
    world = bench._dagstart().build(3_000, 16, 2)
    journey = bench.journey_of(world)
    result = bench.measure(world, journey, samples=6, warm_up=1, compare=True)
    assert result["steps"] == 12
    assert result["queries_min"] == result["queries_max"]
    assert result["map_p95_ms"] > 0
    assert result["before_queries_min"] == result["queries_min"]
