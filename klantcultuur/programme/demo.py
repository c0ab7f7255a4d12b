"""Demo data of the change programme for Woonstichting Rivierduin (filled in below)."""

from __future__ import annotations


def load() -> str:
    return "programme: nothing yet"
