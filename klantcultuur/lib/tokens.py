"""Secrets in links and API tokens are kept only as a hash."""

from __future__ import annotations

import hashlib


def token_hash(token: str) -> str:
    """The stored form of a token. Tokens carry at least 256 random or HMAC bits, so a plain
    SHA-256 is enough (no slow password hash) and lets the token be looked up by its hash."""
    return hashlib.sha256(token.encode()).hexdigest()
