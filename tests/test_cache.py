"""Without CACHE_URL the cache is still shared by every worker process, so that rate limits
(public feedback form, password reset) count all requests and not each process its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = (
    "from django.conf import settings; from klantcultuur.lib.ratelimit import over_limit; "
    "print(settings.CACHES['default']['BACKEND'].rsplit('.', 1)[1], "
    "over_limit('feedback-form:probe', limit=1, window=600))"
)


def in_a_new_process(code: str, **env: str) -> str:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "CELERY_BROKER_URL"}
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_without_cache_url_two_worker_processes_share_one_rate_limit(tmp_path):
    first = in_a_new_process(COUNT, VAR_DIR=str(tmp_path))
    second = in_a_new_process(COUNT, VAR_DIR=str(tmp_path))
    assert first.endswith("False")  # the first answer is within the limit of one
    assert second.endswith("True")  # the other process counts it: the second is over


def test_cache_url_chooses_redis_or_a_process_local_cache_for_tests(tmp_path):
    backend = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    redis = in_a_new_process(backend, VAR_DIR=str(tmp_path), CACHE_URL="redis://127.0.0.1:6379/1")
    assert redis == "django.core.cache.backends.redis.RedisCache"
    local = in_a_new_process(backend, VAR_DIR=str(tmp_path), CACHE_URL="locmem://")
    assert local == "django.core.cache.backends.locmem.LocMemCache"
