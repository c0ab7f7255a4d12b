"""Migration 0003: stored price topics get the quoted "duur" and keep their other keywords."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from klantcultuur.feedback.models import Topic as StoredTopic


@pytest.mark.django_db
def test_stored_price_topics_get_the_quoted_duur_and_keep_their_other_keywords(world):
    migration = import_module(
        "klantcultuur.feedback.migrations.0003_topic_keywords_and_team_code_rules"
    )
    price = StoredTopic.objects.create(
        organization=world.org,
        slug="prijs",
        name_nl="Prijs",
        name_en="Price",
        keywords="duur\nhuurprijs\nduurder",
    )
    other = StoredTopic.objects.create(
        organization=world.org,
        slug="duurzaam",
        name_nl="Duurzaam",
        name_en="Sustainable",
        keywords="duur\nzonnepanelen",
    )
    migration.duur_only_as_that_word(apps, None)
    price.refresh_from_db()
    other.refresh_from_db()
    assert price.keywords == '"duur"\nhuurprijs\nduurder'
    assert other.keywords == "duur\nzonnepanelen"  # another topic's own choice stays
