"""Reading values from a query string or form that the URL itself does not check."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404


def uuid_or_404(value: object) -> UUID:
    """The UUID in a parameter (?parent=, ?kpi=); a malformed one is a 404, like an unknown one."""
    try:
        return UUID(str(value))
    except (ValueError, TypeError, AttributeError) as exc:
        raise Http404 from exc
