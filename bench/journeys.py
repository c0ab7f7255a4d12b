"""Benchmark: server time of a journey map of 12 steps over many feedback records.

Usage (from the repo root): ``python bench/journeys.py [RECORDS]`` (default 10,000,000).

The data is made by bench/dagstart_board.py's ``build`` (imported, not copied): an
organisation of 2,000 teams with RECORDS feedback records over 365 days streamed with
PostgreSQL ``COPY`` and the daily roll-up built by the feedback app's own
``rollup.add_records``. This script then sets up one journey of 4 phases and 12 steps
through the journeys app's services (eight front-office steps on customers' answers, four
back-office steps on colleagues'), and times ``Client.get`` of the journey map (middleware,
view, queries, template) as an administrator, for the periods of 30, 90 and 365 days, 200
requests after 10 warm-up ones, each the median of three in a row (a shared machine adds
spikes to single requests). Queries are counted on every request. The map is timed twice
in the same run, request by request in turn: as it is ("after": the database sums the daily
roll-up into the period, the period before and the trend's weeks) and with the former
reading of one row per team and day summed in Python ("before", ``daylevel_step_counts``
below), so that the two figures meet the same machine load. PostgreSQL database
``kc_bench_journeys`` on 127.0.0.1 (``BENCH_POSTGRES_URL`` overrides), created for the run and
dropped afterwards. The last line is one JSON object.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_RECORDS = 10_000_000
PG_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_bench_journeys"
)
SAMPLES = 200
WARM_UP = 10
REPEATS = 3
PERIODS = ("30", "90", "365")


def _dagstart():
    """bench/dagstart_board.py as a module: its data builder and database helpers."""
    spec = importlib.util.spec_from_file_location(
        "bench_dagstart", ROOT / "bench" / "dagstart_board.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Its sentences-and-cases step still uses the records' former integer key; the journey
    # map reads neither, only the two daily roll-ups, so the topic roll-up is made instead.
    module._derived = _topic_rollup
    return module


def _topic_rollup(world) -> None:
    """The topic roll-up the map reads: per team and day, the records' compliments and
    improvement points under two topics (one INSERT … SELECT)."""
    from django.db import connection

    topic = "CASE WHEN n_improvements > 0 THEN 'wachttijd' ELSE 'vriendelijkheid' END"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO feedback_dailytopicstats (organization_id, team_id, day, topic, "
            f"compliments, improvements, neutral) SELECT organization_id, team_id, day, {topic}, "
            "SUM(n_compliments), SUM(n_improvements), 0 FROM feedback_feedback "
            "WHERE organization_id = %s AND team_id IS NOT NULL "
            f"GROUP BY organization_id, team_id, day, {topic}",
            [world.org.id],
        )


def journey_of(world):
    """A 12-step journey over the first twelve teams (the last four as back office)."""
    from decimal import Decimal

    from klantcultuur.journeys.services import journeys as services

    journey = services.journey_create(organization=world.org, name="Reparatieverzoek")
    phases = ("Melden", "Plannen", "Uitvoeren", "Afronden")
    for i, team in enumerate(world.teams[:12]):
        internal = i >= 8
        services.step_add(
            journey=journey,
            phase_name=phases[i % 4],
            name=f"Stap {i + 1}",
            team=team,
            metric="csat" if internal else "nps",
            target=Decimal("75" if internal else "20"),
            is_internal=internal,
            moment_of_truth=i in (2, 6),
        )
    return journey


def daylevel_step_counts(*, organization_id, team_ids, start, end):
    """The former reading of the map's figures: one row per team and day, summed in Python."""
    from collections import defaultdict
    from datetime import timedelta

    from django.db.models import Sum

    from klantcultuur.feedback.metrics import ZERO, Counts
    from klantcultuur.feedback.models import ROLLUP_COUNTERS, DailyTeamStats
    from klantcultuur.journeys.selectors import TREND_WEEKS

    days = (end - start).days + 1
    before_start, before_end = start - timedelta(days=days), start - timedelta(days=1)
    trend_start = end - timedelta(weeks=TREND_WEEKS) + timedelta(days=1)
    rows = (
        DailyTeamStats.objects.filter(
            organization_id=organization_id,
            day__gte=min(before_start, trend_start),
            day__lte=end,
            team_id__in=team_ids,
        )
        .order_by()
        .values("team_id", "is_internal", "day")
        .annotate(**{name: Sum(name) for name in ROLLUP_COUNTERS})
    )
    current = defaultdict(lambda: ZERO)
    previous = defaultdict(lambda: ZERO)
    weekly = defaultdict(lambda: [ZERO] * TREND_WEEKS)
    for row in rows:
        key, day, counts = (
            (row["team_id"], row["is_internal"]),
            row["day"],
            Counts.from_mapping(row),
        )
        if start <= day <= end:
            current[key] = current[key] + counts
        elif before_start <= day <= before_end:
            previous[key] = previous[key] + counts
        if day >= trend_start:
            week = (day - trend_start).days // 7
            weekly[key][week] = weekly[key][week] + counts
    return current, previous, weekly


