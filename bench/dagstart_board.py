"""Benchmark: server time to render a team's dagstart board and a department board.

Usage (from the repo root): ``python bench/dagstart_board.py [RECORDS] [--teams N]
[--samples N]`` (defaults 10,000,000 records, 2,000 teams, 400 team boards; the test suite
runs it at a tiny size as a smoke test).

Two runs, each in its own process with its own database:

- a smaller SQLite case (RECORDS / 20 feedback records for 200 teams) in a temporary file;
- the PostgreSQL case (RECORDS records for 2,000 teams under 100 departments and 10
  divisions; the SQLite case has a tenth of the teams) in a database ``kc_bench_dagstart`` on 127.0.0.1 (``BENCH_POSTGRES_URL``
  overrides ``postgres://postgres@127.0.0.1:5432/kc_bench_dagstart``), created for the run
  and dropped afterwards.

How the data is made: the organisation, units, people, KPIs, open actions, escalations and
goals through the ORM's ``bulk_create``; the feedback records over 365 days are drawn with
NumPy and streamed with PostgreSQL ``COPY`` (SQLite: ``executemany``) straight into
``feedback_feedback``, skipping the per-record services; their sentences (one per comment)
and the follow-up cases of consenting detractors follow with one ``INSERT … SELECT`` each;
the daily roll-up is then built by the feedback app's own ``rollup.add_records`` (one
``INSERT … SELECT … GROUP BY``), so its counters have the app's definitions. Hand-entered
values (a daily and a weekly KPI per team, 140 days) go in with COPY / ``executemany``.

What is measured: the time of ``Client.get`` (middleware, view, queries, template) for a team
board, logged in as one of the team's employees, over 400 (team, day) pairs drawn from the
last 300 days (10% of them today); and for 60 department boards as the department's
manager; after 20 warm-up requests. Each board is rendered three times in a row and counts
with the median of the three (on a machine shared with other work a single request can be
delayed by someone else's process); the percentiles of the first requests alone are printed
too. Queries are counted on every board. The last line is one JSON object for the
PostgreSQL case.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_RECORDS = 10_000_000
PG_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_bench_dagstart"
)
DAYS = 365
TEAM_SAMPLES = 400
DEPARTMENT_SAMPLES = 60
WARM_UP = 20
REPEATS = 3
CHUNK = 200_000

PRAISE = [
    "Heel vriendelijk geholpen, de medewerker nam echt de tijd.",
    "De monteur was keurig op tijd en liet alles netjes achter.",
    "Ze belde zelf terug zoals beloofd, dat waardeer ik enorm.",
    "Snel antwoord op mijn vraag, probleem opgelost.",
]
POINTS = [
    "Ik moest drie keer bellen voordat iemand mij kon helpen.",
    "De wachttijd aan de telefoon was veel te lang.",
    "De monteur kwam zonder het juiste onderdeel.",
]
WISHES = ["Terugbellen op een vast tijdstip zou fijn zijn.", "Graag een sms vooraf."]


# --- The parent: machine, both runs, the final line ---------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        memory = f"{mem_kb / 2**20:.0f} GiB RAM"
    except OSError:
        memory = "memory unknown"
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, {memory}, "
        f"Python {platform.python_version()}"
    )


def run_child(backend: str, records: int, teams: int, samples: int) -> dict:
    """Run one backend in its own process, passing its progress through; its last line is JSON."""
    command = [sys.executable, __file__, "--child", backend, str(records), str(teams), str(samples)]
    last = ""
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if last:
                print(last, end="", flush=True)
            last = line
    if process.returncode != 0 or not last.strip():
        raise SystemExit(f"the {backend} run failed (exit {process.returncode})")
    return json.loads(last)


def main(records: int, teams: int = 2_000, samples: int = TEAM_SAMPLES) -> None:
    print(f"Machine: {machine()}")
    small = max(min(records, 10_000), records // 20)
    print(f"\n== SQLite: {small:,} records, {sqlite_teams(teams):,} teams ==", flush=True)
    sqlite = run_child("sqlite", small, teams, samples)
    print(f"SQLite result: {json.dumps(sqlite)}")
    print(f"\n== PostgreSQL: {records:,} records, {teams:,} teams ==", flush=True)
    postgres = run_child("postgres", records, teams, samples)
    print(
        json.dumps(
            {
                k: postgres[k]
                for k in (
                    "records",
                    "team_p50_ms",
                    "team_p95_ms",
                    "dept_p95_ms",
                    "queries_per_board",
                )
            }
        )
    )


def sqlite_teams(teams: int) -> int:
    return max(10, teams // 10)


# --- A child: one backend ------------------------------------------------------------------
def child(backend: str, records: int, n_teams: int, samples: int) -> None:
    from support.postgres import ENVIRONMENT

    os.environ.update(ENVIRONMENT, CACHE_URL="locmem://")
    workdir = None
    result = None
    if backend == "sqlite":
        workdir = tempfile.TemporaryDirectory(prefix="kc-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
        os.environ["VAR_DIR"] = workdir.name
        teams = sqlite_teams(n_teams)
    else:
        _recreate_database(PG_URL)
        os.environ["DATABASE_URL"] = PG_URL
        teams = n_teams
    departments = max(1, teams // 20)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.0f} s", flush=True)
        world = build(records, teams, departments)
        print(f"server: {connection.vendor} {_server_version(connection)}", flush=True)
        result = measure(world, samples)
        result["records"] = records
    finally:
        if backend == "postgres":
            from django.db import connections

            connections.close_all()
            _drop_database(PG_URL)
        if workdir is not None:
            workdir.cleanup()
    print(json.dumps(result))


def _recreate_database(url: str) -> None:
    from support.postgres import recreate_database

    recreate_database(url)


def _drop_database(url: str) -> None:
    from support.postgres import drop_database

    drop_database(url)
    print(f"dropped database {url.rsplit('/', 1)[1]}", flush=True)


def _server_version(connection) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
        )
        return cursor.fetchone()[0].split(" on ")[0]


# --- Data ------------------------------------------------------------------------------------
class World:
    def __init__(self):
        self.org = None
        self.teams: list = []  # OrgUnit
        self.departments: list = []
        self.employee_of: dict[int, object] = {}  # team id -> a Membership
        self.manager_of: dict[int, object] = {}  # department id -> Membership
        self.first_day: date | None = None
        self.today: date | None = None


def build(records: int, n_teams: int, n_departments: int) -> World:
    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from klantcultuur.accounts.models import User
    from klantcultuur.feedback import rollup
    from klantcultuur.feedback.models import Feedback
    from klantcultuur.huddle.models import Escalation, Goal, ImprovementAction, Kpi, TeamKpi
    from klantcultuur.orgs.models import Membership, Office, Organization, OrgUnit, UnitKind
    from klantcultuur.orgs.roles import Role

    world = World()
    world.today = timezone.localdate()
    world.first_day = world.today - timedelta(days=DAYS)
    rng = np.random.default_rng(2026)
    started = time.perf_counter()
    with transaction.atomic():
        org = world.org = Organization.objects.create(name="Bench Wonen", slug="bench")
        n_divisions = max(1, n_departments // 10)
        divisions = OrgUnit.objects.bulk_create(
            [
                OrgUnit(organization=org, name=f"Divisie {d}", code=f"D{d}", kind=UnitKind.DIVISION)
                for d in range(n_divisions)
            ]
        )
        departments = OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    organization=org,
                    name=f"Afdeling {d}",
                    code=f"D{d % n_divisions}-A{d}",
                    kind=UnitKind.DEPARTMENT,
                    parent=divisions[d % n_divisions],
                )
                for d in range(n_departments)
            ]
        )
        per_department = n_teams // n_departments
        teams = OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    organization=org,
                    name=f"Team {t}",
                    code=f"T{t}",
                    kind=UnitKind.TEAM,
                    parent=departments[t // per_department % n_departments],
                    office=Office.BACK if t % 5 == 4 else Office.FRONT,
                )
                for t in range(n_teams)
            ]
        )
        if not teams[0].pk:  # backends that return no keys from bulk_create
            teams = list(
                OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM).order_by("id")
            )
            departments = list(
                OrgUnit.objects.filter(organization=org, kind=UnitKind.DEPARTMENT).order_by("id")
            )
        world.teams, world.departments = teams, departments
        people = []
        for unit in [*departments, *teams]:
            for i in range(4 if unit.kind == UnitKind.TEAM else 1):
                people.append((unit, Role.MANAGER if i == 0 else Role.EMPLOYEE, i))
        users = User.objects.bulk_create(
            [
                User(
                    email=f"p{n}@bench.example",
                    first_name=f"Voornaam{n}",
                    last_name="Achternaam",
                    password="!",
                )
                for n in range(len(people))
            ],
            batch_size=2000,
        )
        if not users[0].pk:
            users = list(User.objects.filter(email__endswith="@bench.example").order_by("id"))
        members = Membership.objects.bulk_create(
            [
                Membership(user=u, organization=org, role=role, unit=unit)
                for u, (unit, role, _i) in zip(users, people, strict=True)
            ],
            batch_size=2000,
        )
        if not members[0].pk:
            members = list(Membership.objects.filter(organization=org).order_by("id"))
        for membership, (unit, role, i) in zip(members, people, strict=True):
            if role == Role.MANAGER:
                unit.manager = membership
                if unit.kind == UnitKind.DEPARTMENT:
                    world.manager_of[unit.id] = membership
            elif i == 1:
                world.employee_of[unit.id] = membership
        OrgUnit.objects.bulk_update([*departments, *teams], ["manager"], batch_size=2000)
        Membership.objects.create(
            user=User.objects.create(email="admin@bench.example", password="!"),
            organization=org,
            role=Role.ADMIN,
        )
        kpis = {
            "nps": Kpi.objects.create(
                organization=org,
                name="NPS",
                source="feedback",
                measure="nps",
                period="day",
                default_target=20,
            ),
            "csat": Kpi.objects.create(
                organization=org,
                name="Tevredenheid",
                source="feedback",
                measure="csat",
                period="week",
                default_target=75,
            ),
            "share": Kpi.objects.create(
                organization=org,
                name="Aandeel complimenten",
                source="feedback",
                measure="compliments",
                period="week",
                default_target=60,
            ),
            "late": Kpi.objects.create(
                organization=org,
                name="Te laat teruggebeld",
                source="feedback",
                measure="overdue_cases",
                direction="lower",
                default_target=0,
            ),
            "reach": Kpi.objects.create(
                organization=org, name="Bereikbaarheid", unit="%", default_target=80
            ),
            "lead": Kpi.objects.create(
                organization=org,
                name="Doorlooptijd",
                unit="dagen",
                decimals=1,
                direction="lower",
                period="week",
                default_target=5,
            ),
        }
        team_kpis = []
        for team in teams:
            owner = world.employee_of[team.id]
            keys = (
                ["csat", "share", "reach", "lead"]
                if team.office == Office.BACK
                else ["nps", "share", "late", "reach", "lead"]
            )
            team_kpis += [
                TeamKpi(organization=org, kpi=kpis[k], team=team, owner=owner, position=p)
                for p, k in enumerate(keys)
            ]
        TeamKpi.objects.bulk_create(team_kpis, batch_size=5000)
        ImprovementAction.objects.bulk_create(
            [
                ImprovementAction(
                    organization=org,
                    team=team,
                    title=f"Actie {i}",
                    problem="Wachttijd",
                    owner=world.employee_of[team.id],
                    kpi=kpis["reach"],
                    state=("plan", "do", "check", "act", "closed")[i],
                    due_date=world.today + timedelta(days=7 * i - 14),
                )
                for team in teams
                for i in range(5)
            ],
            batch_size=5000,
        )
        Escalation.objects.bulk_create(
            [
                Escalation(
                    organization=org,
                    from_unit=team,
                    to_unit=team.parent,
                    text="Onderdelen niet op voorraad.",
                    raised_on=world.today,
                )
                for team in teams
            ],
            batch_size=5000,
        )
        Goal.objects.bulk_create(
            [
                Goal(
                    organization=org,
                    team=team,
                    title="NPS boven de 30",
                    start=world.first_day,
                    end=world.today + timedelta(days=60),
                )
                for team in teams
            ],
            batch_size=5000,
        )
    print(
        f"organisation: {len(teams):,} teams, {len(departments)} departments, "
        f"{len(members):,} people, {len(team_kpis):,} team KPIs "
        f"({time.perf_counter() - started:.0f} s)",
        flush=True,
    )

    started = time.perf_counter()
    _feedback(world, records, rng)
    print(
        f"feedback: {records:,} records copied in {time.perf_counter() - started:.0f} s", flush=True
    )
    started = time.perf_counter()
    _derived(world)
    rollup.add_records(Feedback.objects.filter(organization=world.org))
    print(f"sentences, cases and roll-up in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    _values(world, kpis, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"values and ANALYZE in {time.perf_counter() - started:.0f} s", flush=True)
    _sizes(connection)
    return world


def _feedback(world: World, records: int, rng) -> None:
    """Records over DAYS days, drawn with NumPy, COPYed (PostgreSQL) or executemany'd."""
    import numpy as np
    from django.db import connection

    team_ids = np.array([t.id for t in world.teams])
    back = np.array([t.office == "back" for t in world.teams])
    weights = rng.lognormal(0.0, 0.5, len(team_ids))
    weights /= weights.sum()
    day0 = datetime.combine(world.first_day, datetime.min.time())
    columns = (
        "uuid",
        "organization_id",
        "team_id",
        "received_at",
        "day",
        "metric",
        "score",
        "reason",
        "suggestion",
        "channel",
        "touchpoint",
        "product",
        "location",
        "team_code",
        "external_id",
        "content_hash",
        "customer_ref",
        "contact_consent",
        "is_internal",
        "language",
        "source",
        "n_compliments",
        "n_improvements",
        "topics",
        "analysed",
        "created_at",
    )
    pg = connection.vendor == "postgresql"
    now = stamp(datetime.now(UTC).replace(tzinfo=None), pg)
    done = 0
    while done < records:
        n = min(CHUNK, records - done)
        team_index = rng.choice(len(team_ids), n, p=weights)
        offsets = rng.integers(0, DAYS, n)
        weekday = (np.array([world.first_day.weekday()]) + offsets) % 7
        offsets = np.where((weekday >= 5) & (rng.random(n) < 0.7), offsets - weekday + 4, offsets)
        offsets = np.clip(offsets, 0, DAYS - 1)
        seconds = rng.integers(7 * 3600, 21 * 3600, n)
        internal = back[team_index]
        nps = ~internal & (rng.random(n) < 0.8)
        roll = rng.random(n)
        band = np.where(roll < 0.5, 2, np.where(roll < 0.75, 1, 0))  # good, mid, bad
        score = np.where(
            nps,
            np.choose(band, [rng.integers(0, 7, n), rng.integers(7, 9, n), rng.integers(9, 11, n)]),
            np.choose(band, [rng.integers(1, 3, n), np.full(n, 3), rng.integers(4, 6, n)]),
        )
        comment = rng.random(n) < 0.4
        pick = rng.integers(0, 12, n)
        consent = (band == 0) & (rng.random(n) < 0.3)
        uuids = rng.bytes(16 * n)
        rows = []
        for i in range(n):
            moment = day0 + timedelta(days=int(offsets[i]), seconds=int(seconds[i]))
            reason = suggestion = ""
            compliments = improvements = 0
            if comment[i]:
                if band[i] == 2:
                    reason, compliments = PRAISE[pick[i] % len(PRAISE)], 1
                elif band[i] == 0:
                    reason, improvements = POINTS[pick[i] % len(POINTS)], 1
                else:
                    suggestion = WISHES[pick[i] % len(WISHES)]
            rows.append(
                (
                    uuids[16 * i : 16 * i + 16].hex(),
                    world.org.id,
                    int(team_ids[team_index[i]]),
                    stamp(moment, pg),
                    moment.date().isoformat(),
                    "nps" if nps[i] else "csat",
                    int(score[i]),
                    reason,
                    suggestion,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    bool(consent[i]),
                    bool(internal[i]),
                    "",
                    "demo",
                    compliments,
                    improvements,
                    "",
                    True,
                    now,
                )
            )
        _insert(connection, "feedback_feedback", columns, rows)
        done += n
        print(f"  {done:,} records", flush=True)


