"""Plan an import of people and units from an HR export (pure: no database access).

`plan_import(rows, existing_units, existing_people)` decides, row by row, what would be
created, changed, left alone or refused, and why. The service applies the same plan in
one transaction, so the preview and the result always agree, and importing the same file
twice finds nothing left to do.

Rules the users see in the report:
- A row with an e-mail address describes a person; unit columns on it describe their unit.
  A row with a unit code and name but no e-mail address describes only a unit.
- A unit's parent is its "parent code" (blank: top level). Without that column, existing
  units keep their place and new ones go to the top level.
- A unit that names an unknown parent, or would end up below itself, is refused, and so
  are the people placed in it.
- The same e-mail address twice: the later row is refused. Blank cells change nothing.
- Administrators' roles are never changed by an import (do that on the person's page).
- Nobody gives a role through an import that they could not give on the person's page
  (`roles.may_grant`): a row that asks for such a role, or changes the role of a colleague
  whose role is above the importer's, is refused whole. A person the file names as a unit's
  manager becomes manager only when the importer may give that role; otherwise they keep
  their role and the row says so.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klantcultuur.lib.dates import parse_date
from klantcultuur.lib.tabular import MIB, Limits, cell_text, normalise_header
from klantcultuur.lib.text import strip_unsafe
from klantcultuur.orgs.models import Office, UnitKind
from klantcultuur.orgs.roles import Role

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "email": ("e-mail", "e-mailadres", "emailadres", "email address", "zakelijk e-mailadres",
              "e-mail werk", "werk e-mail", "mail"),
    "first_name": ("voornaam", "roepnaam", "first name", "firstname", "given name"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "prefix"),
    "last_name": ("achternaam", "geslachtsnaam", "last name", "lastname", "surname"),
    "employee_number": ("personeelsnummer", "personeelsnr", "medewerkernummer",
                        "werknemersnummer", "employee number", "employee id"),
    "unit_code": ("afdelingscode", "code afdeling", "eenheidscode", "code eenheid",
                  "organisatorische eenheid code", "teamcode", "unit code"),
    "unit_name": ("afdeling", "afdelingsnaam", "eenheid", "organisatorische eenheid",
                  "team", "teamnaam", "unit", "unit name"),
    "parent_code": ("bovenliggende code", "code bovenliggende eenheid", "bovenliggende eenheid",
                    "bovenliggende afdeling", "valt onder", "parent code", "parent unit code"),
    "unit_kind": ("soort eenheid", "type eenheid", "niveau", "unit kind", "kind", "level"),
    "office": ("front back office", "frontoffice backoffice", "front of backoffice",
               "office", "front back"),
    "manager_email": ("e-mail leidinggevende", "leidinggevende e-mail", "manager e-mail"),
    "role": ("rol", "role", "rol klantcultuur"),
    "job_title": ("functie", "functienaam", "job title", "function"),
    "start_date": ("datum in dienst", "in dienst", "startdatum", "begindatum", "start date",
                   "date of hire"),
}  # fmt: skip

# An HR file of the whole organisation: the limits hold before the file is read further.
FILE_LIMITS = Limits(
    max_bytes=10 * MIB,
    max_rows=100_000,
    max_columns=200,
    max_xlsx_unpacked=200 * MIB,
    max_xlsx_shared_strings=50 * MIB,
)

COLUMN_LABELS = {
    "email": gettext_lazy("E-mail address"),
    "unit_code": gettext_lazy("Unit code"),
    "unit_name": gettext_lazy("Unit"),
}

FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "parent_code": gettext_lazy("parent unit"),
    "kind": gettext_lazy("kind"),
    "office": gettext_lazy("front or back office"),
    "manager_email": gettext_lazy("manager"),
    "first_name": gettext_lazy("first name"),
    "infix": gettext_lazy("infix"),
    "last_name": gettext_lazy("last name"),
    "employee_number": gettext_lazy("employee number"),
    "unit_code": gettext_lazy("unit"),
    "role": gettext_lazy("role"),
    "job_title": gettext_lazy("job title"),
    "start_date": gettext_lazy("start date"),
}

MAX_LENGTH = {
    "email": 254, "first_name": 100, "infix": 30, "last_name": 150, "employee_number": 50,
    "unit_code": 50, "unit_name": 200, "parent_code": 50, "manager_email": 254,
    "job_title": 200, "role": 40, "unit_kind": 40, "office": 40, "start_date": 40,
}  # fmt: skip

_ROLE_WORDS = {
    Role.ADMIN: ("beheerder", "administrator", "admin", "applicatiebeheerder"),
    Role.BOARD: ("directie", "board", "bestuur", "bestuurder", "directeur", "mt"),
    Role.MANAGER: ("leidinggevende", "manager", "teamleider", "teammanager", "afdelingshoofd"),
    Role.EMPLOYEE: ("medewerker", "employee", "werknemer"),
    Role.HR: ("hr", "p o", "p&o", "hrm", "hr adviseur"),
    Role.CX_LEAD: ("cx lead", "cx", "cx-lead", "cx manager", "klantbeleving"),
}
_KIND_WORDS = {
    UnitKind.DIVISION: ("divisie", "division", "sector", "cluster", "directoraat"),
    UnitKind.DEPARTMENT: ("afdeling", "department", "dienst", "bedrijfsonderdeel"),
    UnitKind.TEAM: ("team", "groep", "unit"),
}
_OFFICE_WORDS = {
    Office.FRONT: ("front", "frontoffice", "front office", "fo", "voorkant", "klantcontact"),
    Office.BACK: ("back", "backoffice", "back office", "bo", "achterkant", "intern"),
}


K = TypeVar("K", bound=str)


def _lookup(table: Mapping[K, Iterable[str]]) -> dict[str, K]:
    return {
        normalise_header(word): key for key, words in table.items() for word in (str(key), *words)
    }


ROLE_LOOKUP = _lookup(_ROLE_WORDS)
KIND_LOOKUP = _lookup(_KIND_WORDS)
OFFICE_LOOKUP = _lookup(_OFFICE_WORDS)

PERSON_FIELDS = ("first_name", "infix", "last_name", "employee_number", "unit_code", "role",
                 "job_title", "start_date")  # fmt: skip
UNIT_FIELDS = ("name", "parent_code", "kind", "office", "manager_email")


@dataclass(frozen=True)
class ExistingUnit:
    code: str
    name: str
    parent_code: str | None
    kind: str
    office: str
    manager_email: str | None


@dataclass(frozen=True)
class ExistingPerson:
    email: str
    first_name: str
    infix: str
    last_name: str
    employee_number: str
    unit_code: str | None
    role: str
    job_title: str
    start_date: date | None


@dataclass
class UnitPlan:
    code: str
    values: dict[str, Any]  # final values of UNIT_FIELDS
    action: str  # "create", "update" or "none"
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    line: int = 0


@dataclass
class PersonPlan:
    email: str
    values: dict[str, Any]  # final values of PERSON_FIELDS
    action: str
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    line: int = 0


@dataclass
class RowOutcome:
    line: int
    subject: str
    status: str  # "created", "changed", "unchanged" or "refused"
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[RowOutcome]
    units: list[UnitPlan]  # parents before children
    people: list[PersonPlan]

    def counts(self) -> dict[str, int]:
        totals = {"created": 0, "changed": 0, "unchanged": 0, "refused": 0}
        for row in self.rows:
            totals[row.status] += 1
        return totals


@dataclass
class _Row:
    line: int
    person: dict[str, Any] | None = None
    unit: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def _parse_row(
    line: int, cells: Sequence[Any], columns: Mapping[str, int], titles: Mapping[str, str]
) -> _Row:
    row = _Row(line)
    raw: dict[str, Any] = {}
    for name, index in columns.items():
        value = cells[index] if index < len(cells) else ""
        if name == "start_date" and not isinstance(value, str):
            raw[name] = value
            continue
        text = strip_unsafe(cell_text(value)).strip()
        if len(text) > MAX_LENGTH[name]:
            row.errors.append(
                _(
                    "The value in column “%(column)s” is too long (%(length)s characters, at most %(max)s)."
                )
                % {
                    "column": titles.get(name, name),
                    "length": f"{len(text):,}".replace(",", "."),
                    "max": MAX_LENGTH[name],
                }
            )
            text = ""
        raw[name] = text
    if row.errors:
        return row

    email = raw.get("email", "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not a valid e-mail address.") % {"value": email})
        person: dict[str, Any] = {"email": email}
        for name in ("first_name", "infix", "last_name", "employee_number", "job_title"):
            if raw.get(name):
                person[name] = raw[name]
        if raw.get("role"):
            role = ROLE_LOOKUP.get(normalise_header(raw["role"]))
            if role is None:
                row.errors.append(_("Unknown role “%(value)s”.") % {"value": raw["role"]})
            person["role"] = role
        if raw.get("start_date") not in (None, ""):
            try:
                person["start_date"] = parse_date(raw["start_date"])
            except (ValueError, TypeError):
                row.errors.append(
                    _("“%(value)s” is not a date (use for example 15-03-2021).")
                    % {"value": cell_text(raw["start_date"])}
                )
        if raw.get("unit_code"):
            person["unit_code"] = raw["unit_code"]
        row.person = person

    code = raw.get("unit_code", "")
    describes_unit = code and (raw.get("unit_name") or not email)
    if describes_unit:
        unit: dict[str, Any] = {"code": code}
        if raw.get("unit_name"):
            unit["name"] = raw["unit_name"]
        if "parent_code" in columns:
            unit["parent_code"] = raw.get("parent_code") or None
        if raw.get("unit_kind"):
            kind = KIND_LOOKUP.get(normalise_header(raw["unit_kind"]))
            if kind is None:
                row.errors.append(
                    _("Unknown kind of unit “%(value)s”.") % {"value": raw["unit_kind"]}
                )
            unit["kind"] = kind
        if raw.get("office"):
            office = OFFICE_LOOKUP.get(normalise_header(raw["office"]))
            if office is None:
                row.errors.append(
                    _("“%(value)s” is neither front office nor back office.")
                    % {"value": raw["office"]}
                )
            unit["office"] = office
        if raw.get("manager_email"):
            unit["manager_email"] = raw["manager_email"].lower()
        row.unit = unit
    elif not email:
        row.errors.append(_("The row has neither an e-mail address nor a unit code and name."))
    return row


def plan_import(
    rows: Iterable[tuple[int, Sequence[Any]]],
    columns: Mapping[str, int],
    headers: Sequence[str],
    existing_units: Iterable[ExistingUnit],
    existing_people: Iterable[ExistingPerson],
    *,
    grantable: Collection[str],
) -> ImportPlan:
    """Decide for every row what an import would do, without touching the database.

    `grantable`: the roles the importer may give (see `roles.may_grant`)."""
    titles = {name: headers[index] for name, index in columns.items() if index < len(headers)}
    parsed = [_parse_row(line, cells, columns, titles) for line, cells in rows]
    units = {u.code: u for u in existing_units}
    people = {p.email: p for p in existing_people}
    spec, spec_line = _unit_specs(parsed, units)
    parent_of, refused_units = _unit_parents(spec, units)
    first_line = _check_people(parsed, people, parent_of, grantable)
    _refuse_units(parsed, spec, units, parent_of, refused_units, set(people) | set(first_line))
    unit_plans, ordered = _unit_plans(parsed, spec, spec_line, units, parent_of, refused_units)
    person_plans, notes = _person_plans(parsed, people, unit_plans, grantable)
    return ImportPlan(_outcomes(parsed, unit_plans, person_plans, notes), ordered, person_plans)


def _unit_specs(
    parsed: list[_Row], units: dict[str, ExistingUnit]
) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """1. Unit specifications from the file; the first row that names a code defines it."""
    spec: dict[str, dict[str, Any]] = {}
    spec_line: dict[str, int] = {}
    for row in parsed:
        if row.errors or row.unit is None:
            continue
        code = row.unit["code"]
        if code not in spec:
            if code not in units and "name" not in row.unit:
                row.errors.append(_("Unit “%(code)s” is new, so it needs a name.") % {"code": code})
                continue
            spec[code], spec_line[code] = dict(row.unit), row.line
            continue
        for key, value in row.unit.items():
            earlier = spec[code].get(key)
            if key in spec[code] and earlier != value:
                row.errors.append(
                    _(
                        "Unit “%(code)s” has “%(value)s” for %(field)s here but “%(earlier)s” on line %(line)s."
                    )
                    % {
                        "code": code,
                        "value": value or "",
                        "field": FIELD_LABELS.get(key, key),
                        "earlier": earlier or "",
                        "line": spec_line[code],
                    }
                )
                break
            spec[code].setdefault(key, value)

    return spec, spec_line


def _unit_parents(
    spec: dict[str, dict[str, Any]], units: dict[str, ExistingUnit]
) -> tuple[dict[str, str | None], dict[str, str]]:
    """2. Final parent of every unit, then refuse unknown parents and cycles."""
    parent_of = {code: u.parent_code for code, u in units.items()}
    for code, values in spec.items():
        if "parent_code" in values:
            parent_of[code] = values["parent_code"]
        elif code not in units:
            parent_of[code] = None
    refused_units: dict[str, str] = {}
    for code in spec:
        parent = parent_of[code]
        if parent is not None and parent not in parent_of:
            refused_units[code] = _(
                "Parent unit “%(parent)s” is not in the file nor in the organisation."
            ) % {"parent": parent}
    for code in spec:
        seen = [code]
        current = parent_of.get(code)
        while current is not None and current in parent_of:
            if current in seen:
                cycle = " → ".join([*seen[seen.index(current) :], current])
                refused_units.setdefault(
                    code, _("This would put the unit below itself: %(cycle)s.") % {"cycle": cycle}
                )
                break
            seen.append(current)
            current = parent_of.get(current)

    return parent_of, refused_units


def _check_people(
    parsed: list[_Row],
    people: dict[str, ExistingPerson],
    parent_of: dict[str, str | None],
    grantable: Collection[str],
) -> dict[str, int]:
    """3. People: duplicates, roles the importer may not give, employee numbers, units.
    Returns the line of each accepted e-mail address."""
    first_line: dict[str, int] = {}
    employee_numbers: dict[str, tuple[int, str]] = {
        p.employee_number: (0, p.email) for p in people.values() if p.employee_number
    }
    for row in parsed:
        if row.errors or row.person is None:
            continue
        email = row.person["email"]
        if email in first_line:
            row.errors.append(
                _("This e-mail address is also on line %(line)s.") % {"line": first_line[email]}
            )
            continue
        refusal = _role_refusal(row.person.get("role"), people.get(email), email, grantable)
        if refusal:
            row.errors.append(refusal)
            continue
        first_line[email] = row.line
        number = row.person.get("employee_number")
        if number:
            holder = employee_numbers.get(number)
            if holder and holder[1] != email:
                where = (
                    (_("on line %(line)s") % {"line": holder[0]})
                    if holder[0]
                    else _("in the organisation")
                )
                row.errors.append(
                    _("Employee number %(number)s already belongs to %(email)s %(where)s.")
                    % {"number": number, "email": holder[1], "where": where}
                )
                continue
            employee_numbers[number] = (row.line, email)
        unit_code = row.person.get("unit_code")
        if unit_code and unit_code not in parent_of:
            row.errors.append(
                _("Unit “%(code)s” is not in the file nor in the organisation.")
                % {"code": unit_code}
            )
    return first_line


def _refuse_units(
    parsed: list[_Row],
    spec: dict[str, dict[str, Any]],
    units: dict[str, ExistingUnit],
    parent_of: dict[str, str | None],
    refused_units: dict[str, str],
    known_people: set[str],
) -> None:
    """Refuse units with an unknown manager and those below a refused new unit; a row that
    names a refused unit is refused with it."""
    for code, values in spec.items():
        manager = values.get("manager_email")
        if manager and manager not in known_people:
            refused_units.setdefault(
                code,
                _("Manager %(email)s is not in the file nor in the organisation.")
                % {"email": manager},
            )

    # A unit below a refused new unit cannot be placed either.
    changed = True
    while changed:
        changed = False
        for code in spec:
            parent = parent_of[code]
            if code not in refused_units and parent in refused_units and parent not in units:
                refused_units[code] = _("Its parent unit “%(parent)s” was refused.") % {
                    "parent": parent
                }
                changed = True

    for row in parsed:
        if row.errors:
            continue
        codes = {row.unit["code"]} if row.unit else set()
        if row.person and row.person.get("unit_code"):
            codes.add(row.person["unit_code"])
        for code in sorted(codes):
            if code in refused_units:
                row.errors.append(
                    refused_units[code]
                    if row.unit and row.unit["code"] == code
                    else _("Unit “%(code)s” was refused.") % {"code": code}
                )


def _unit_plans(
    parsed: list[_Row],
    spec: dict[str, dict[str, Any]],
    spec_line: dict[str, int],
    units: dict[str, ExistingUnit],
    parent_of: dict[str, str | None],
    refused_units: dict[str, str],
) -> tuple[dict[str, UnitPlan], list[UnitPlan]]:
    """4. What happens to each unit; also the plans parents first."""
    unit_plans: dict[str, UnitPlan] = {}
    for code, values in spec.items():
        if code in refused_units or not any(
            r.unit and r.unit["code"] == code and not r.errors for r in parsed
        ):
            continue
        old = units.get(code)
        final = {
            "name": values.get("name") or (old.name if old else code),
            "parent_code": parent_of[code],
            "kind": values.get("kind") or (old.kind if old else UnitKind.TEAM),
            "office": values.get("office") or (old.office if old else None),
            "manager_email": values.get("manager_email") or (old.manager_email if old else None),
        }
        if old is None:
            unit_plans[code] = UnitPlan(code, final, "create", line=spec_line[code])
        else:
            current = {
                "name": old.name,
                "parent_code": old.parent_code,
                "kind": old.kind,
                "office": old.office,
                "manager_email": old.manager_email,
            }
            diff = {k: (current[k], v) for k, v in final.items() if v != current[k]}
            unit_plans[code] = UnitPlan(
                code, final, "update" if diff else "none", diff, spec_line[code]
            )
    # New units without an office take their parent's; parents first.
    ordered = _parents_first(unit_plans, parent_of)
    office_of = {code: u.office for code, u in units.items()}
    for plan in ordered:
        if plan.values["office"] is None:
            plan.values["office"] = office_of.get(plan.values["parent_code"] or "", Office.FRONT)
        office_of[plan.code] = plan.values["office"]

    return unit_plans, ordered


def _person_plans(
    parsed: list[_Row],
    people: dict[str, ExistingPerson],
    unit_plans: dict[str, UnitPlan],
    grantable: Collection[str],
) -> tuple[list[PersonPlan], dict[int, str]]:
    """What happens to each person, and a note per line where a manager keeps their role."""
    managers = {p.values["manager_email"] for p in unit_plans.values() if p.values["manager_email"]}
    may_make_manager = Role.MANAGER in grantable
    notes: dict[int, str] = {}
    person_plans: list[PersonPlan] = []
    for row in parsed:
        if row.errors or row.person is None:
            continue
        incoming = row.person
        old = people.get(incoming["email"])
        if old is None:
            final = {
                "first_name": incoming.get("first_name", ""),
                "infix": incoming.get("infix", ""),
                "last_name": incoming.get("last_name", ""),
                "employee_number": incoming.get("employee_number", ""),
                "unit_code": incoming.get("unit_code"),
                "job_title": incoming.get("job_title", ""),
                "start_date": incoming.get("start_date"),
                "role": incoming.get("role") or Role.EMPLOYEE,
            }
            if not incoming.get("role") and incoming["email"] in managers:
                if may_make_manager:
                    final["role"] = Role.MANAGER
                else:
                    notes[row.line] = _stays_note(Role.EMPLOYEE)
            person_plans.append(PersonPlan(incoming["email"], final, "create", line=row.line))
            continue
        current = {f: getattr(old, f) for f in PERSON_FIELDS}
        final = dict(current)
        for name in PERSON_FIELDS:
            if incoming.get(name) not in (None, ""):
                final[name] = incoming[name]
        if old.role == Role.ADMIN:
            final["role"] = Role.ADMIN
        elif not incoming.get("role") and old.role == Role.EMPLOYEE and old.email in managers:
            if may_make_manager:
                final["role"] = Role.MANAGER
            else:
                notes[row.line] = _stays_note(old.role)
        diff = {k: (current[k], v) for k, v in final.items() if v != current[k]}
        person_plans.append(
            PersonPlan(old.email, final, "update" if diff else "none", diff, row.line)
        )

    return person_plans, notes


def _outcomes(
    parsed: list[_Row],
    unit_plans: dict[str, UnitPlan],
    person_plans: list[PersonPlan],
    notes: dict[int, str],
) -> list[RowOutcome]:
    """5. One outcome per row."""
    by_line_person = {p.line: p for p in person_plans}
    by_line_unit = {p.line: p for p in unit_plans.values()}
    outcomes = []
    for row in parsed:
        subject = (row.person or {}).get("email") or (row.unit or {}).get("code", "")
        if row.errors:
            outcomes.append(RowOutcome(row.line, subject, "refused", row.errors))
            continue
        messages, actions = [], []
        unit_plan, person_plan = by_line_unit.get(row.line), by_line_person.get(row.line)
        if unit_plan is not None:
            actions.append(unit_plan.action)
            if unit_plan.action == "create":
                messages.append(_("New unit."))
            elif unit_plan.action == "update":
                messages.append(_("Unit changed: %(fields)s.") % {"fields": _field_list(unit_plan)})
        if person_plan is not None:
            actions.append(person_plan.action)
            if person_plan.action == "create":
                messages.append(_("New person."))
            elif person_plan.action == "update":
                messages.append(
                    _("Person changed: %(fields)s.") % {"fields": _field_list(person_plan)}
                )
        if row.line in notes:
            messages.append(notes[row.line])
        status = (
            "created" if "create" in actions else "changed" if "update" in actions else "unchanged"
        )
        outcomes.append(RowOutcome(row.line, subject, status, messages))
    return outcomes


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _role_refusal(
    wanted: str | None, old: ExistingPerson | None, email: str, grantable: Collection[str]
) -> str | None:
    """Why a row may not set this role, or None (an administrator's role is kept anyway)."""
    if old is not None and old.role == Role.ADMIN:
        return None
    role = wanted or (old.role if old is not None else Role.EMPLOYEE)
    if old is not None and role == old.role:
        return None
    if old is not None and old.role not in grantable:
        return _(
            "You may not change the role of %(email)s: their role “%(role)s” has permissions "
            "you do not have."
        ) % {"email": email, "role": _role_label(old.role)}
    if role not in grantable:
        return _("You may not give the role “%(role)s”: it has permissions you do not have.") % {
            "role": _role_label(role)
        }
    return None


def _stays_note(role: str) -> str:
    return _(
        "Manager of a unit in the file, but keeps the role “%(role)s”: you may not give the "
        "manager role."
    ) % {"role": _role_label(role)}


def _field_list(plan: UnitPlan | PersonPlan) -> str:
    return ", ".join(str(FIELD_LABELS.get(name, name)) for name in plan.changes)


def _parents_first(
    plans: Mapping[str, UnitPlan], parent_of: Mapping[str, str | None]
) -> list[UnitPlan]:
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:
        if code not in depth:
            parent = parent_of.get(code)
            depth[code] = 0 if parent is None or parent not in parent_of else depth_of(parent) + 1
        return depth[code]

    return sorted(plans.values(), key=lambda p: (depth_of(p.code), p.line))
