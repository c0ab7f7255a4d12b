"""Log filters: secrets that travel in URL paths stay out of the logs."""

from __future__ import annotations

import logging
import re

# Paths whose last part is a secret: the Formbricks webhook token (Formbricks cannot send
# headers), personal and open survey links, invitation links.
_SECRET_PATHS = re.compile(r"^(/api/v1/webhooks/formbricks/|/s/o/|/s/|/invitation/)[^/?#]+")


def hide_secrets(path: str) -> str:
    return _SECRET_PATHS.sub(r"\1***", path)


class HideSecretsInPaths(logging.Filter):
    """Django logs every refused request with its path ("Unauthorized: /api/..."): mask it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(hide_secrets(a) if isinstance(a, str) else a for a in record.args)
        return True
