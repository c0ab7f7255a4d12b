"""Pages that htmx updates in part: the browser never shows a fragment as a whole page."""

from __future__ import annotations

from django.urls import reverse


def test_the_inbox_varies_on_htmx_so_a_cached_fragment_is_never_shown_for_the_page(login, world):
    client = login(world.cx_lead)
    url = reverse("feedback-inbox") + "?metric=nps"
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    page = client.get(url)
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
    assert "<html" not in fragment.content.decode()
    assert "<html" in page.content.decode()


def test_going_back_in_the_history_gets_the_whole_page(login, world):
    client = login(world.cx_lead)
    for url in (reverse("feedback-inbox") + "?metric=nps", reverse("orgs-people") + "?q=a"):
        restored = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        assert '<form method="get" class="filters' in restored.content.decode(), url
