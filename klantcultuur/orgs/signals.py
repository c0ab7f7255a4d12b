"""Signals other apps may listen to (orgs imports none of them)."""

from __future__ import annotations

from django.dispatch import Signal

# A person joined the organisation: invited, or added (or brought back) by an HR import.
# Sent inside the write's transaction with `membership` and `via` ("invitation" | "import").
member_joined = Signal()
