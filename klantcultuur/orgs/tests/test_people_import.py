"""Importing people and units from HR files: the plan, the service, and bad files."""

from __future__ import annotations

import io
import time

import pytest
from openpyxl import Workbook

from klantcultuur.accounts.models import User
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.lib.tabular import TableError
from klantcultuur.lib.tests import hostile
from klantcultuur.orgs import services
from klantcultuur.orgs.models import Membership, OrgUnit, PeopleImport
from klantcultuur.orgs.roles import Role

HEADER = "Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Afdelingscode;Afdeling;Bovenliggende code;Soort eenheid;Front/back office;Functie;Rol;Datum in dienst;E-mail leidinggevende"
ROWS = [
    "1001;Ingrid;van der;Laan;ingrid.vanderlaan@linge.example;W-KC-3;Team Digitaal;W-KC;team;front;Klantadviseur;medewerker;01-02-2019;",
    "1002;Joris;;Mertens;joris.mertens@linge.example;W-KC-3;Team Digitaal;W-KC;team;front;Teamleider;;15 maart 2021;joris.mertens@linge.example",
    "1003;Ayşe;;Yıldız;ayse.yildiz@linge.example;W-KC-1;;;;;Klantadviseur;;3-9-2020;",
]


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def run(world, content: bytes, filename: str = "hr.csv") -> PeopleImport:
    job = services.people_import_create(
        organization=world.org, user=world.admin.user, filename=filename, content=content
    )
    services.people_import_start(job=job)  # TASK_MODE=inline in tests: runs at once
    job.refresh_from_db()
    return job


def outcome(job: PeopleImport, line: int) -> dict:
    return next(r for r in job.report if r["line"] == line)


def test_it_creates_units_and_people_with_their_manager(world):
    job = run(world, csv_bytes(*ROWS))
    assert job.status == JobStatus.DONE, job.error
    assert job.summary == {"created": 3, "changed": 0, "unchanged": 0, "refused": 0}
    team = OrgUnit.objects.get(organization=world.org, code="W-KC-3")
    assert (team.name, team.parent, team.kind, team.office) == (
        "Team Digitaal",
        world.department,
        "team",
        "front",
    )
    joris = Membership.objects.get(
        organization=world.org, user__email="joris.mertens@linge.example"
    )
    assert team.manager == joris
    assert joris.role == Role.MANAGER  # leading a unit makes an employee a manager
    ingrid = Membership.objects.get(
        organization=world.org, user__email="ingrid.vanderlaan@linge.example"
    )
    assert (ingrid.user.infix, ingrid.employee_number, str(ingrid.start_date)) == (
        "van der",
        "1001",
        "2019-02-01",
    )
    ayse = Membership.objects.get(user__email="ayse.yildiz@linge.example")
    assert ayse.unit == world.team and ayse.user.first_name == "Ayşe"
    assert not ayse.user.has_usable_password()


def test_importing_the_same_file_twice_changes_nothing(world):
    first = run(world, csv_bytes(*ROWS))
    snapshot = sorted(
        Membership.objects.values_list("user__email", "role", "unit__code", "job_title")
    )
    second = run(world, csv_bytes(*ROWS))
    assert first.summary["created"] == 3
    assert second.summary == {"created": 0, "changed": 0, "unchanged": 3, "refused": 0}
    assert (
        sorted(Membership.objects.values_list("user__email", "role", "unit__code", "job_title"))
        == snapshot
    )


def test_the_report_is_written_in_the_language_of_whoever_started_the_import(world):
    world.admin.user.language = "en"
    world.admin.user.save()
    job = run(world, csv_bytes(ROWS[0], ROWS[0]))
    assert outcome(job, 3)["messages"] == ["This e-mail address is also on line 2."]


def test_a_changed_row_reports_which_fields_changed(world):
    run(world, csv_bytes(*ROWS))
    changed = ROWS[0].replace("Klantadviseur", "Senior klantadviseur")
    job = run(world, csv_bytes(changed, *ROWS[1:]))
    assert job.summary["changed"] == 1
    assert outcome(job, 2)["messages"] == ["Persoon gewijzigd: functie."]


def test_windows_1252_files_keep_accented_names(world):
    job = run(
        world,
        csv_bytes("2001;Zoë;;Çelik;zoe.celik@linge.example;W-KC-1;;;;;;;;", encoding="cp1252"),
    )
    assert job.status == JobStatus.DONE
    assert User.objects.get(email="zoe.celik@linge.example").last_name == "Çelik"


