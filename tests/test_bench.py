"""Every benchmark in bench/ still runs: each at a tiny size, ending with its JSON line.

The figures at these sizes mean nothing; what is checked is that the script works against
today's models and prints the line the benchmark reports are read from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from klantcultuur.testing import require_service, service_reachable

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p.name for p in (ROOT / "bench").glob("*.py"))
POSTGRES = "postgres://postgres@127.0.0.1:5432"

# script: (arguments at a tiny size, needs PostgreSQL, keys of its JSON line)
TINY = {
    "dagstart_board.py": (
        ["3000", "--teams", "40", "--samples", "4"],
        True,
        {"records", "team_p50_ms", "team_p95_ms", "dept_p95_ms", "queries_per_board"},
    ),
    "feedback_export.py": (
        ["2000", "--repeats", "1"],
        True,
        {
            "records",
            "floor_seconds",
            "old_seconds",
            "new_seconds",
            "new_first_row_s",
            "rows_per_s",
            "floor_ratio",
            "peak_mb",
            "peak_mb_90_days",
        },
    ),
    "feedback_ingest.py": (
        ["2000"],
        True,
        {"rows", "pg_rows_per_s", "pg_ratio_vs_floor", "sqlite_rows_per_s", "peak_mb", "macro_f1"},
    ),
    "load.py": (
        ["40", "--seconds", "20", "--clients", "4", "--readers", "1", "--demo-responses", "300"],
        True,
        {"posts_per_s", "post_p95_ms", "board_p95_ms", "inbox_p95_ms", "lost", "twice"},
    ),
    "scan_decisions.py": (["200"], False, {"respondents", "decisions_seconds", "json_mb"}),
    "scan_scoring.py": (["200"], False, {"respondents", "seconds", "peak_mb"}),
}

# Benchmarks of an app whose own tests run them at a tiny size (and assert more: that the
# pages' query counts do not grow with the data).
IN_APP = {
    "board_report.py": ROOT / "klantcultuur/reports/tests/test_bench.py",
    "journeys.py": ROOT / "klantcultuur/journeys/tests/test_bench.py",
    "programme.py": ROOT / "klantcultuur/programme/tests/test_bench.py",
    "vision.py": ROOT / "klantcultuur/vision/tests/test_bench.py",
}

pytestmark = pytest.mark.slow


def test_every_benchmark_has_a_smoke_test():
    assert sorted([*TINY, *IN_APP]) == SCRIPTS
    for script, test in IN_APP.items():
        assert script in test.read_text(), test


@pytest.mark.parametrize("script", sorted(TINY))
def test_the_benchmark_runs_at_a_tiny_size_and_ends_with_its_json_line(script):
    arguments, needs_postgres, keys = TINY[script]
    environment = {**os.environ}
    name = ""
    if needs_postgres:
        require_service("PostgreSQL on 127.0.0.1:5432", service_reachable("127.0.0.1", 5432))
        # A database of its own (created and dropped by the script), so runs never collide.
        name = f"kc_bench_smoke_{uuid.uuid4().hex[:12]}"
        environment["BENCH_POSTGRES_URL"] = environment["BENCH_DATABASE_URL"] = f"{POSTGRES}/{name}"
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / script), *arguments],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if name:
            _drop(name)
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    figures = json.loads(last)
    assert keys <= set(figures), last


def _drop(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
