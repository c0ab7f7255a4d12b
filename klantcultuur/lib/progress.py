"""Progress of long work, readable from another process while the work runs.

Kept in the cache, not the database: an import writes in one transaction, and rows
written inside it are invisible to the page that polls until the very end.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

_TTL = 24 * 60 * 60


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0
    stage: str = ""

    @property
    def percent(self) -> int:
        if self.total <= 0:
            return 0
        return min(100, round(100 * self.done / self.total))


def _key(kind: str, code: object) -> str:
    return f"progress:{kind}:{code}"


def report(kind: str, code: object, *, done: int, total: int, stage: str = "") -> None:
    """Record how far a job is."""
    cache.set(_key(kind, code), (done, total, stage), _TTL)


def read(kind: str, code: object) -> Progress:
    """How far a job is (zero when nothing was recorded)."""
    value = cache.get(_key(kind, code))
    return Progress(*value) if value else Progress()


def read_many(kind: str, codes: list) -> dict:
    """How far each of several jobs is, in one round trip: {code: Progress}."""
    found = cache.get_many([_key(kind, code) for code in codes])
    return {
        code: Progress(*found[_key(kind, code)]) if _key(kind, code) in found else Progress()
        for code in codes
    }
