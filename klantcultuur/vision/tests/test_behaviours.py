"""The behaviour editor: the TACT check as one types, saving, proposals from managers."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.vision.models import Behaviour, BehaviourStatus
from klantcultuur.vision.tests.helpers import published

CONCRETE = {"short_name": "Terugbellen", "context": "Bij elke klacht", "action": "bel ik",
            "target": "de klant", "time": "binnen een werkdag terug", "unit": "", "role": ""}  # fmt: skip


def test_the_check_flags_vague_words_with_a_suggestion_as_one_types(world, login):
    response = login(world.cx_lead).post(
        reverse("vision-behaviour-check"), CONCRETE | {"action": "ben ik proactief"}
    )
    page = response.content.decode()
    assert "proactief" in page and "voordat de klant erom vraagt" in page


def test_a_vague_behaviour_is_saved_only_when_the_writer_confirms(world, login):
    version = published(world)
    client = login(world.cx_lead)
    data = CONCRETE | {"promise": version.promises.first().uuid, "action": "ben ik klantgericht"}
    page = client.post(reverse("vision-behaviour-create"), data).content.decode()
    assert not Behaviour.objects.exists()
    assert "klantgericht" in page and "confirm_vague" in page
    client.post(reverse("vision-behaviour-create"), data | {"confirm_vague": "1"})
    assert Behaviour.objects.get().status == BehaviourStatus.ACTIVE


def test_a_concrete_behaviour_is_saved_at_once(world, login):
    version = published(world)
    response = login(world.cx_lead).post(
        reverse("vision-behaviour-create"), CONCRETE | {"promise": version.promises.first().uuid}
    )
    assert response.status_code == 302
    saved = Behaviour.objects.get()
    assert saved.sentence == "Bij elke klacht bel ik de klant binnen een werkdag terug."


def test_a_manager_proposes_for_their_own_unit_only_and_the_cx_lead_activates(world, login):
    version = published(world)
    client = login(world.manager)
    data = CONCRETE | {"promise": version.promises.first().uuid}
    client.post(reverse("vision-behaviour-create"), data | {"unit": world.back_team.uuid})
    assert not Behaviour.objects.exists()  # not a unit they lead
    client.post(reverse("vision-behaviour-create"), data | {"unit": world.team.uuid})
    proposed = Behaviour.objects.get()
    assert (proposed.unit, proposed.status) == (world.team, BehaviourStatus.PROPOSED)
    assert login(world.employee).get(reverse("vision-behaviour-create")).status_code == 403
    login(world.cx_lead).post(
        reverse("vision-behaviour-status", args=[proposed.uuid]), {"status": "active"}
    )
    proposed.refresh_from_db()
    assert proposed.status == BehaviourStatus.ACTIVE


def test_the_editor_checks_the_four_elements_as_one_types(world, login):
    published(world)
    page = login(world.cx_lead).get(reverse("vision-behaviour-create")).content.decode()
    # Each of the four inputs posts the form to the check as one types.
    assert page.count(f'hx-post="{reverse("vision-behaviour-check")}"') == 4
