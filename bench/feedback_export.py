"""Benchmark: the twelve-month records export (CSV) against its floor, old and new side by side.

    .venv/bin/python bench/feedback_export.py [RECORDS] [--repeats N]   (default 300,000; 2)

Fills a throwaway PostgreSQL database (BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/kc_bench_export; created and dropped) with RECORDS feedback
records of one organisation over the last 365 days (25 teams, 70% with comments, external ids,
customer references, topics, a sixth from colleagues), written by one INSERT … SELECT. Then,
each in its own process (so that the peak memory is the export's alone) and in turns:

- floor: the server alone producing the export's records in the export's order,
  `COPY (SELECT … ORDER BY day, received_at, uuid) TO STDOUT` read and thrown away;
- old: the export as it was (tests/export_reference.py: model instances from one ordered
  query, every cell through `_cell`), written by `stream_csv`;
- new: `RecordExport.csv()`, the export the page streams now;
- page: the export page itself (`Client.get`, middleware and view), new export.

For each: seconds to the first record line, seconds to the end, records per second, the
client's CPU seconds (all its threads; on a shared machine the wall time waits for cores, the
CPU time does not) and records per CPU second, megabytes, peak resident memory over the
process's start. The new export runs once more over 90 days:
its peak memory should not grow with the size. The ratio printed is the floor's time over the
export's (1.0 would be the server's speed). The last line is one JSON object.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_RECORDS = 300_000
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_bench_export")
REASONS = [
    "De monteur was vriendelijk en heeft het probleem snel opgelost.",
    "Vriendelijk geholpen, maar wel lang moeten wachten.",
    "Ik heb drie keer moeten bellen voordat er iemand kwam.",
    "Netjes op tijd en alles goed uitgelegd.",
    "Niemand belt terug, heel slecht.",
    "Prima contact, afspraak werd nagekomen.",
]
TENS = ["Sneller reageren.", "Een tijdvak in plaats van een hele dag.", "Beter terugbellen."]
TOPICS = [" wachttijd ", " vriendelijkheid ", " wachttijd bereikbaarheid ", " deskundigheid "]


def _dagstart():
    spec = importlib.util.spec_from_file_location(
        "bench_dagstart", ROOT / "bench" / "dagstart_board.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(records: int) -> None:
    """One organisation with an administrator, 25 teams and `records` records over 365 days."""
    from django.conf import settings
    from django.db import connection

    from klantcultuur.feedback import rollup
    from klantcultuur.orgs.models import Organization, OrgUnit, UnitKind
    from klantcultuur.orgs.roles import Role
    from klantcultuur.testing import make_member

    org = Organization.objects.create(name="Bench Wonen", slug="bench")
    department = OrgUnit.objects.create(
        organization=org, name="Klantcontact", code="KC", kind=UnitKind.DEPARTMENT
    )
    teams = [
        OrgUnit.objects.create(
            organization=org, parent=department, name=f"Team {t}", code=f"T{t}", kind="team"
        ).id
        for t in range(25)
    ]
    make_member(org, "admin@bench.example", Role.ADMIN)

    def array(values) -> str:
        return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"

    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2026)")
        cursor.execute(
            f"""
            INSERT INTO feedback_feedback (uuid, organization_id, team_id, received_at, day,
                metric, score, reason, suggestion, channel, touchpoint, product, location,
                team_code, external_id, content_hash, customer_ref, contact_consent,
                is_internal, language, source, n_compliments, n_improvements, topics,
                analysed, created_at)
            SELECT gen_random_uuid(), %(org)s, (%(teams)s::bigint[])[1 + i %% 25], moment,
                (moment AT TIME ZONE %(zone)s)::date,
                'nps', (random() * 10)::int,
                CASE WHEN c < 0.7 THEN ({array(REASONS)})[1 + i %% {len(REASONS)}] ELSE '' END,
                CASE WHEN c < 0.3 THEN ({array(TENS)})[1 + i %% {len(TENS)}] ELSE '' END,
                (ARRAY['telefoon', 'e-mail', 'chat', 'balie'])[1 + i %% 4],
                (ARRAY['Reparatieverzoek', 'Huurbetaling', 'Oplevering'])[1 + i %% 3],
                '', '', 'T' || (i %% 25), 'R_' || lpad(i::text, 9, '0'), '',
                'K' || lpad((i::bigint * 7919 %% 1000000)::text, 6, '0'), i %% 4 = 0, i %% 6 = 0, 'nl',
                'import', (c < 0.4)::int, (c >= 0.4 AND c < 0.7)::int,
                CASE WHEN c < 0.7 THEN ({array(TOPICS)})[1 + i %% {len(TOPICS)}] ELSE '' END,
                true, now()
            FROM (
                SELECT i, random() AS c,
                    now() - interval '1 second' * floor(random() * 364 * 86400) AS moment
                FROM generate_series(1, %(records)s) AS i
            ) AS drawn
            """,
            {"org": org.id, "teams": teams, "zone": settings.TIME_ZONE, "records": records},
        )
        cursor.execute("ANALYZE feedback_feedback")
    rollup.rebuild(org.id)  # the daily counts the export plans its windows by


# --- One measurement, in a process of its own -------------------------------------------------
def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def _drain(chunks, started: float, header: int = 1) -> tuple[float | None, int, int]:
    """(seconds from `started` to the first record line, records, bytes) of text chunks."""
    first = None
    lines = size = 0
    for chunk in chunks:
        if isinstance(chunk, str):
            chunk = chunk.encode()
        size += len(chunk)
        lines += chunk.count(b"\n")
        if first is None and lines > header:
            first = time.perf_counter() - started
    return first, lines - header, size


def child(what: str, days: int) -> None:
    os.environ.update(_dagstart_env())
    import django

    django.setup()
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone, translation

    from klantcultuur.feedback.analysis import topics_for
    from klantcultuur.feedback.exports import RECORD_COLUMNS, RecordExport, stream_csv
    from klantcultuur.feedback.selectors import RecordFilter, filtered_counts, records_query
    from klantcultuur.feedback.tests.export_reference import reference_rows
    from klantcultuur.orgs.models import Organization

    org = Organization.objects.get(slug="bench")
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    records = records_query(organization=org, unit_ids=None, flt=RecordFilter(start, today))
    names = {t.slug: t.name("nl") for t in topics_for(org)}
    internal = RecordFilter(start=start, end=today, internal=True)
    show = (
        filtered_counts(organization=org, unit_ids=None, flt=internal).with_comment
        >= org.min_comment_group_size
    )
    translation.activate("nl")
    # What a serving process has done once before any export: load the catalogues, the URLs.
    translation.gettext("yes")
    reverse("feedback-export")
    before = _rss_mb()
    cpu = time.process_time()  # every thread of this process: the read-ahead's too
    started = time.perf_counter()
    if what == "floor":
        sql, params = (
            records.order_by("day", "received_at", "uuid")
            .values_list(*RECORD_COLUMNS)
            .query.sql_with_params()
        )
        with connection.cursor() as cursor:
            raw = cursor.cursor
            copy_sql = f"COPY ({sql}) TO STDOUT (FORMAT csv, DELIMITER ';')"
            with raw.copy(raw.mogrify(copy_sql, params)) as copy:
                first, lines, size = _drain((bytes(block) for block in copy), started, header=0)
    elif what == "old":
        first, lines, size = _drain(
            stream_csv(reference_rows(records, names, show_internal_comments=show)), started
        )
    elif what == "new":
        export = RecordExport(
            records,
            organization_id=org.id,
            unit_ids=None,
            start=start,
            end=today,
            topic_names=names,
            show_internal_comments=show,
        )
        first, lines, size = _drain(export.csv(), started)
    else:  # the page
        from django.test import Client

        from klantcultuur.orgs.middleware import SESSION_KEY
        from klantcultuur.orgs.models import Membership

        client = Client()
        client.force_login(Membership.objects.get(organization=org).user)
        session = client.session
        session[SESSION_KEY] = str(org.uuid)
        session.save()
        started = time.perf_counter()
        response = client.get("/feedback/export/", {"period": str(days)})
        assert response.status_code == 200, response.status_code
        first, lines, size = _drain(response.streaming_content, started)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    print(
        json.dumps(
            {
                "what": what,
                "days": days,
                "rows": lines,
                "first_row_s": None if first is None else round(first, 4),
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "mb": round(size / 2**20, 1),
                "peak_mb": round(peak, 1),
            }
        )
    )


def _dagstart_env() -> dict[str, str]:
    from support.postgres import ENVIRONMENT

    return {**ENVIRONMENT, "CACHE_URL": "locmem://", "DATABASE_URL": os.environ["DATABASE_URL"]}


def run_child(what: str, days: int) -> dict:
    done = subprocess.run(
        ["nice", "-n", "10", sys.executable, __file__, "--child", what, str(days)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(records: int, repeats: int) -> None:
    dagstart = _dagstart()
    print(f"Machine: {dagstart.machine()}; load average {os.getloadavg()[0]:.1f}", flush=True)
    from support.postgres import migrated_database

    with migrated_database(PG_URL, cache_url="locmem://"):
        started = time.perf_counter()
        build(records)
        print(f"built {records:,} records in {time.perf_counter() - started:.0f} s", flush=True)
        best: dict[str, dict] = {}
        for _round in range(repeats):
            for what in ("floor", "old", "new", "page"):
                run = run_child(what, 365)
                print(
                    f"  {what:>5}: first record line after {run['first_row_s']} s, "
                    f"{run['seconds']} s for {run['rows']:,} rows ({run['mb']} MB), "
                    f"peak +{run['peak_mb']} MB",
                    flush=True,
                )
                if what not in best or run["seconds"] < best[what]["seconds"]:
                    best[what] = run
        short = run_child("new", 90)
        load = os.getloadavg()[0]
    floor, old, new, page = best["floor"], best["old"], best["new"], best["page"]
    assert old["rows"] == new["rows"] == page["rows"] == floor["rows"], (old, new, page, floor)
    rate = new["rows"] / new["seconds"]
    print(
        f"\n12 months, {new['rows']:,} records, {new['mb']} MB (best of {repeats}; load {load:.1f})"
    )
    print(
        f"{'':>6} {'first row s':>11} {'total s':>8} {'rows/s':>9} {'floor/x':>8} "
        f"{'client CPU s':>12} {'rows/CPU s':>10} {'peak MB':>8}"
    )
    for name, run in (("floor", floor), ("old", old), ("new", new), ("page", page)):
        print(
            f"{name:>6} {run['first_row_s'] or 0:>11.3f} {run['seconds']:>8.2f} "
            f"{run['rows'] / run['seconds']:>9,.0f} {floor['seconds'] / run['seconds']:>8.2f} "
            f"{run['cpu_seconds']:>12.2f} {run['rows'] / max(run['cpu_seconds'], 1e-3):>10,.0f} "
            f"{run['peak_mb']:>8.1f}"
        )
    print(
        f"new over 90 days: {short['rows']:,} rows, peak +{short['peak_mb']} MB "
        f"(12 months: +{new['peak_mb']} MB)"
    )
    print(
        json.dumps(
            {
                "records": new["rows"],
                "csv_mb": new["mb"],
                "floor_seconds": floor["seconds"],
                "old_first_row_s": old["first_row_s"],
                "old_seconds": old["seconds"],
                "new_first_row_s": new["first_row_s"],
                "new_seconds": new["seconds"],
                "page_first_row_s": page["first_row_s"],
                "page_seconds": page["seconds"],
                "rows_per_s": round(rate),
                "rows_per_cpu_s": round(new["rows"] / max(new["cpu_seconds"], 1e-3)),
                "old_rows_per_s": round(old["rows"] / old["seconds"]),
                "floor_ratio": round(floor["seconds"] / new["seconds"], 2),
                "peak_mb": new["peak_mb"],
                "peak_mb_90_days": short["peak_mb"],
                "old_peak_mb": old["peak_mb"],
                "load": round(load, 1),
            }
        )
    )


if __name__ == "__main__":
    _dagstart()._in_the_virtual_environment()
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        import argparse

        def count(text: str) -> int:
            return int(text.replace("_", "").replace(",", "").replace(".", ""))

        parser = argparse.ArgumentParser(description="Records export against its floor.")
        parser.add_argument("records", nargs="?", type=count, default=DEFAULT_RECORDS)
        parser.add_argument("--repeats", type=count, default=2)
        arguments = parser.parse_args()
        main(arguments.records, arguments.repeats)
