"""The daily digest reaches each reader in their own language."""

from __future__ import annotations

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_daily_digest_is_in_the_reader_s_language(
    world, settings, django_capture_on_commit_callbacks
):
    from klantcultuur.front.digest import digests_send
    from klantcultuur.notify.models import DigestSubscription

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.manager.user.language = "en"
    world.manager.user.save(update_fields=["language"])
    for member in (world.manager, world.employee):
        DigestSubscription.objects.create(membership=member)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Overdue call-backs: " in bodies["mila@linge.example"]
    assert "Te laat teruggebeld: " in bodies["bob@linge.example"]