def measure(
    world, journey, samples: int = SAMPLES, warm_up: int = WARM_UP, compare: bool = False
) -> dict:
    """The map's timings; with `compare`, also those of the former day-level reading
    ("before_" keys), each request of one timed right after the same request of the other."""
    from klantcultuur.journeys import selectors

    variants = {"": selectors.step_counts}
    if compare:
        variants["before_"] = daylevel_step_counts
    original = selectors.step_counts
    times: dict[str, list[float]] = {name: [] for name in variants}
    queries: dict[str, list[int]] = {name: [] for name in variants}
    try:
        for i in range(warm_up + samples):
            period = PERIODS[i % len(PERIODS)]
            for name, reading in variants.items():
                selectors.step_counts = reading
                took, count = _time_request(world, journey, period)
                if i >= warm_up:
                    times[name].append(took)
                    queries[name].append(count)
    finally:
        selectors.step_counts = original
    result = {}
    for name in variants:
        ordered = sorted(times[name])

        def pct(q: float, ordered=ordered) -> float:
            return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

        result.update(
            {
                f"{name}map_p50_ms": pct(0.5),
                f"{name}map_p95_ms": pct(0.95),
                f"{name}map_max_ms": round(ordered[-1], 1),
                f"{name}queries_min": min(queries[name]),
                f"{name}queries_max": max(queries[name]),
            }
        )
    result["samples"] = samples
    result["steps"] = journey.steps.count()
    return result


_CLIENTS: dict = {}


def _time_request(world, journey, period: str) -> tuple[float, int]:
    """The median of REPEATS requests of the map for `period` (ms), and its query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from klantcultuur.orgs.middleware import SESSION_KEY
    from klantcultuur.orgs.models import Membership
    from klantcultuur.orgs.roles import Role
    from klantcultuur.testing import make_member

    client = _CLIENTS.get(world.org.id)
    if client is None:
        admin = Membership.objects.filter(organization=world.org, role=Role.ADMIN).first()
        admin = admin or make_member(world.org, "bench-admin@bench.example", Role.ADMIN)
        client = Client()
        client.force_login(admin.user)
        session = client.session
        session[SESSION_KEY] = str(world.org.uuid)
        session.save()
        _CLIENTS[world.org.id] = client
    url = f"/journeys/{journey.uuid}/"
    staticfiles = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    runs = []
    with override_settings(STORAGES={"default": default, "staticfiles": staticfiles}):
        for _repeat in range(REPEATS):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, {"period": period})
                runs.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    return statistics.median(runs), len(captured)


def main(records: int) -> None:
    dagstart = _dagstart()
    print(f"Machine: {dagstart.machine()}", flush=True)
    from support.postgres import migrated_database

    with migrated_database(PG_URL):
        started = time.perf_counter()
        world = dagstart.build(records, 2_000, 100)
        print(f"built {records:,} records in {time.perf_counter() - started:.0f} s", flush=True)
        journey = journey_of(world)
        result = {
            "records": records,
            "backend": "postgresql",
            **measure(world, journey, compare=True),
        }
        for label, name in (("before (day rows summed in Python)", "before_"), ("after", "")):
            print(
                f"journey map {label}: p50 {result[f'{name}map_p50_ms']} ms, "
                f"p95 {result[f'{name}map_p95_ms']} ms, "
                f"queries {result[f'{name}queries_min']}–{result[f'{name}queries_max']}",
                flush=True,
            )
    print(json.dumps(result))


if __name__ == "__main__":
    _dagstart()._in_the_virtual_environment()
    count = DEFAULT_RECORDS
    if len(sys.argv) > 1:
        count = int(sys.argv[1].replace("_", "").replace(",", "").replace(".", ""))
    main(count)
