from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.journeys.models import BusinessCase
from klantcultuur.journeys.tests.helpers import feed

pytestmark = pytest.mark.django_db

NUMBERS = {"customers": "12000", "churn_percent": "6", "revenue_per_customer": "7200",
           "acquisition_cost": "2500", "scenario_percent": "10"}  # fmt: skip


def test_the_board_enters_its_numbers_and_sees_the_case(world, login):
    feed(world)
    client = login(world.board)
    response = client.post(reverse("journeys-business"), NUMBERS, follow=True)
    html = response.content.decode()
    assert BusinessCase.objects.get(organization=world.org).customers == 12000
    outcome = response.context["outcome"]
    assert outcome.lost_per_year == pytest.approx(720)
    assert outcome.band_churn_is_default
    assert "Standaardaanname" in html


def test_an_impossible_churn_is_refused_and_nothing_stored(world, login):
    client = login(world.board)
    response = client.post(reverse("journeys-business"), {**NUMBERS, "churn_percent": "150"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not BusinessCase.objects.exists()


def test_hr_reads_but_does_not_change_the_case(world, login):
    client = login(world.hr)
    assert client.get(reverse("journeys-business")).status_code == 200
    client.post(reverse("journeys-business"), NUMBERS)
    assert not BusinessCase.objects.exists()


def test_churn_of_only_some_bands_is_refused(world, login):
    client = login(world.board)
    response = client.post(reverse("journeys-business"), {**NUMBERS, "churn_detractors": "20"})
    assert "alle drie de groepen" in response.content.decode()
    assert not BusinessCase.objects.exists()


def test_known_churn_per_band_replaces_the_default(world, login):
    feed(world)
    client = login(world.board)
    bands = {"churn_promoters": "2", "churn_passives": "5", "churn_detractors": "15"}
    response = client.post(reverse("journeys-business"), {**NUMBERS, **bands}, follow=True)
    outcome = response.context["outcome"]
    assert not outcome.band_churn_is_default
    assert outcome.band_churn == pytest.approx((0.02, 0.05, 0.15))
    assert "Standaardaanname" not in response.content.decode()
