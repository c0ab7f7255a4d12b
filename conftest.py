"""Project-wide pytest configuration and fixtures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis' timing checks judge the machine, not the code: on a loaded two-core machine
# input generation and single examples can take seconds. What a property test checks is
# its assertion, so the timing checks are off for the whole suite.
settings.register_profile(
    "klantcultuur", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("klantcultuur")


# Modules that sweep the whole site or start processes: `make test` and `.ci/run` run them,
# `make test-fast` leaves them out (with the browser tests, demo loads and benchmarks below).
SLOW_MODULES = frozenset(
    {
        "tests/test_access.py",  # every page for every role and an outsider
        "tests/test_fuzz_params.py",  # every URL pattern with made-up parameters
        "tests/test_translations.py",  # makemessages on a copy of every catalogue
        "tests/test_cache.py",  # worker processes sharing one rate limit
        "tests/test_bench_reader.py",  # the comment reader's benchmark, as a process
        "klantcultuur/feedback/tests/test_api_schemathesis.py",  # the API against its document
    }
)


def _is_slow(item: pytest.Item) -> bool:
    path = item.path.relative_to(item.config.rootpath).as_posix()
    return (
        item.get_closest_marker("browser") is not None
        or path in SLOW_MODULES
        or item.path.name in {"test_demo.py", "test_bench.py"}
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests, demo loads, benchmarks and the sweeps above are slow: `make test-fast`
    leaves them out."""
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the default language, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_and_offline(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    from klantcultuur.testing import build_world

    return build_world()


@pytest.fixture
def login(client):
    """Log a membership's user in on the test client and make its organisation current."""

    def _login(membership):
        from klantcultuur.orgs.middleware import SESSION_KEY

        client.force_login(membership.user)
        session = client.session
        session[SESSION_KEY] = str(membership.organization.uuid)
        session.save()
        return client

    return _login


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible server for this test run: moto's server mode, in its own process
    on a free loopback port. Its URL; the server stops with the run."""
    import socket
    import subprocess
    import sys
    import time

    from klantcultuur.testing import service_reachable

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not service_reachable("127.0.0.1", port):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the S3 test server (moto) did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def s3_storage(settings, s3_server):
    """Private files in a fresh bucket of the S3 test server, as S3_BUCKET configures them.

    Returns a boto3 client of that server and the bucket's name, to look at what is stored."""
    import uuid

    import boto3

    bucket = f"klantcultuur-{uuid.uuid4().hex[:12]}"
    keys = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": keys["aws_access_key_id"],
                "secret_key": keys["aws_secret_access_key"],
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": True,
                "max_memory_size": 8 * 1024 * 1024,
            },
        },
    }
    return client, bucket
