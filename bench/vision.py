"""Benchmark: server time and queries of the draagvlak overview and the recall results.

Usage (from the repo root): ``python bench/vision.py [TEAMS] [PEOPLE_PER_TEAM]`` (default
2,000 teams of 10: 20,000 people, under 100 departments and 10 divisions), on PostgreSQL in a
database ``kc_vision_bench`` on 127.0.0.1 (``BENCH_POSTGRES_URL`` overrides it), created for
the run and dropped afterwards.

How the data is made: units, users and memberships with ``bulk_create``; a vision with five
promises published through the app's own service (so every manager of a unit and the board
are asked: 2,111 endorsements), answered like the demo (55% endorse, 15% with a remark, 8%
not yet, the rest open); a recall check with an anonymous answer from 60% of the people.

What is measured: ``Client.get`` (middleware, view, queries, template) as the CX lead, after
warm-up, for the overview in its usual forms (all, one layer, one answer, one division, a
later page) and for the recall results (all, one division, one department), each request
counted with its queries; each request is made three times and counts with the median (the
machine is shared), and the web process's own CPU time is reported beside the wall time. The
last line is one JSON object.

`run(...)` is also called by the test suite at a tiny size, on the test database.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_vision_bench")
SAMPLES = 40
WARM_UP = 5
REPEATS = 3


def build(teams: int, per_team: int, *, seed: int = 20) -> dict:
    """An organisation of `teams` teams (20 per department, 10 departments per division)."""
    from django.utils import timezone

    from klantcultuur.accounts.models import User
    from klantcultuur.orgs.models import Membership, Organization, OrgUnit, UnitKind
    from klantcultuur.orgs.roles import Role
    from klantcultuur.vision.models import Endorsement, RecallAnswer, RecallCheck
    from klantcultuur.vision.services import writing

    rng = random.Random(seed)
    org = Organization.objects.create(name="Bench Wonen", slug=f"bench-{seed}-{teams}")
    departments = max(1, teams // 20)
    divisions = max(1, departments // 10)
    units: list[OrgUnit] = []
    div_units = OrgUnit.objects.bulk_create(
        OrgUnit(organization=org, name=f"Divisie {d}", code=f"D{d}", kind=UnitKind.DIVISION)
        for d in range(divisions)
    )
    dep_units = OrgUnit.objects.bulk_create(
        OrgUnit(
            organization=org,
            name=f"Afdeling {a}",
            code=f"A{a}",
            kind=UnitKind.DEPARTMENT,
            parent=div_units[a % divisions],
        )
        for a in range(departments)
    )
    team_units = OrgUnit.objects.bulk_create(
        OrgUnit(
            organization=org,
            name=f"Team {t}",
            code=f"T{t}",
            kind=UnitKind.TEAM,
            parent=dep_units[t % departments],
        )
        for t in range(teams)
    )
    units = div_units + dep_units + team_units
    people = []
    for unit in units:
        size = per_team if unit.kind == UnitKind.TEAM else 1
        for i in range(size):
            people.append((unit, i == 0, f"{unit.code.lower()}-{i}@bench-{seed}.example"))
    users = User.objects.bulk_create(
        User(email=email, first_name="Mede", last_name=f"Werker {n}", password="!")
        for n, (_u, _lead, email) in enumerate(people)
    )
    members = Membership.objects.bulk_create(
        Membership(
            user=user,
            organization=org,
            unit=unit,
            role=Role.MANAGER if lead else Role.EMPLOYEE,
            joined_at=timezone.now(),
        )
        for user, (unit, lead, _e) in zip(users, people, strict=True)
    )
    for member, (unit, lead, _e) in zip(members, people, strict=True):
        if lead:
            unit.manager = member
    OrgUnit.objects.bulk_update(units, ["manager"])
    cx_user = User.objects.create_user(f"cx@bench-{seed}.example", password="bench-password")
    cx = Membership.objects.create(user=cx_user, organization=org, role=Role.CX_LEAD)
    version = writing.version_save(
        organization=org,
        title="Thuis",
        text="Wij willen dat huurders zich thuis voelen.",
        by=cx,
        promises=[
            writing.PromiseInput(t, "")
            for t in (
                "We zijn bereikbaar en bellen terug",
                "Afspraak is afspraak",
                "We geven een helder antwoord",
                "Eén aanspreekpunt regelt het",
                "We luisteren en doen er iets mee",
            )
        ],
    )
    writing.version_publish(version=version, by=cx)
    endorsements = list(Endorsement.objects.filter(version=version))
    now = timezone.now()
    for e in endorsements:
        e.status = rng.choices(["endorsed", "remark", "not_yet", "pending"], [55, 15, 8, 22])[0]
        e.remark = (
            "Eens, maar de planning moet meebewegen." if e.status in ("remark", "not_yet") else ""
        )
        e.answered_at = None if e.status == "pending" else now
    Endorsement.objects.bulk_update(
        endorsements, ["status", "remark", "answered_at"], batch_size=2000
    )
    today = timezone.localdate()
    recall = RecallCheck.objects.create(
        organization=org, version=version, title="Beloftes", opens_on=today, closes_on=today
    )
    answers = [
        RecallAnswer(
            organization=org,
            recall=recall,
            unit=unit,
            is_manager=lead,
            text="bellen\nop tijd",
            understanding=rng.choice((3, 4, 5)),
            named=(n := rng.choice((0, 1, 2, 2, 3, 4))),
            positions="".join(f" {p}" for p in range(n)) + " " if n else "",
        )
        for unit, lead, _e in people
        if rng.random() < 0.6
    ]
    RecallAnswer.objects.bulk_create(answers, batch_size=5000)
    return {
        "org": org,
        "cx": cx,
        "recall": recall,
        "divisions": div_units,
        "departments": dep_units,
        "people": len(people),
        "teams": teams,
        "endorsements": len(endorsements),
        "answers": len(answers),
    }


def urls(world: dict) -> dict[str, list[str]]:
    from django.urls import reverse

    draagvlak = reverse("vision-draagvlak")
    results = reverse("vision-recall-results", args=[world["recall"].uuid])
    division, department = world["divisions"][0], world["departments"][0]
    return {
        "draagvlak": [
            draagvlak,
            f"{draagvlak}?layer=team",
            f"{draagvlak}?status=not_yet",
            f"{draagvlak}?unit={division.uuid}",
            f"{draagvlak}?page=5",
        ],
        "recall": [results, f"{results}?unit={division.uuid}", f"{results}?unit={department.uuid}"],
    }


def measure(world: dict, *, samples: int = SAMPLES, warm_up: int = WARM_UP) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from klantcultuur.orgs.middleware import SESSION_KEY

    # No collected files in a benchmark: plain static URLs, as in the test suite.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        return _measure(
            world,
            samples=samples,
            warm_up=warm_up,
            client_class=Client,
            capture=CaptureQueriesContext,
            connection=connection,
            session_key=SESSION_KEY,
        )


def _measure(world, *, samples, warm_up, client_class, capture, connection, session_key) -> dict:
    Client, CaptureQueriesContext, SESSION_KEY = client_class, capture, session_key
    client = Client()
    client.force_login(world["cx"].user)
    session = client.session
    session[SESSION_KEY] = str(world["org"].uuid)
    session.save()
    out: dict = {
        "teams": world["teams"],
        "people": world["people"],
        "endorsements": world["endorsements"],
        "recall_answers": world["answers"],
    }
    from django.core.cache import cache

    # The first view of the recall results after new answers decides the anonymity gate over
    # every unit (then remembered by its inputs): measured on its own.
    cache.clear()
    started = time.perf_counter()
    client.get(urls(world)["recall"][0])
    out["recall_first_view_ms"] = round((time.perf_counter() - started) * 1000, 1)
    for name, pages in urls(world).items():
        for url in pages[:1] * warm_up:
            client.get(url)
        times, cpu, queries = [], [], set()
        for i in range(samples):
            url = pages[i % len(pages)]
            # Each request three times, counted with the median: on a machine shared with
            # other work a single request can wait for someone else's process.
            wall, own = [], []
            for _r in range(REPEATS):
                with CaptureQueriesContext(connection) as captured:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    wall.append((time.perf_counter() - started) * 1000)
                    own.append((time.process_time() - started_cpu) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
                queries.add(len(captured))
            times.append(statistics.median(wall))
            cpu.append(statistics.median(own))
        times.sort()
        cpu.sort()
        out[f"{name}_p50_ms"] = round(statistics.median(times), 1)
        out[f"{name}_p95_ms"] = round(times[max(0, int(len(times) * 0.95) - 1)], 1)
        out[f"{name}_cpu_p95_ms"] = round(cpu[max(0, int(len(cpu) * 0.95) - 1)], 1)
        out[f"{name}_queries_max"] = max(queries)
    return out


def run(teams: int, per_team: int, *, samples: int = SAMPLES, warm_up: int = WARM_UP) -> dict:
    world = build(teams, per_team)
    return measure(world, samples=samples, warm_up=warm_up)


def main(teams: int, per_team: int) -> None:
    from support.postgres import migrated_database

    with migrated_database(PG_URL):
        started = time.perf_counter()
        world = build(teams, per_team)
        print(
            f"built {world['people']:,} people in {teams:,} teams, {world['endorsements']:,} "
            f"endorsements, {world['answers']:,} recall answers in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        result = measure(world)
        result["backend"] = "postgresql"
    print(json.dumps(result))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [2000, 10][len(args) :]))