def stamp(moment: datetime, pg: bool) -> str:
    """A UTC moment as each database reads it (SQLite: Django's naive UTC text)."""
    text = moment.isoformat(sep=" ")
    return text + "+00" if pg else text


def _insert(connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _derived(world: World) -> None:
    """One sentence per comment, and a follow-up case per consenting detractor."""
    from django.db import connection

    pg = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO feedback_feedbacksentence (feedback_id, field, position, text, label, "
            "reasons, topics, corrected) SELECT uuid, CASE WHEN reason <> '' THEN 1 ELSE 2 END, 0, "
            "reason || suggestion, CASE WHEN n_compliments > 0 THEN 'compliment' "
            "WHEN n_improvements > 0 THEN 'improvement' ELSE 'neutral' END, '', '', %s "
            "FROM feedback_feedback WHERE reason <> '' OR suggestion <> ''",
            [False],
        )
        new_uuid = "gen_random_uuid()" if pg else "lower(hex(randomblob(16)))"
        due = "received_at + interval '48 hours'" if pg else "datetime(received_at, '+48 hours')"
        recent = (world.today - timedelta(days=10)).isoformat()
        cursor.execute(
            "INSERT INTO feedback_followupcase (uuid, organization_id, feedback_id, team_id, "
            "status, due_at, created_at, resolved_at, outcome, note, customer_email) "
            f"SELECT {new_uuid}, organization_id, uuid, team_id, "
            "CASE WHEN day < %s THEN 'resolved' ELSE 'open' END, "
            f"{due}, received_at, CASE WHEN day < %s THEN {due} END, '', '', '' "
            "FROM feedback_feedback WHERE contact_consent",
            [recent, recent],
        )


def _values(world: World, kpis: dict, rng) -> None:
    """A daily and a weekly hand-entered KPI per team: the last 140 days."""
    from django.db import connection

    from klantcultuur.huddle.steering.days import week_start

    rows = []
    entered = stamp(datetime.now(UTC).replace(tzinfo=None), connection.vendor == "postgresql")
    first = world.today - timedelta(days=140)
    weeks = sorted({week_start(first + timedelta(days=i)) for i in range(0, 140, 7)})
    for team in world.teams:
        level = rng.normal(80, 5)
        for i in range(140):
            day = first + timedelta(days=i)
            if day.weekday() < 5:
                rows.append(
                    (
                        world.org.id,
                        kpis["reach"].id,
                        team.id,
                        day.isoformat(),
                        round(float(level + rng.normal(0, 4)), 1),
                        entered,
                        0,
                    )
                )
        for monday in weeks:
            rows.append(
                (
                    world.org.id,
                    kpis["lead"].id,
                    team.id,
                    monday.isoformat(),
                    round(float(rng.normal(5, 0.8)), 1),
                    entered,
                    0,
                )
            )
    columns = (
        "organization_id",
        "kpi_id",
        "team_id",
        "period_start",
        "value",
        "entered_at",
        "corrections",
    )
    for start in range(0, len(rows), CHUNK):
        _insert(connection, "huddle_kpivalue", columns, rows[start : start + CHUNK])


def _sizes(connection) -> None:
    from klantcultuur.feedback.models import DailyTeamStats, FeedbackSentence, FollowUpCase

    counts = {
        "sentences": FeedbackSentence.objects.count(),
        "follow-up cases": FollowUpCase.objects.count(),
        "roll-up rows": DailyTeamStats.objects.count(),
    }
    line = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            line += f"; database {cursor.fetchone()[0]}"
    print(f"data: {line}", flush=True)


# --- Measuring -------------------------------------------------------------------------------
def measure(world: World, samples: int) -> dict:
    import numpy as np
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from klantcultuur.orgs.middleware import SESSION_KEY

    rng = np.random.default_rng(7)
    staticfiles = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    def client_for(membership) -> Client:
        client = Client()
        client.force_login(membership.user)
        session = client.session
        session[SESSION_KEY] = str(world.org.uuid)
        session.save()
        return client

    def day_of(i: int) -> date:
        if i % 10 == 0:
            return world.today
        return world.today - timedelta(days=int(rng.integers(1, 300)))

    def timed(pairs) -> tuple[list[float], list[int], list[float]]:
        """Each board three times in a row: its time is the median of the three (a machine
        shared with other work adds spikes to single requests); the first is kept apart."""
        times, queries, first = [], [], []
        for client, url, day in pairs:
            runs = []
            for _repeat in range(REPEATS):
                connection.queries_log.clear()  # the log holds at most 9,000 queries
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, {"day": day.isoformat()})
                    runs.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            times.append(statistics.median(runs))
            first.append(runs[0])
            queries.append(len(captured))
        return times, queries, first

    with override_settings(STORAGES={"default": default, "staticfiles": staticfiles}):
        warm_up = min(WARM_UP, samples)
        wanted = samples + warm_up
        picks = rng.choice(len(world.teams), wanted, replace=len(world.teams) < wanted)
        team_pairs = []
        for i, index in enumerate(picks):
            team = world.teams[int(index)]
            team_pairs.append(
                (client_for(world.employee_of[team.id]), f"/huddle/{team.uuid}/", day_of(i))
            )
        timed(team_pairs[:warm_up])
        team_times, team_queries, team_first = timed(team_pairs[warm_up:])
        dept_pairs = []
        dept_samples = max(1, samples * DEPARTMENT_SAMPLES // TEAM_SAMPLES)
        for i in range(dept_samples + 5):
            department = world.departments[int(rng.integers(0, len(world.departments)))]
            dept_pairs.append(
                (
                    client_for(world.manager_of[department.id]),
                    f"/huddle/{department.uuid}/",
                    day_of(i),
                )
            )
        timed(dept_pairs[:5])
        dept_times, dept_queries, dept_first = timed(dept_pairs[5:])

    def pct(values, q) -> float:
        return round(float(np.percentile(values, q)), 1)

    spread = {n: team_queries.count(n) for n in sorted(set(team_queries))}
    print(
        f"team board: p50 {pct(team_times, 50)} ms, p95 {pct(team_times, 95)} ms, "
        f"max {pct(team_times, 100)} ms over {len(team_times)} boards; queries per board "
        f"{spread} (by the days with compliments since the previous working day)"
    )
    print(
        f"department board: p50 {pct(dept_times, 50)} ms, p95 {pct(dept_times, 95)} ms "
        f"over {len(dept_times)} boards; queries {sorted(set(dept_queries))}"
    )
    print(
        f"first requests only: team p50 {pct(team_first, 50)} ms, p95 {pct(team_first, 95)} ms;"
        f" department p95 {pct(dept_first, 95)} ms"
    )
    return {
        "team_p50_ms": pct(team_times, 50),
        "team_p95_ms": pct(team_times, 95),
        "dept_p95_ms": pct(dept_times, 95),
        "queries_per_board": max(team_queries),
        "team_mean_ms": round(statistics.fmean(team_times), 1),
        "dept_queries": max(dept_queries),
    }


def _in_the_virtual_environment() -> None:
    """`python bench/dagstart_board.py` from the repo root runs in the project's .venv."""
    try:
        import django  # noqa: F401
    except ImportError:
        venv = ROOT / ".venv" / "bin" / "python"
        if venv.exists() and Path(sys.prefix).resolve() != venv.parent.parent.resolve():
            os.execv(str(venv), [str(venv), __file__, *sys.argv[1:]])
        raise


if __name__ == "__main__":
    _in_the_virtual_environment()
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], *(int(a) for a in sys.argv[3:6]))
    else:
        import argparse

        def count(text: str) -> int:
            return int(text.replace("_", "").replace(",", "").replace(".", ""))

        parser = argparse.ArgumentParser(description="Dagstart board server time.")
        parser.add_argument("records", nargs="?", type=count, default=DEFAULT_RECORDS)
        parser.add_argument("--teams", type=count, default=2_000, help="PostgreSQL case")
        parser.add_argument("--samples", type=count, default=TEAM_SAMPLES, help="team boards")
        arguments = parser.parse_args()
        main(arguments.records, arguments.teams, arguments.samples)
