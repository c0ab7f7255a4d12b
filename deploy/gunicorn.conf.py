"""gunicorn settings for Klantcultuur (`gunicorn -c deploy/gunicorn.conf.py`).

Every value can be changed with an environment variable (or on the command line, which wins).
Threads per worker (gthread) let a worker serve other requests while one waits for the
database; a page that computes for long holds one thread, not a whole worker.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
wsgi_app = "klantcultuur.wsgi:application"
# Two per core is a good start for a web process that spends much of its time on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the app once before forking (less memory, faster restarts); nothing connects at import.
preload_app = True
# A request that takes longer than this is stopped (imports and reports run in workers).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so that a slow leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Larger bodies are refused by Django (MAX_UPLOAD_MB); headers stay small.
limit_request_field_size = 16_384
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" logs every request to stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front sets X-Forwarded-For and -Proto; Django reads them (PROXY_HOPS,
# BEHIND_TLS_PROXY), so gunicorn itself trusts no forwarded headers.
forwarded_allow_ips = ""