def test_comma_separated_utf8_without_bom_works(world):
    header = "email,first name,last name,unit code"
    job = run(
        world,
        csv_bytes("kees.post@linge.example,Kees,Post,W-KC-1", header=header, encoding="utf-8"),
    )
    assert job.summary["created"] == 1


def test_an_xlsx_file_with_real_dates_imports(world):
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "Voornaam", "Achternaam", "Afdelingscode", "Datum in dienst"])
    sheet.append(["noor.bakker@linge.example", "Noor", "Bakker", "W-KC-1", datetime(2018, 4, 9)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run(world, buffer.getvalue(), "hr.xlsx")
    assert job.status == JobStatus.DONE, job.error
    assert (
        str(Membership.objects.get(user__email="noor.bakker@linge.example").start_date)
        == "2018-04-09"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf\r\n", "Het bestand is leeg."),
        (b"e-mail|voornaam|achternaam\r\nx@y.nl|X|Y\r\n", "We vonden maar één kolom"),
        (
            b"voornaam;achternaam\r\nAnna;Smit\r\n",
            "Verplichte kolommen ontbreken: “E-mailadres”",
        ),
        (
            "e-mail;voornaam\r\nx@y.nl;X\r\n".encode("utf-16-le")[:-1] + b"\x00\x00garbage",
            "geen leesbaar CSV",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand"),
        (b"PK\x03\x04 this is not really a zip", "kon niet worden geopend"),
    ],
    ids=["empty", "only-bom", "wrong-delimiter", "missing-columns", "binary", "xls", "broken-xlsx"],
)
def test_unreadable_files_fail_with_a_clear_message_and_change_nothing(world, content, message):
    before = Membership.objects.count()
    job = run(world, content)
    assert job.status == JobStatus.FAILED
    assert message in job.error
    assert Membership.objects.count() == before


def test_an_unknown_parent_unit_is_refused_with_the_people_in_it(world):
    rows = [
        "3001;Piet;;Hein;piet.hein@linge.example;X-1;Team X;BESTAAT-NIET;team;front;;;;",
        "3002;Els;;Kok;els.kok@linge.example;X-1;Team X;BESTAAT-NIET;team;front;;;;",
        "3003;Lot;;Berg;lot.berg@linge.example;W-KC-1;;;;;;;;",
    ]
    job = run(world, csv_bytes(*rows))
    assert job.summary == {"created": 1, "changed": 0, "unchanged": 0, "refused": 2}
    assert (
        "Bovenliggende eenheid “BESTAAT-NIET” staat niet in het bestand"
        in outcome(job, 2)["messages"][0]
    )
    assert not OrgUnit.objects.filter(code="X-1").exists()
    assert not User.objects.filter(email="piet.hein@linge.example").exists()


def test_a_cycle_in_the_tree_is_refused_and_the_rest_is_imported(world):
    header = "Afdelingscode;Afdeling;Bovenliggende code"
    rows = ["A;Afdeling A;B", "B;Afdeling B;C", "C;Afdeling C;A", "D;Afdeling D;W"]
    job = run(world, csv_bytes(*rows, header=header))
    assert job.summary == {"created": 1, "changed": 0, "unchanged": 0, "refused": 3}
    assert "onder zichzelf komen te hangen: A → B → C → A" in outcome(job, 2)["messages"][0]
    assert OrgUnit.objects.get(organization=world.org, code="D").parent == world.division


def test_moving_an_existing_unit_below_its_own_team_is_refused(world):
    header = "Afdelingscode;Afdeling;Bovenliggende code"
    job = run(world, csv_bytes("W-KC;Klantcontact;W-KC-1", header=header))
    assert job.summary["refused"] == 1
    world.department.refresh_from_db()
    assert world.department.parent == world.division


def test_a_duplicate_email_address_refuses_the_later_row(world):
    rows = [
        "4001;Sam;;Dam;sam.dam@linge.example;W-KC-1;;;;;;;;",
        "4002;Sam;;Damen;SAM.DAM@linge.example;W-KC-1;;;;;;;;",
    ]
    job = run(world, csv_bytes(*rows))
    assert job.summary == {"created": 1, "changed": 0, "unchanged": 0, "refused": 1}
    assert outcome(job, 3)["messages"] == ["Dit e-mailadres staat ook op regel 2."]
    assert User.objects.get(email="sam.dam@linge.example").last_name == "Dam"


def test_a_5_mb_cell_refuses_its_row_and_keeps_the_others(world):
    huge = "x" * (5 * 1024 * 1024)
    rows = [
        f"5001;{huge};;Groot;groot@linge.example;W-KC-1;;;;;;;;",
        "5002;Klein;;Kind;klein@linge.example;W-KC-1;;;;;;;;",
    ]
    job = run(world, csv_bytes(*rows))
    assert job.summary == {"created": 1, "changed": 0, "unchanged": 0, "refused": 1}
    assert "te lang (5.242.880 tekens, maximaal 100)" in outcome(job, 2)["messages"][0]
    assert "Voornaam" in outcome(job, 2)["messages"][0]


def test_bad_values_are_refused_row_by_row(world):
    rows = [
        "6001;A;;B;geen-adres;W-KC-1;;;;;;;;",
        "6002;A;;B;a.b@linge.example;W-KC-1;;;;;;keizer;;",
        "6003;A;;C;a.c@linge.example;W-KC-1;;;;;;;31-02-2020;",
        "6004;A;;D;a.d@linge.example;ONBEKEND;;;;;;;;",
    ]
    job = run(world, csv_bytes(*rows))
    assert job.summary["refused"] == 4
    assert [outcome(job, n)["messages"][0] for n in (2, 3, 4, 5)] == [
        "“geen-adres” is geen geldig e-mailadres.",
        "Onbekende rol “keizer”.",
        "“31-02-2020” is geen datum (gebruik bijvoorbeeld 15-03-2021).",
        "Eenheid “ONBEKEND” staat niet in het bestand en niet in de organisatie.",
    ]


def test_an_import_never_changes_an_administrators_role(world):
    row = "7001;Alice;de;Vries;alice@linge.example;W-KC-1;;;;;;medewerker;;"
    job = run(world, csv_bytes(row))
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN
    assert job.summary["changed"] == 1  # the unit and number did change


def test_a_failure_while_writing_leaves_nothing_behind(world, monkeypatch):
    original = services.User.objects.create_user
    calls = {"n": 0}

    def create_user_then_fail(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("database went away")
        return original(*args, **kwargs)

    monkeypatch.setattr(services.User.objects, "create_user", create_user_then_fail)
    job = run(world, csv_bytes(*ROWS))
    assert job.status == JobStatus.FAILED
    assert job.error == "Het importeren is mislukt; er is niets gewijzigd."
    assert not OrgUnit.objects.filter(code="W-KC-3").exists()
    assert not User.objects.filter(email="ingrid.vanderlaan@linge.example").exists()


def test_the_preview_changes_nothing(world):
    job = services.people_import_create(
        organization=world.org, user=world.admin.user, filename="hr.csv", content=csv_bytes(*ROWS)
    )
    plan = services.people_import_plan(job=job)
    assert plan.counts()["created"] == 3
    assert not User.objects.filter(email="ingrid.vanderlaan@linge.example").exists()


def test_an_unreadable_file_raises_table_error_in_the_preview(world):
    job = services.people_import_create(
        organization=world.org, user=world.admin.user, filename="x.csv", content=b""
    )
    with pytest.raises(TableError):
        services.people_import_plan(job=job)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: hostile.shared_strings_bomb(300), "pakt uit tot veel meer dan het bevat"),
        (hostile.million_column_csv, "meer dan 200 kolommen"),
        (lambda: hostile.long_first_line_csv(2), "De eerste regel van het bestand is langer"),
        (
            lambda: hostile.sheet_claiming_rows(50_000_000, gap=True, header="E-mailadres"),
            "meer dan 100.000 rijen",
        ),
    ],
    ids=["zip-bomb", "million-columns", "long-first-line", "fifty-million-rows"],
)
def test_hostile_files_are_refused_quickly_with_a_clear_message(world, make, message):
    before = Membership.objects.count()
    content = make()
    start = time.monotonic()
    job = run(world, content, filename="hr.xlsx" if content.startswith(b"PK") else "hr.csv")
    assert time.monotonic() - start < 2.0
    assert job.status == JobStatus.FAILED
    assert message in job.error
    assert Membership.objects.count() == before
