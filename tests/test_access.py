"""Every URL of the project, checked against its declared access rule.

Each view declares `public`, `login_only` or `member_required(perm=...)` (see
klantcultuur/orgs/access.py). This test walks the whole URL configuration, so a view
added later is checked without anyone remembering to: it fails when a view declares no
rule, when a URL needs an object this test cannot build (add it to your app's
tests/access_cases.py), or when a public view is not in PUBLIC below.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from klantcultuur.orgs.roles import Role, roles_without

# Open to anyone, on purpose. Adding a public view means adding it here.
PUBLIC = {
    "front-root",
    "front-health",
    "front-ready",
    "accounts-login",
    "accounts-logout",
    "accounts-password-reset",
    "accounts-password-reset-sent",
    "accounts-password-reset-confirm",
    "accounts-password-reset-complete",
    "accounts-language",
    "account_login",  # allauth links to the login page by this name
    "account_logout",  # and to the logout (cancelling a second step)
    "sso-find",
    "sso-provider",
    "sso-go",
    "openid_connect_login",
    "openid_connect_callback",
    "saml_acs",  # the identity provider posts its signed answer here
    "saml_finish_acs",
    "saml_sls",
    "saml_metadata",
    "saml_login",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "account_inactive",
    "mfa_authenticate",  # the second step of a login in progress
    "orgs-invitation",
    "feedback-form",
    "feedback-form-thanks",
    "feedback-api-schema",
    "scan-respond",  # personal survey link: the token is the access
    "scan-open",  # a unit's open, anonymous survey link
    "vision-ask",  # the customer question "Wat verwacht u van ons?": the token is the access
    "vision-ask-thanks",
}


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry


def all_patterns() -> list[URLPattern]:
    return [p for p in _patterns(get_resolver().url_patterns) if p.name]


def access_rule(pattern: URLPattern):
    callback = pattern.callback
    return getattr(callback, "access_rule", None) or getattr(
        getattr(callback, "view_class", None), "access_rule", None
    )


def url_kwargs(world) -> dict[str, dict]:
    """Objects of organisation A for every object-scoped URL, from each app's access_cases."""
    kwargs: dict[str, dict] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("klantcultuur."):
            continue
        try:
            module = import_module(f"{config.name}.tests.access_cases")
        except ModuleNotFoundError:
            continue
        kwargs.update(module.url_kwargs(world))
    return kwargs


def test_every_view_declares_an_access_rule():
    missing = [p.name for p in all_patterns() if access_rule(p) is None]
    assert missing == []


def test_public_views_are_exactly_the_listed_exceptions():
    public = {p.name for p in all_patterns() if access_rule(p).kind == "public"}
    assert public == PUBLIC


@pytest.fixture
def cases(world):
    kwargs = url_kwargs(world)
    out = []
    for pattern in all_patterns():
        rule = access_rule(pattern)
        needs_kwargs = bool(pattern.pattern.converters)
        if rule.kind == "public":
            continue
        if needs_kwargs and pattern.name not in kwargs:
            pytest.fail(f"{pattern.name}: add its URL kwargs to the app's tests/access_cases.py")
        url = reverse(pattern.name, kwargs=kwargs.get(pattern.name) if needs_kwargs else None)
        out.append((pattern.name, url, rule, needs_kwargs))
    assert out, "no URLs found"
    return out


def _request(client, method: str, url: str):
    return client.get(url) if method == "GET" else client.post(url, {})


def test_anonymous_visitors_are_sent_to_the_login_page(client, cases):
    login_url = reverse("accounts-login")
    for name, url, rule, _scoped in cases:
        for method in rule.methods:
            response = _request(client, method, url)
            if rule.kind == "api":
                assert response.status_code == 401, (name, method)
            else:
                assert response.status_code == 302, (name, method, response.status_code)
                assert response["Location"].startswith(login_url), (name, method)


def test_another_organisations_administrator_gets_404_for_every_object(login, world, cases):
    client = login(world.outsider)
    scoped = [c for c in cases if c[3] and c[2].kind == "member"]
    assert scoped
    for name, url, rule, _scoped in scoped:
        for method in rule.methods:
            assert _request(client, method, url).status_code == 404, (name, method)


def test_members_without_the_role_get_403(login, world, cases):
    checked = 0
    for name, url, rule, _scoped in cases:
        if rule.kind != "member" or rule.perm is None:
            continue
        for role in roles_without(rule.perm):
            client = login(world.members[role])
            for method in rule.methods:
                assert _request(client, method, url).status_code == 403, (name, role, method)
                checked += 1
    assert checked


def test_every_page_opens_for_an_administrator(login, world, cases):
    client = login(world.members[Role.ADMIN])
    for name, url, rule, _scoped in cases:
        if "GET" not in rule.methods or rule.kind == "api":
            continue
        response = client.get(url)
        assert response.status_code in (200, 302), (name, response.status_code)
