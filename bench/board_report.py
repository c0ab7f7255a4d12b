"""Benchmark: server time and queries of the board report (print view and PDF).

Usage (from the repo root): ``python bench/board_report.py [TEAMS] [PEOPLE_PER_TEAM]``
(default 2,000 teams of 10), on PostgreSQL in a database ``kc_board_report`` on 127.0.0.1
(``BENCH_POSTGRES_URL`` overrides it), created for the run and dropped afterwards.

How the data is made: the organisation, people, vision, observations, dagstarts, next steps,
ambassadors and quick wins of ``bench/programme.py`` (its ``build``), plus the feedback
roll-up of a year: one ``DailyTeamStats`` row per team on every third day (what a year of
answers leaves in the table the report reads; the raw records are not read by it). Not in
it: a culture-scan wave (its figures come from one stored report through the scan's gate,
measured by the scan's own benchmarks).

What is measured: ``Client.get`` of the organisation's print view and of its PDF for the
previous month, as the CX lead, after warm-up, with the query count per request. The last
line is one JSON object. ``measure(build(...))`` is also called by the test suite at a tiny
size, on the test database.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_board_report")
SAMPLES = 12
WARM_UP = 2
DAYS = 365


def _programme_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_programme", ROOT / "bench" / "programme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(teams: int, per_team: int, *, seed: int = 23) -> dict:
    from django.db import connection
    from django.utils import timezone

    from klantcultuur.feedback.models import DailyTeamStats
    from klantcultuur.orgs.models import OrgUnit, UnitKind

    world = _programme_bench().build(teams, per_team, seed=seed)
    rng = random.Random(seed)
    org, today = world["org"], timezone.localdate()
    team_ids = list(
        OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM).values_list("id", flat=True)
    )
    rows = []
    for team_id in team_ids:
        for back in range(rng.randrange(3), DAYS, 3):
            p, pa, d = rng.randrange(4), rng.randrange(3), rng.randrange(3)
            csat, ces = rng.randrange(3), rng.randrange(3)
            rows.append(
                DailyTeamStats(
                    organization=org, team_id=team_id, day=today - timedelta(days=back),
                    records=p + pa + d + csat + ces, nps_promoters=p, nps_passives=pa,
                    nps_detractors=d, csat_n=csat, csat_top2=min(csat, 1), ces_n=ces,
                    ces_sum=5 * ces, ces_high=ces,
                )
            )  # fmt: skip
    DailyTeamStats.objects.bulk_create(rows, batch_size=10000)
    world["rollup_rows"] = len(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return world


def _timed(client, url: str, samples: int, warm_up: int) -> tuple[list[float], set[int], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm_up):
        client.get(url)
    times, queries, size = [], set(), 0
    for _ in range(samples):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        queries.add(len(captured))
        size = len(response.content)
    times.sort()
    return times, queries, size


def _p95(times: list[float]) -> float:
    return round(times[max(0, int(len(times) * 0.95) - 1)], 1)


def measure(world: dict, *, samples: int = SAMPLES, warm_up: int = WARM_UP) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from klantcultuur.orgs.middleware import SESSION_KEY

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        client = Client()
        client.force_login(world["cx"].user)
        session = client.session
        session[SESSION_KEY] = str(world["org"].uuid)
        session.save()
        page, page_queries, _size = _timed(client, reverse("reports-board"), samples, warm_up)
        pdf, pdf_queries, pdf_bytes = _timed(client, reverse("reports-pdf"), samples, warm_up)
    return {
        "teams": world["teams"],
        "people": world["people"],
        "rollup_rows": world["rollup_rows"],
        "dagstarts": world["huddles"],
        "print_p50_ms": round(statistics.median(page), 1),
        "print_p95_ms": _p95(page),
        "pdf_p50_ms": round(statistics.median(pdf), 1),
        "pdf_p95_ms": _p95(pdf),
        "pdf_kb": round(pdf_bytes / 1024, 1),
        "print_queries_max": max(page_queries),
        "print_queries_min": min(page_queries),
        "pdf_queries_max": max(pdf_queries),
    }


def main(teams: int, per_team: int) -> None:
    from support.postgres import migrated_database

    with migrated_database(PG_URL):
        started = time.perf_counter()
        world = build(teams, per_team)
        print(
            f"built {world['people']:,} people in {teams:,} teams, "
            f"{world['rollup_rows']:,} roll-up rows in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        result = measure(world)
        result["backend"] = "postgresql"
    print(json.dumps(result))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [2000, 10][len(args) :]))
