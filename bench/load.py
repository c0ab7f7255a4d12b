"""Benchmark: customers' answers through the production server, and the pages under that load.

Usage (from the repo root): ``python bench/load.py [ANSWERS] [--seconds S] [--clients N]
[--readers N] [--demo-responses N] [--threads N]`` (defaults 6,000 answers, at most 60 s
per phase, 16 customer connections, 3 page readers, the demo with 20,000 responses,
4 threads per gunicorn worker; the test suite runs it at a tiny size as a smoke test).
Run it with ``nice -n 10`` on a shared machine.

What runs:

- a new PostgreSQL database (``BENCH_DATABASE_URL``, default ``kc_bench_load`` on
  127.0.0.1), migrated, with the demo organisation (``load_demo``); dropped afterwards;
- the production server: gunicorn with ``deploy/gunicorn.conf.py``, 2 workers, production
  settings (DEBUG off, collected static files served by WhiteNoise, the Redis cache at
  ``BENCH_REDIS_URL`` when it answers, background work in the web processes' own thread:
  the embedded default), behind a pretend proxy (``PROXY_HOPS=1``) so that every customer
  has an address of their own for the form's rate limit;
- a second process, the load: customers on loopback, each over its own keep-alive
  connection. Phase 1 opens the forms (``GET /k/<touchpoint>/``: the answer's one-off token
  and the CSRF cookie); phase 2 sends the answers (``POST``, answered by a redirect to the
  thanks page), while page readers fetch, logged in, the team's dagstart board (as its
  manager), the Klantstem inbox and the culture-scan report (as the CX lead), round after
  round. Both phases stop after ANSWERS answers or S seconds, whichever comes first.

What is checked afterwards, from the database: every acknowledged answer (a redirect to
the thanks page) is stored, once, with the score that was sent; nothing else was stored; the
background work that follows an answer (reading the comment, a call-back case) finished,
and how long after the last answer; the daily roll-up agrees with the records.

The figures: answers (POSTs) per second in phase 2, their p50/p95, forms opened per second,
the p50/p95 of each page while the answers came in, the machine's load average before and
after. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kc_bench_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
WORKERS = 2

REASONS = [
    "De monteur was keurig op tijd en liet alles netjes achter.",
    "Heel vriendelijk geholpen, de medewerker nam echt de tijd.",
    "Ik moest drie keer bellen voordat iemand mij kon helpen.",
    "De wachttijd aan de telefoon was veel te lang.",
    "Snel antwoord op mijn vraag, probleem opgelost.",
    "De reparatie was goed, maar niemand liet weten wanneer hij zou komen.",
]
DETAILS = [
    "Afspraak was op de {day}e, {name} kwam pas 's middags.",
    "{name} legde duidelijk uit wat er mis was.",
    "Op de {day}e belde ik en kreeg ik {name} aan de lijn.",
    "Daarna heb ik niets meer gehoord.",
    "Complimenten voor {name}!",
]
NAMES = ["Ahmed", "Sanne", "Jeroen", "Fatima", "de monteur", "de dame van de balie", "Kees"]
SUGGESTIONS = ["Graag een sms vooraf.", "Terugbellen op een vast tijdstip zou fijn zijn.", "", ""]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def machine_load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- The load: a second process --------------------------------------------------------
class Connection:
    """One customer's (or reader's) keep-alive connection to the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        for attempt in range(2):
            try:
                self.http.request(method, path, body=body, headers=headers)
                response = self.http.getresponse()
                content = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.http.close()
                return response, content
            except (http.client.HTTPException, OSError):
                self.http.close()
                self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt or method == "POST":  # a POST is never sent twice: it counts as failed
                    raise
        raise AssertionError("unreachable")


def customer_address(number: int) -> str:
    return f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


