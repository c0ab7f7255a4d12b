"""Lock-outs and the password-reset throttle key on the real client address, also behind a
TLS proxy, and give away nothing about which accounts exist."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from klantcultuur.accounts.views import RESET_PER_ACCOUNT, RESET_PER_ADDRESS
from klantcultuur.lib.clientip import client_address

PROXY = "10.0.0.1"  # the TLS proxy: every request reaches the app from this address


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.PROXY_HOPS = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def via_proxy(forwarded: str) -> dict:
    """What the proxy sends on: the client's own X-Forwarded-For plus the address it saw."""
    return {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": forwarded,
        "HTTP_X_FORWARDED_PROTO": "https",
    }


def post_login(client, email: str, password: str, **extra):
    return client.post(
        reverse("accounts-login"), {"username": email, "password": password}, **extra
    )


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, "6.6.6.6", "198.51.100.9", "198.51.100.9"),  # no proxy: the header is ignored
        (1, "198.51.100.9", PROXY, "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", PROXY, "198.51.100.9"),  # made-up first hop
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.2", PROXY, "198.51.100.9"),
        (1, "", PROXY, PROXY),  # a request that did not pass the proxy
        (2, "198.51.100.9", PROXY, PROXY),  # fewer hops than proxies: not trusted
        (1, "6.6.6.6, not-an-address", PROXY, PROXY),
        (1, "6.6.6.6, 2001:db8::7", PROXY, "2001:db8::7"),
    ],
)
def test_the_client_address_is_the_hop_the_first_trusted_proxy_saw(
    settings, hops, forwarded, remote, expected
):
    settings.PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_behind_the_proxy_a_made_up_forwarded_address_cannot_lock_out_a_real_user(
    client, world, behind_proxy
):
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        post_login(client, "bob@linge.example", "wrong", **via_proxy(f"10.9.9.{n}, 198.51.100.66"))
    response = post_login(
        client, "bob@linge.example", "correct-horse-battery", **via_proxy("203.0.113.7")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("front-home")


def test_behind_the_proxy_the_attacker_is_locked_out_whatever_first_hop_they_send(
    client, world, behind_proxy
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "bob@linge.example", "wrong", **via_proxy(f"10.9.9.{n}, 198.51.100.66"))
    response = post_login(
        client, "bob@linge.example", "correct-horse-battery", **via_proxy("1.1.1.1, 198.51.100.66")
    )
    assert response.status_code == 429


def reset(client, email: str, address: str = "203.0.113.7"):
    return client.post(reverse("accounts-password-reset"), {"email": email}, REMOTE_ADDR=address)


def test_twenty_reset_requests_for_one_account_send_only_a_few_mails(client, world):
    answers = {reset(client, "bob@linge.example", f"198.51.100.{n}")["Location"] for n in range(20)}
    assert len(mail.outbox) == RESET_PER_ACCOUNT
    assert answers == {reverse("accounts-password-reset-sent")}


def test_a_throttled_account_and_an_unknown_address_get_the_same_answer(client, world):
    for n in range(RESET_PER_ACCOUNT + 1):
        known = reset(client, "bob@linge.example", f"198.51.100.{n}")
        unknown = reset(client, "niemand@linge.example", f"198.51.100.{n}")
        assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == RESET_PER_ACCOUNT


def test_one_address_asking_for_many_accounts_is_stopped(client, world):
    statuses = [
        reset(client, f"persoon{n}@linge.example").status_code for n in range(RESET_PER_ADDRESS)
    ]
    assert statuses == [302] * RESET_PER_ADDRESS
    response = reset(client, "bob@linge.example")
    assert response.status_code == 429
    assert "Te veel aanvragen" in response.content.decode()
    assert mail.outbox == []
    # Another address is not held up.
    assert reset(client, "bob@linge.example", "198.51.100.1").status_code == 302
    assert len(mail.outbox) == 1


def test_behind_the_proxy_the_reset_throttle_keys_on_the_real_client(client, world, behind_proxy):
    for n in range(RESET_PER_ADDRESS):
        client.post(
            reverse("accounts-password-reset"),
            {"email": f"p{n}@linge.example"},
            **via_proxy(f"10.9.9.{n}, 198.51.100.66"),
        )
    blocked = client.post(
        reverse("accounts-password-reset"),
        {"email": "bob@linge.example"},
        **via_proxy("4.4.4.4, 198.51.100.66"),
    )
    assert blocked.status_code == 429
    allowed = client.post(
        reverse("accounts-password-reset"),
        {"email": "bob@linge.example"},
        **via_proxy("203.0.113.7"),
    )
    assert allowed.status_code == 302
    assert len(mail.outbox) == 1
