"""S3_BUCKET and its companions turn the storage of uploads into an S3-compatible object
store; without them uploads stay on the local disk under MEDIA_ROOT."""

from __future__ import annotations

import json

from tests.test_cache import in_a_new_process

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.STORAGES['default'], default=str))"
)


def test_uploads_stay_on_the_local_disk_by_default(tmp_path):
    found = json.loads(in_a_new_process(SHOW, VAR_DIR=str(tmp_path), S3_BUCKET=""))
    assert found == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_variables_configure_a_private_bucket_of_an_s3_compatible_store(tmp_path):
    found = json.loads(
        in_a_new_process(
            SHOW,
            VAR_DIR=str(tmp_path),
            S3_BUCKET="klantcultuur",
            S3_ENDPOINT_URL="http://minio:9000",
            S3_ACCESS_KEY_ID="klantcultuur",
            S3_SECRET_ACCESS_KEY="geheim",
            S3_PREFIX="/productie/",
        )
    )
    assert found["BACKEND"] == "storages.backends.s3.S3Storage"
    options = found["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["location"]) == (
        "klantcultuur",
        "http://minio:9000",
        "productie",
    )
    assert (options["access_key"], options["secret_key"]) == ("klantcultuur", "geheim")
    assert options["addressing_style"] == "path"  # MinIO and most other servers
    assert options["default_acl"] is None  # the bucket's own (private) policy
