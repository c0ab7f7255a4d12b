"""Questionnaire versions in the database: frozen copies, the organisation's own copy, its page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.scan import services
from klantcultuur.scan.models import QuestionnaireVersion
from klantcultuur.scan.models.questionnaires import FrozenVersionError
from klantcultuur.scan.questionnaire import fingerprint, get_version
from klantcultuur.scan.tests.helpers import make_wave


def test_the_standard_version_is_stored_once_as_a_frozen_copy_with_its_fingerprint(db):
    first = services.standard_version()
    again = services.standard_version()
    assert first.pk == again.pk and first.organization is None
    assert first.fingerprint == fingerprint(get_version("1"))
    assert first.questionnaire == get_version("1")


def test_a_stored_version_can_never_be_changed(db):
    version = services.standard_version()
    with pytest.raises(FrozenVersionError):
        version.save()
    QuestionnaireVersion.objects.filter(pk=version.pk).update(
        content=version.content.replace("klantvisie", "visie")
    )
    tampered = QuestionnaireVersion.objects.get(pk=version.pk)
    with pytest.raises(FrozenVersionError):
        tampered.questionnaire  # noqa: B018


def test_own_items_go_into_a_new_version_and_a_running_wave_keeps_its_own(world):
    copy = services.questionnaire_copy_create(organization=world.org, actor=world.cx_lead.user)
    wave = make_wave(world.org, version=copy)
    newer = services.questionnaire_add_item(
        organization=world.org,
        actor=world.cx_lead.user,
        section="eigen",
        kind="likert",
        text_nl="Ik weet bij wie ik terechtkan met een klacht.",
        text_en="I know whom to turn to with a complaint.",
    )
    wave.refresh_from_db()
    assert newer.number == copy.number + 1 and newer.based_on.is_standard
    assert [i["code"] for i in newer.custom_items] == ["EIG1"]
    assert wave.questionnaire == copy and wave.frozen_questionnaire == copy.questionnaire
    assert "EIG1" not in {i["code"] for i in wave.frozen_questionnaire["items"]}


def test_a_version_no_wave_used_yet_is_replaced_by_the_next(world):
    services.questionnaire_copy_create(organization=world.org, actor=None)
    for text in ("Eerste vraag", "Tweede vraag"):
        services.questionnaire_add_item(
            organization=world.org,
            actor=None,
            section="visie",
            kind="likert",
            text_nl=text,
            text_en=text,
        )
    own = QuestionnaireVersion.objects.filter(organization=world.org)
    assert own.count() == 1
    assert [i["code"] for i in own.get().custom_items] == ["EIG1", "EIG2"]
    # Own items land on the chosen page, right after the standard items there.
    codes = [i["code"] for i in own.get().questionnaire["items"]]
    assert codes.index("EIG1") == codes.index("VIS5") + 1


def test_removing_an_own_item_makes_a_version_without_it(world):
    services.questionnaire_copy_create(organization=world.org, actor=None)
    services.questionnaire_add_item(
        organization=world.org,
        actor=None,
        section="open",
        kind="open",
        text_nl="Wat nog?",
        text_en="Anything else?",
    )
    latest = services.questionnaire_remove_item(organization=world.org, actor=None, code="EIG1")
    assert latest.custom_items == []
    assert (
        services.questionnaire_remove_item(organization=world.org, actor=None, code="VIS1") is None
    )


def test_a_cx_lead_makes_a_copy_and_adds_a_question_on_the_page(login, world):
    client = login(world.cx_lead)
    response = client.get(reverse("scan-questionnaire"))
    assert "Eigen versie maken" in response.content.decode()
    client.post(reverse("scan-questionnaire"), {"action": "copy"})
    response = client.post(
        reverse("scan-questionnaire"),
        {
            "action": "add",
            "kind": "likert",
            "section": "eigen",
            "audience": "all",
            "text_nl": "Ik weet bij wie ik terechtkan.",
            "text_en": "I know whom to turn to.",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "De vraag is toegevoegd." in body
    assert "Ik weet bij wie ik terechtkan." in body
    version = QuestionnaireVersion.objects.get(organization=world.org)
    page = client.get(reverse("scan-version", args=[version.uuid])).content.decode()
    assert "Eigen vragen" in page and "eigen vraag" in page


def test_a_question_needs_both_languages(login, world):
    client = login(world.cx_lead)
    client.post(reverse("scan-questionnaire"), {"action": "copy"})
    response = client.post(
        reverse("scan-questionnaire"),
        {
            "action": "add",
            "kind": "likert",
            "section": "eigen",
            "audience": "all",
            "text_nl": "Alleen Nederlands",
            "text_en": "",
        },
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert QuestionnaireVersion.objects.get(organization=world.org).custom_items == []


def test_another_organisations_own_version_is_a_404_and_the_standard_one_is_shared(login, world):
    own = services.questionnaire_copy_create(organization=world.org, actor=None)
    client = login(world.outsider)
    assert client.get(reverse("scan-version", args=[own.uuid])).status_code == 404
    standard = services.standard_version()
    assert client.get(reverse("scan-version", args=[standard.uuid])).status_code == 200


def test_members_without_the_role_cannot_open_the_questionnaire_page(login, world):
    assert login(world.manager).get(reverse("scan-questionnaire")).status_code == 403
