"""The client's address, also behind TLS proxies (one rule for lock-outs and rate limits)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the first of our `PROXY_HOPS` proxies saw; REMOTE_ADDR without proxies.

    Each proxy appends the address it saw to X-Forwarded-For, after whatever the client
    sent, so the hops are read from the right: with N proxies the client is the N-th entry
    from the end. Anything to its left is the client's own (made-up) text. A request with
    fewer entries than proxies, or with no address there, did not come through them all and
    counts as coming from the proxy itself.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "PROXY_HOPS", 0)
    if hops <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < hops:
        return remote
    candidate = chain[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
