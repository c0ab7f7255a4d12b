"""Logging in and out, throttling, password reset, language."""

from __future__ import annotations

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

from klantcultuur.accounts.models import User


def post_login(client, email, password):
    return client.post(reverse("accounts-login"), {"username": email, "password": password})


def test_logging_in_with_an_email_address_and_out_again(client, world):
    response = post_login(client, "Bob@Linge.example", "correct-horse-battery")
    assert response.status_code == 302 and response["Location"] == reverse("front-home")
    assert client.get(reverse("front-home")).status_code == 200
    client.post(reverse("accounts-logout"))
    assert client.get(reverse("front-home")).status_code == 302


def test_a_wrong_password_shows_a_message(client, world):
    response = post_login(client, "bob@linge.example", "wrong")
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "bob@linge.example", "wrong")
    response = post_login(client, "bob@linge.example", "correct-horse-battery")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # Another account from the same address is not locked.
    assert post_login(client, "mila@linge.example", "correct-horse-battery").status_code == 302


def test_sessions_expire_after_idling_and_passwords_are_validated():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


def test_resetting_a_password_by_email(client, world):
    response = client.post(reverse("accounts-password-reset"), {"email": "bob@linge.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"},
    )
    assert User.objects.get(email="bob@linge.example").check_password("Nieuw-wachtwoord-2026")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world):
    response = client.post(reverse("accounts-password-reset"), {"email": "niemand@linge.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_dutch_is_the_default_and_english_can_be_chosen(client, world, login):
    page = client.get(reverse("accounts-login"))
    assert '<html lang="nl">' in page.content.decode()
    assert "Inloggen" in page.content.decode()
    client.post(reverse("accounts-language"), {"language": "en", "next": "/account/login/"})
    page = client.get(reverse("accounts-login"))
    assert '<html lang="en">' in page.content.decode()
    assert "Log in" in page.content.decode()


def test_an_english_browser_still_gets_dutch_until_english_is_chosen(client):
    page = client.get(reverse("accounts-login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in page.content.decode()
    assert page["Content-Language"] == "nl"


def test_a_logged_in_user_keeps_the_chosen_language_on_another_device(client, world, login):
    login(world.employee).post(reverse("accounts-language"), {"language": "en", "next": "/start/"})
    world.employee.user.refresh_from_db()
    assert world.employee.user.language == "en"
    client.cookies.clear()
    fresh = login(world.employee)
    assert '<html lang="en">' in fresh.get(reverse("front-home")).content.decode()


def test_dates_and_numbers_follow_the_language(login, world):
    from datetime import date

    world.employee.start_date = date(2021, 3, 15)
    world.employee.save()
    client = login(world.employee)
    assert (
        "15 maart 2021"
        in client.get(reverse("orgs-person", args=[world.employee.uuid])).content.decode()
    )
    client.post(reverse("accounts-language"), {"language": "en"})
    assert (
        "15 March 2021"
        in client.get(reverse("orgs-person", args=[world.employee.uuid])).content.decode()
    )


def test_the_language_view_refuses_an_external_redirect(client):
    response = client.post(
        reverse("accounts-language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_profile_saves_name_and_language(login, world):
    client = login(world.employee)
    client.post(
        reverse("accounts-profile"),
        {"first_name": "Bob", "infix": "de", "last_name": "Visser", "language": "en"},
    )
    world.employee.user.refresh_from_db()
    assert (world.employee.user.get_full_name(), world.employee.user.language) == (
        "Bob de Visser",
        "en",
    )
