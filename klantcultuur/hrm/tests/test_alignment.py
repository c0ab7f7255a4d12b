from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.hrm.models import HrDocument
from klantcultuur.hrm.services.documents import document_add, rating_save
from klantcultuur.hrm.tests.helpers import vision_with_behaviour
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

pytestmark = pytest.mark.django_db


def _document(world, process: str, rating: int, days_ago: int) -> HrDocument:
    document = document_add(
        by=world.hr,
        process=process,
        title=f"{process} {days_ago}",
        text="In week 1 leer je de klantbeloftes kennen: we bellen terug binnen een werkdag.",
    )
    rating_save(document=document, rating=rating, note="", action="", owner=None, due=None)
    HrDocument.objects.filter(pk=document.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return document


def _wave(world, name: str, closed_days_ago: int, *, employees: int, level: int):
    closes_on = timezone.localdate() - timedelta(days=closed_days_ago)
    wave = make_wave(
        world.org, name=name, opens_on=closes_on - timedelta(days=14), closes_on=closes_on
    )
    add_responses(wave, world.team, employees, level=level)
    close_and_report(wave)
    return wave


def _onboarding(response):
    return next(p for p in response.context["alignment"].processes if p.process == "onboarding")


def test_what_hr_says_stands_beside_what_employees_see_per_wave(world, login):
    vision_with_behaviour(world)
    _document(world, "onboarding", rating=5, days_ago=400)  # in force at the first wave
    _document(world, "onboarding", rating=2, days_ago=20)  # newer than the first wave
    _wave(world, "Cultuurscan 2025", 300, employees=12, level=2)
    _wave(world, "Cultuurscan 2026", 10, employees=12, level=4)
    response = login(world.hr).get(reverse("hrm-alignment"))
    assert response.status_code == 200
    onboarding = _onboarding(response)
    first, second = onboarding.points
    assert [first.wave.name, second.wave.name] == ["Cultuurscan 2025", "Cultuurscan 2026"]
    assert (first.said.rating, second.said.rating) == (5, 2)
    assert onboarding.now.rating == 2
    assert [s.code for s in first.seen] == ["HRM3"]
    assert first.seen[0].figure.n == 12
    assert first.experienced < second.experienced  # employees see more in the second wave
    assert first.gap > 0 and first.notable  # HR rated it far higher than employees saw it
    html = response.content.decode()
    assert "HR ziet het rooskleuriger dan medewerkers" in html
    assert "Nieuwe collega&#x27;s leren in hun inwerkperiode" in html
    # The customer-centred HRM scale per wave.
    assert [p.figure.n for p in response.context["alignment"].scale] == [12, 12]


def test_employees_figures_keep_the_scans_anonymity(world, login):
    _document(world, "appraisal", rating=3, days_ago=100)
    _wave(world, "Kleine meting", 5, employees=3, level=4)
    response = login(world.cx_lead).get(reverse("hrm-alignment"))
    appraisal = next(p for p in response.context["alignment"].processes if p.process == "appraisal")
    (point,) = appraisal.points
    assert not point.seen[0].figure
    assert point.experienced is None and point.gap is None
    assert "Minder dan 5 respondenten" in response.content.decode()


def test_without_a_scan_only_hr_is_shown_and_others_may_not_look(world, login):
    _document(world, "reward", rating=4, days_ago=3)
    response = login(world.board).get(reverse("hrm-alignment"))
    assert response.status_code == 200
    assert response.context["alignment"].waves == 0
    assert "Nog geen cultuurscan met een klaar rapport" in response.content.decode()
    assert login(world.manager).get(reverse("hrm-alignment")).status_code == 403
    assert login(world.employee).get(reverse("hrm-alignment")).status_code == 403
