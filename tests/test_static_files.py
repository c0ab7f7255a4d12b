"""Production serves its own static files (WhiteNoise): collected with names that change
with their content, compressed, and cached by browsers for a year."""

from __future__ import annotations

import gzip

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_the_app_serves_collected_static_files_with_a_long_cache(collected):
    address = static("css/app.css")
    assert address.startswith("/static/css/app.") and address != "/static/css/app.css"
    response = Client().get(address)  # a new handler: WhiteNoise reads STATIC_ROOT now
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert (
        "immutable" in response["Cache-Control"]
        and "max-age=315360000" in response["Cache-Control"]
    )
    assert body == (collected / address.removeprefix("/static/")).read_bytes()


def test_a_browser_that_accepts_gzip_gets_the_compressed_file(collected):
    address = static("css/app.css")
    response = Client().get(address, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    plain = (collected / address.removeprefix("/static/")).read_bytes()
    assert gzip.decompress(b"".join(response.streaming_content)) == plain
