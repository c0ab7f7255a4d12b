"""front's commands: compiling the catalogues without system gettext, and the daily e-mails
for cron."""

from __future__ import annotations

import io

import polib
from django.core import mail
from django.core.management import call_command

from klantcultuur.front.tests.test_home import grow, team_board


def _catalogue(root, text: str):
    po_path = root / "klantcultuur" / "demo" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Customer promise", msgstr=text))
    po.save(str(po_path))
    return po_path


def test_compiletranslations_compiles_a_changed_catalogue_once(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    po_path = _catalogue(tmp_path, "Klantbelofte")
    out = io.StringIO()
    call_command("compiletranslations", stdout=out)
    assert "Compiled 1 translation catalogue(s)." in out.getvalue()
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    assert compiled.find("Customer promise").msgstr == "Klantbelofte"

    again = io.StringIO()
    call_command("compiletranslations", stdout=again)
    assert again.getvalue() == ""  # nothing changed, nothing compiled


def test_send_digests_sends_each_subscriber_one_e_mail_a_day(
    login, world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    team_board(world)
    grow(world, 2)
    login(world.employee).post("/notifications/digest/", {"on": "1"})
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "Sent 1 daily e-mail(s)."
    assert [message.to for message in mail.outbox] == [["bob@linge.example"]]
    again = io.StringIO()
    call_command("send_digests", stdout=again)
    assert again.getvalue().strip() == "Sent 0 daily e-mail(s)."
