"""Identifiers for feedback records.

Records get time-ordered UUIDs (version 7, RFC 9562): consecutive records land next to each
other in the unique index, so a bulk import appends to the index instead of scattering
writes over it. The URL still carries an unguessable UUID (74 random bits).
"""

from __future__ import annotations

import os
import time
import uuid

_VERSION_AND_VARIANT = (0x7 << 76) | (0b10 << 62)
_RAND_A = 0xFFF << 64
_RAND_B = (1 << 62) - 1


def uuid7() -> uuid.UUID:
    """A new version-7 UUID: 48 bits of Unix milliseconds, then random bits."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis << 80) | _VERSION_AND_VARIANT | (rand & _RAND_A) | (rand & _RAND_B)
    return uuid.UUID(int=value)


def uuid7_hex_batch(count: int) -> list[str]:
    """`count` version-7 UUIDs as 32 hex digits, increasing (what the bulk loader sends)."""
    millis = time.time_ns() // 1_000_000
    head = (millis << 80) | _VERSION_AND_VARIANT
    noise = os.urandom(8 * count)
    from_bytes = int.from_bytes
    return [
        f"{head | ((i & 0xFFF) << 64) | (from_bytes(noise[8 * i : 8 * i + 8]) & _RAND_B):032x}"
        for i in range(count)
    ]


def uuid7_batch(count: int) -> list[uuid.UUID]:
    """`count` version-7 UUIDs in increasing order (one system call for the random bits)."""
    millis = time.time_ns() // 1_000_000
    head = (millis << 80) | _VERSION_AND_VARIANT
    noise = os.urandom(10 * count)
    out = []
    for i in range(count):
        rand = int.from_bytes(noise[10 * i : 10 * i + 10], "big")
        # The counter in the top random bits keeps the batch ordered within one millisecond.
        out.append(uuid.UUID(int=head | ((i & 0xFFF) << 64) | (rand & _RAND_B)))
    return out
