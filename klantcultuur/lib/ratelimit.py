"""Counting attempts per key in a time window, in the shared cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True once more than `limit` were made in `window` seconds.

    The window starts at the first attempt. The cache must be shared by every worker process
    (see CACHE_URL in the README), or each process counts on its own.
    """
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def hashed(text: str) -> str:
    """A cache-key-safe digest of user input (an e-mail address, say)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
