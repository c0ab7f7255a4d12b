"""The interface is Dutch by default: every text has a Dutch translation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from klantcultuur.testing import require_service

PACKAGE = Path(__file__).resolve().parent.parent / "klantcultuur"
CATALOGUES = sorted(PACKAGE.glob("**/locale/nl/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|\{\w*\}")


def test_every_app_with_texts_has_a_dutch_catalogue():
    apps_with_catalogue = {po.parents[3].name for po in CATALOGUES}
    app_dirs = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert app_dirs <= apps_with_catalogue | {"klantcultuur"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_text_is_translated_with_the_same_placeholders(path):
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(t.strip() for t in translations):
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != wanted and not (
                entry.msgid_plural and "%(n)s" not in text
            ):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalogues_are_up_to_date_with_the_source(path, tmp_path):
    require_service("xgettext (GNU gettext)", shutil.which("xgettext") is not None)
    source = path.parents[3]
    copy = tmp_path / source.name
    if source == PACKAGE:
        # The project catalogue covers klantcultuur/lib and settings only.
        copy.mkdir()
        shutil.copytree(source / "lib", copy / "lib")
        shutil.copy(source / "settings.py", copy / "settings.py")
        shutil.copytree(source / "locale", copy / "locale")
    else:
        shutil.copytree(source, copy)
    environment = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(PACKAGE.parent)}
    subprocess.run(
        # -P: the copy is the working directory; an app module named like a standard-library
        # module (selectors.py) must not shadow it.
        [
            sys.executable,
            "-P",
            "-m",
            "django",
            "makemessages",
            "--locale",
            "nl",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(path))}
    assert sorted(fresh - committed) == [], "run `make messages` and translate the new texts"


def test_no_library_replaces_our_dutch_words():
    """A text our catalogues translate one way is shown that way: a library's catalogue (an
    app listed before ours in INSTALLED_APPS) would win and change words on every page."""
    from django.utils import translation

    ours: dict[str, set[str]] = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.msgctxt and not entry.msgid_plural:
                ours.setdefault(entry.msgid, set()).add(entry.msgstr)
    with translation.override("nl"):
        replaced = {
            msgid: translation.gettext(msgid)
            for msgid, texts in ours.items()
            if len(texts) == 1 and translation.gettext(msgid) not in texts
        }
    assert replaced == {}
