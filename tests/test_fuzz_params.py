"""No bad parameter gives a server error: every URL of the project, fuzzed.

Walks every URL pattern (as tests/test_access.py does) and sends malformed UUIDs, dates, NUL
bytes, huge numbers and odd text in the query string, as form fields and in the text parts of
paths, as an administrator and as an anonymous visitor. Each answer must be below 500: bad
input is a 400 or 404 (or the page with a message), never a crash. Hypothesis picks the values;
the explicit examples are the inputs that once crashed a page.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from klantcultuur.orgs.middleware import SESSION_KEY
from klantcultuur.orgs.roles import Role
from tests.test_access import access_rule, all_patterns, url_kwargs

# Every parameter name a view reads from the query string or a form, and then some.
PARAMS = (
    "parent", "kpi", "from_kpi", "day", "board_day", "q", "page", "unit", "state", "kind",
    "format", "feedback", "next", "period", "from", "to", "grain", "group", "role", "status",
    "archived", "running", "part", "t", "ref", "lang", "saved", "customers", "metric", "band",
    "topic", "label", "channel", "action", "code", "name", "email", "first_name", "last_name",
    "language", "organization", "score", "reason", "value", "person", "opens_on", "closes_on",
    "previous_wave", "min_group_size", "min_comment_group_size", "team", "owner", "due",
    "title", "text", "id", "delete", "restore", "up", "wall", "token", "website",
)  # fmt: skip
BAD_VALUES = [
    "not-a-uuid", "0001-01-01", "9999-12-31", "2024-02-30", "\x00", "a\x00b",
    "99999999999999999999999999", "-1", "1e309", "NaN", "", " ", "../../etc/passwd",
    "12345678-1234-1234-1234-1234567890ab", "1" * 2000, "Zoë\r\nBcc: x@example.nl", "[]", "{}",
    "0", "00000000-0000-0000-0000-000000000000", "2024-13-01", "31-12-2024", "\ud800",
]  # fmt: skip
values = st.one_of(
    st.sampled_from(BAD_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.uuids().map(str),
)
queries = st.dictionaries(st.sampled_from(PARAMS), values, min_size=1, max_size=8)
path_texts = st.one_of(st.sampled_from(BAD_VALUES), st.text(min_size=1, max_size=40))


def _encodable(text: str) -> str:
    """What a client can send: text that has no lone surrogates survives UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _urls(world, path_text: str, unknown: bool = False) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, url, methods) for every pattern: the world's objects (or, when `unknown`, UUIDs
    nobody has), and the text parts of paths fuzzed."""
    if "url_kwargs" not in world.__dict__:  # made once: the access cases create objects
        world.__dict__["url_kwargs"] = url_kwargs(world)
    known = world.__dict__["url_kwargs"]
    out = []
    for pattern in all_patterns():
        kwargs = dict(known.get(pattern.name, {}))
        converters = pattern.pattern.converters
        for key, converter in converters.items():
            kind = type(converter).__name__
            if kind == "UUIDConverter" and (unknown or key not in kwargs):
                kwargs[key] = uuid.uuid4()
            elif kind == "StringConverter":
                kwargs[key] = _encodable(path_text) or "x"
            elif key not in kwargs:  # a slug the access cases do not give
                kwargs[key] = "x"
        try:
            url = reverse(pattern.name, kwargs=kwargs or None)
        except NoReverseMatch:  # the text does not fit the converter (a slash, say)
            url = reverse(
                pattern.name,
                kwargs={
                    **kwargs,
                    **{
                        k: "x"
                        for k, c in converters.items()
                        if type(c).__name__ == "StringConverter"
                    },
                },
            )
        out.append((pattern.name, url, access_rule(pattern).methods))
    return out


def _check(client: Client, urls, query: dict[str, str]) -> None:
    query = {k: _encodable(v) for k, v in query.items()}
    # GETs first: a fuzzed POST may archive or erase what later pages would show.
    for method in ("GET", "POST"):
        for name, url, methods in urls:
            if method not in methods:
                continue
            try:
                send = client.get if method == "GET" else client.post
                response = send(url, query)
            except Exception as exc:
                raise AssertionError(f"{method} {name} {url} {query!r}: {exc!r}") from exc
            assert response.status_code < 500, (method, name, url, query, response.status_code)


FUZZ = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@FUZZ
@given(query=queries, path_text=path_texts, unknown=st.booleans())
@example(query=dict.fromkeys(PARAMS, "not-a-uuid"), path_text="not-a-token", unknown=False)
@example(query=dict.fromkeys(PARAMS, "0001-01-01"), path_text="0001-01-01", unknown=False)
@example(query=dict.fromkeys(PARAMS, "\x00"), path_text="\x00", unknown=True)
@example(query=dict.fromkeys(PARAMS, "9" * 30), path_text="9" * 30, unknown=False)
def test_an_administrator_never_gets_a_server_error(world, query, path_text, unknown):
    membership = world.members[Role.ADMIN]
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = str(membership.organization.uuid)
    session.save()
    _check(client, _urls(world, path_text, unknown), query)


@pytest.mark.django_db
@FUZZ
@given(query=queries, path_text=path_texts)
@example(query=dict.fromkeys(PARAMS, "not-a-uuid"), path_text="not-a-token")
@example(query=dict.fromkeys(PARAMS, "\x00"), path_text="\x00")
def test_an_anonymous_visitor_never_gets_a_server_error(world, query, path_text):
    _check(Client(), _urls(world, path_text), query)