def run_load(config: dict) -> dict:
    port, touchpoint, answers = config["port"], config["touchpoint"], config["answers"]
    clients, seconds = config["clients"], config["seconds"]
    form_path = f"/k/{touchpoint}/"
    lock = threading.Lock()

    # Phase 1: customers open the form; the redirect carries the answer's one-off token.
    opened: list[dict] = []
    open_times: list[float] = []
    failures: dict[str, int] = {}
    next_number = iter(range(answers))
    deadline = time.monotonic() + seconds

    def fail(kind: str) -> None:
        with lock:
            failures[kind] = failures.get(kind, 0) + 1

    def opener() -> None:
        connection = Connection(port)
        while time.monotonic() < deadline:
            with lock:
                number = next(next_number, None)
            if number is None:
                return
            ref = f"K-{100000 + number}" if number % 4 == 0 else ""
            query = f"?ref={ref}" if ref else ""
            address = customer_address(number)
            started = time.perf_counter()
            try:
                response, _body = connection.request(
                    "GET", form_path + query, headers={"X-Forwarded-For": address}
                )
            except (http.client.HTTPException, OSError):
                fail("open: no answer")
                continue
            elapsed = time.perf_counter() - started
            location = response.getheader("Location", "")
            cookie = response.getheader("Set-Cookie", "")
            if response.status != 302 or "t=" not in location or "csrftoken=" not in cookie:
                fail(f"open: {response.status}")
                continue
            token = parse_qs(urlparse(location).query)["t"][0]
            csrf = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
            with lock:
                open_times.append(elapsed)
                opened.append(
                    {"number": number, "token": token, "csrf": csrf, "ref": ref, "ip": address}
                )

    started = time.perf_counter()
    threads = [threading.Thread(target=opener) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    open_seconds = time.perf_counter() - started

    # Phase 2: the answers, while readers fetch the pages.
    sent: list[dict] = []  # every POST that went out: acknowledged or not
    post_times: list[float] = []
    page_times: dict[str, list[float]] = {name: [] for name, _path, _cookie in config["pages"]}
    pending = iter(opened)
    busy = threading.Event()
    busy.set()
    random.seed(7)
    low, high = config["scale"]
    # Every comment differs (a day and a name in it), as customers' comments do: the
    # comment reader cannot answer from what it read before.
    choices = [
        (
            random.randint(low, high),
            f"{random.choice(REASONS)} {random.choice(DETAILS).format(day=n % 28 + 1, name=random.choice(NAMES))}"
            if n % 7
            else "",
            random.choice(SUGGESTIONS),
        )
        for n in range(len(opened))
    ]
    deadline = time.monotonic() + seconds

    def sender(count: int) -> None:
        connection = Connection(port)
        while time.monotonic() < deadline:
            with lock:
                customer = next(pending, None) if len(sent) < count else None
            if customer is None:
                return
            score, reason, suggestion = choices[customer["number"] % len(choices)]
            fields = {
                "csrfmiddlewaretoken": customer["csrf"],
                "token": customer["token"],
                "lang": "nl",
                "score": str(score),
                "reason": reason,
                "suggestion": suggestion,
                "website": "",
            }
            if customer["ref"]:
                fields["ref"] = customer["ref"]
                if score <= low + (high - low) // 2:
                    fields["contact_consent"] = "on"
            record = {"token": customer["token"], "score": score, "acknowledged": False}
            with lock:
                sent.append(record)
            began = time.perf_counter()
            try:
                response, _body = connection.request(
                    "POST",
                    form_path + (f"?ref={customer['ref']}" if customer["ref"] else ""),
                    body=urlencode(fields),
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": f"csrftoken={customer['csrf']}",
                        "X-Forwarded-For": customer["ip"],
                    },
                )
            except (http.client.HTTPException, OSError):
                fail("post: no answer")
                continue
            elapsed = time.perf_counter() - began
            if response.status == 302 and "/thanks/" in response.getheader("Location", ""):
                record["acknowledged"] = True
                with lock:
                    post_times.append(elapsed)
            else:
                fail(f"post: {response.status}")

    def reader(offset: int) -> None:
        connection = Connection(port)
        pages = config["pages"]
        turn = offset
        while busy.is_set():
            name, path, cookie = pages[turn % len(pages)]
            turn += 1
            began = time.perf_counter()
            try:
                response, _body = connection.request(
                    "GET", path, headers={"Cookie": f"sessionid={cookie}"}
                )
            except (http.client.HTTPException, OSError):
                fail(f"page {name}: no answer")
                continue
            elapsed = time.perf_counter() - began
            if response.status != 200:
                fail(f"page {name}: {response.status}")
            elif busy.is_set():
                with lock:
                    page_times[name].append(elapsed)

    def send_all(count: int) -> dict:
        nonlocal deadline
        deadline = time.monotonic() + seconds
        before_posts, before_cpu = len(post_times), cpu_seconds(config["server_pids"])
        began = time.perf_counter()
        senders = [threading.Thread(target=sender, args=(count,)) for _ in range(clients)]
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        elapsed = time.perf_counter() - began
        done = post_times[before_posts:]
        after_cpu = cpu_seconds(config["server_pids"])
        cpu = {name: after_cpu[name] - before_cpu[name] for name in after_cpu}
        return {"seconds": elapsed, "times": done, "cpu": cpu}

    # 2a: the answers alone (what one answer costs the server and the database)
    alone = send_all(len(opened) // 2)
    # 2b: the rest of the answers while readers fetch the pages
    readers = [
        threading.Thread(target=reader, args=(i,), daemon=True) for i in range(config["readers"])
    ]
    for thread in readers:
        thread.start()
    mixed = send_all(len(opened))
    busy.clear()
    for thread in readers:
        thread.join(timeout=60)
    return {
        "opened": len(opened),
        "open_seconds": open_seconds,
        "open_times": open_times,
        "sent": sent,
        "alone": alone,
        "mixed": mixed,
        "page_times": page_times,
        "failures": failures,
    }


def cpu_seconds(server_pids: list[int]) -> dict[str, float]:
    """CPU seconds used so far by the gunicorn processes and by the database's backends of
    the benchmark database (found by their process title), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")

    def used(pid: int | str) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            return 0.0

    database = urlparse(PG_URL).path.lstrip("/")
    backends = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                backends += used(entry.name)
    # The master, its live workers, and the workers it replaced (recycled after
    # max_requests): their time is in the master's "children" fields once reaped.
    master = server_pids[0]
    try:
        fields = Path(f"/proc/{master}/stat").read_text().rsplit(")", 1)[1].split()
        reaped = (int(fields[13]) + int(fields[14])) / ticks
    except (OSError, IndexError, ValueError):
        reaped = 0.0
    return {
        "server": used(master) + reaped + sum(used(pid) for pid in server_processes(master)[1:]),
        "database": backends,
        "client": time.process_time(),
    }


def client_main(config_file: str, result_file: str) -> None:
    config = json.loads(Path(config_file).read_text())
    Path(result_file).write_text(json.dumps(run_load(config)))


# --- The parent: data, server, read-back -----------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


def session_for(membership) -> str:
    """A logged-in session of the member (as after the login page), its cookie value."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from klantcultuur.orgs.middleware import SESSION_KEY as ORGANIZATION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(membership.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = membership.user.get_session_auth_hash()
    session[ORGANIZATION_KEY] = str(membership.organization.uuid)
    session.create()
    return session.session_key or ""


def demo_targets() -> tuple:
    """The demo's touchpoint of a team, and the pages to read: (name, path, member)."""
    from django.urls import reverse

    from klantcultuur.feedback.models import Touchpoint
    from klantcultuur.orgs.models import Membership, Organization
    from klantcultuur.scan.models import Wave

    org = Organization.objects.get(name="Woonstichting Rivierduin")
    touchpoint = (
        Touchpoint.objects.filter(organization=org, is_active=True, team__manager__isnull=False)
        .select_related("team__manager__user", "organization")
        .order_by("-metric", "name")  # an NPS form when there is one
        .first()
    )
    if touchpoint is None:
        raise SystemExit("the demo has no touchpoint of a team with a manager")
    team = touchpoint.team
    cx_lead = Membership.objects.get(
        organization=org, user__email="thomas.degraaf@rivierduin-demo.nl"
    )
    wave = Wave.objects.filter(organization=org, report__isnull=False).order_by("-opens_on").first()
    pages = [
        ("board", reverse("huddle-board", args=[team.uuid]), team.manager),
        ("inbox", reverse("feedback-inbox"), cx_lead),
    ]
    if wave is not None:
        pages.append(("scan_report", reverse("scan-report", args=[wave.uuid]), cx_lead))
    return org, touchpoint, pages


def start_server(port: int, var_dir: str, cache_url: str, threads: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "klantcultuur.settings",
        "DATABASE_URL": PG_URL,
        "DB_CONN_MAX_AGE": "300",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PROXY_HOPS": "1",
        "CACHE_URL": cache_url,
        "CELERY_BROKER_URL": "",
        "TASK_MODE": "thread",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "VAR_DIR": var_dir,
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(threads),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/ready/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit("gunicorn did not become ready in 120 s")


def server_processes(master: int) -> list[int]:
    """The gunicorn master and its workers."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry.name))
    return pids


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def warm_up(port: int, pages: list[tuple[str, str, str]]) -> None:
    """Each page a few times per worker thread before measuring (templates, first queries)."""
    connection = Connection(port)
    for _round in range(4):
        for name, path, cookie in pages:
            response, _body = connection.request(
                "GET", path, headers={"Cookie": f"sessionid={cookie}"}
            )
            if response.status != 200:
                raise SystemExit(f"the {name} page answered {response.status}")


def read_back(org, touchpoint, sent: list[dict]) -> dict:
    """Compare what the customers were told with what the database holds."""
    from django.core import signing

    from klantcultuur.feedback.models import Feedback, Source
    from klantcultuur.feedback.views.public import SALT

    def external_id(token: str) -> str:
        return "form-" + signing.loads(token, salt=SALT)

    acknowledged = {external_id(s["token"]): s["score"] for s in sent if s["acknowledged"]}
    unanswered = {external_id(s["token"]) for s in sent if not s["acknowledged"]}
    stored: dict[str, list[int | None]] = {}
    for key, score in Feedback.objects.filter(organization=org, source=Source.FORM).values_list(
        "external_id", "score"
    ):
        stored.setdefault(key, []).append(score)
    twice = sum(1 for scores in stored.values() if len(scores) > 1)
    lost = [key for key in acknowledged if key not in stored]
    wrong = [key for key, score in acknowledged.items() if key in stored and stored[key] != [score]]
    # Answers the form was sent but did not acknowledge (a time-out): stored or not, never twice.
    extra = [key for key in stored if key not in acknowledged and key not in unanswered]
    return {
        "acknowledged": len(acknowledged),
        "stored": sum(len(v) for k, v in stored.items() if k in acknowledged),
        "lost": len(lost),
        "twice": twice,
        "wrong_score": len(wrong),
        "stored_unacknowledged": sum(1 for key in unanswered if key in stored),
        "stored_never_sent": len(extra),
    }


def wait_for_follow_up(org, since: float, limit: float = 300) -> float | None:
    """Seconds after `since` until no form answer waits for its follow-up (None: not done)."""
    from klantcultuur.feedback.models import Feedback, Source

    deadline = time.monotonic() + limit
    waiting = Feedback.objects.filter(organization=org, source=Source.FORM, analysed=False)
    while time.monotonic() < deadline:
        if not waiting.exists():
            return time.perf_counter() - since
        time.sleep(0.5)
    return None


def main(arguments: argparse.Namespace) -> None:
    from support.postgres import migrated_database

    load_before = machine_load()
    print(f"Machine: {os.cpu_count()} CPUs, load average {load_before} (1, 5, 15 min)")
    cache_url = REDIS_URL if redis_answers(REDIS_URL) else ""
    print(f"Cache: {cache_url or 'files (Redis does not answer)'}")
    with tempfile.TemporaryDirectory(prefix="kc-load-") as var_dir:
        os.environ["VAR_DIR"] = var_dir
        os.environ["FEEDBACK_DEMO_RESPONSES"] = str(arguments.demo_responses)
        with migrated_database(PG_URL, cache_url=cache_url):
            from django.core.management import call_command

            from klantcultuur.feedback import rollup

            started = time.perf_counter()
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            call_command("collectstatic", "--noinput", verbosity=0)
            print(
                f"Demo loaded ({arguments.demo_responses:,} responses) and static files "
                f"collected in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            org, touchpoint, pages = demo_targets()
            page_config = [(name, path, session_for(member)) for name, path, member in pages]
            from django.db import connections

            connections.close_all()
            port = free_port()
            server = start_server(port, var_dir, cache_url, arguments.threads)
            try:
                warm_up(port, page_config)
                from klantcultuur.feedback.models import SCORE_RANGE

                config = {
                    "scale": SCORE_RANGE.get(touchpoint.metric, (0, 10)),
                    "server_pids": server_processes(server.pid),
                    "port": port,
                    "touchpoint": str(touchpoint.uuid),
                    "answers": arguments.answers,
                    "clients": arguments.clients,
                    "readers": arguments.readers,
                    "seconds": arguments.seconds,
                    "pages": page_config,
                }
                config_file = Path(var_dir) / "load.json"
                result_file = Path(var_dir) / "result.json"
                config_file.write_text(json.dumps(config))
                print(
                    f"Load: {arguments.answers:,} answers at most, {arguments.clients} customer "
                    f"connections, {arguments.readers} page readers, at most "
                    f"{arguments.seconds} s per phase; gunicorn {WORKERS} workers x "
                    f"{arguments.threads} threads",
                    flush=True,
                )
                subprocess.run(
                    [sys.executable, __file__, "--client", str(config_file), str(result_file)],
                    check=True,
                )
                result = json.loads(result_file.read_text())
                ended = time.perf_counter()
                followed_up = wait_for_follow_up(org, ended)
            finally:
                stop_server(server)
            load_after = machine_load()
            check = read_back(org, touchpoint, result["sent"])
            rollup_ok = rollup.differences(org.id) == []
            connections.close_all()

    def phase(part: dict) -> dict:
        times, posts = part["times"], len(part["times"])
        cpu = part["cpu"]
        return {
            "answers": posts,
            "posts_per_s": round(posts / part["seconds"], 1) if part["seconds"] else 0.0,
            "p50_ms": round(percentile(times, 0.5) * 1000, 1),
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
            # CPU per answer of the web processes (with their background thread) and of the
            # database's backends, and of the load itself: what the answers cost whatever
            # else runs on the machine
            "server_cpu_ms": round(cpu["server"] * 1000 / posts, 2) if posts else None,
            "database_cpu_ms": round(cpu["database"] * 1000 / posts, 2) if posts else None,
            "client_cpu_ms": round(cpu["client"] * 1000 / posts, 2) if posts else None,
        }

    alone, mixed = phase(result["alone"]), phase(result["mixed"])
    pages = result["page_times"]
    figures = {
        "answers": alone["answers"] + mixed["answers"],
        "posts_per_s": alone["posts_per_s"],
        "post_p50_ms": alone["p50_ms"],
        "post_p95_ms": alone["p95_ms"],
        "posts_per_s_with_readers": mixed["posts_per_s"],
        "post_p95_ms_with_readers": mixed["p95_ms"],
        "server_cpu_ms_per_answer": alone["server_cpu_ms"],
        "database_cpu_ms_per_answer": alone["database_cpu_ms"],
        "client_cpu_ms_per_answer": alone["client_cpu_ms"],
        "forms_opened_per_s": round(result["opened"] / result["open_seconds"], 1)
        if result["open_seconds"]
        else 0,
        "open_p95_ms": round(percentile(result["open_times"], 0.95) * 1000, 1),
        **{f"{name}_p95_ms": round(percentile(t, 0.95) * 1000, 1) for name, t in pages.items()},
        **{f"{name}_p50_ms": round(percentile(t, 0.5) * 1000, 1) for name, t in pages.items()},
        "page_requests": sum(len(t) for t in pages.values()),
        **check,
        "failures": result["failures"],
        "followed_up_s": round(followed_up, 1) if followed_up is not None else None,
        "rollup_agrees": rollup_ok,
        "workers": WORKERS,
        "threads": arguments.threads,
        "load_before": load_before,
        "load_after": load_after,
        "cpus": os.cpu_count(),
    }
    print()
    print(
        f"Answers alone: {alone['answers']:,} acknowledged = {alone['posts_per_s']} POST/s "
        f"(p50 {alone['p50_ms']} ms, p95 {alone['p95_ms']} ms); CPU per answer: web "
        f"{alone['server_cpu_ms']} ms, database {alone['database_cpu_ms']} ms, load "
        f"{alone['client_cpu_ms']} ms"
    )
    # (No CPU per answer with the readers: the pages' share is in it, and database backends
    # that close during the phase take their time with them.)
    print(
        f"Answers with page readers: {mixed['answers']:,} acknowledged = "
        f"{mixed['posts_per_s']} POST/s (p50 {mixed['p50_ms']} ms, p95 {mixed['p95_ms']} ms)"
    )
    print(f"Forms opened: {figures['forms_opened_per_s']}/s (p95 {figures['open_p95_ms']} ms)")
    for name, times in pages.items():
        print(
            f"  {name:<12} {len(times):>5} requests while answers came in: "
            f"p50 {percentile(times, 0.5) * 1000:.0f} ms, p95 {percentile(times, 0.95) * 1000:.0f} ms"
        )
    print(
        f"Read back: {check['stored']:,} of {check['acknowledged']:,} acknowledged answers "
        f"stored, {check['lost']} lost, {check['twice']} twice, {check['wrong_score']} with "
        f"another score; follow-up done {figures['followed_up_s']} s after the last answer; "
        f"roll-up agrees: {rollup_ok}; failures: {result['failures'] or 'none'}"
    )
    print(f"Load average before {load_before}, after {load_after}")
    print(json.dumps(figures))
    if check["lost"] or check["twice"] or check["wrong_score"] or not rollup_ok:
        raise SystemExit("answers were lost, stored twice or changed")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client_main(sys.argv[2], sys.argv[3])
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("answers", nargs="?", type=int, default=6000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--demo-responses", type=int, default=20_000)
    main(parser.parse_args())
