"""What the exports of survey tools look like, and how to guess a file's columns (pure).

- Qualtrics CSV/TSV (TSV is UTF-16): three header rows (column ids such as ResponseId and
  QID1, then the question texts, then {"ImportId": ...} objects that also carry the time
  zone); dates "2024-03-05 14:22:10" in that zone. The legacy layout has a row V1, V2, ...
  over the real header row (ResponseID, ResponseSet, ..., Status, StartDate, EndDate,
  Finished, then the question texts). Status 0 is an answer, 1 a survey preview, 2 a
  survey test, 8 spam (also written as text: "Survey Preview", "Survey Test", "Spam");
  Finished 0 / False is an unfinished response. "Choice text" exports write answers as
  text ("10 - Extremely likely"), "numeric values" exports as numbers.
- LimeSurvey CSV: one header row of question codes (id, submitdate, startlanguage, NPS...),
  of full question texts (Response ID, Date submitted, ...) or of both ("submitdate. Date
  submitted"); answers as codes, as texts, or as both ("Somewhat agree (5)"); an
  unfinished response has no submit date.
- Formbricks CSV/XLSX: "No.", "Response ID", "Timestamp", "Finished", "Survey ID",
  "Formbricks ID (internal)", "User ID", "Notes", "Tags", meta columns, then one column per
  question headed "1. <question>"; an unfinished response (Finished "No") is kept: its
  answers so far are the customer's, as with the webhook.
- SurveyMonkey CSV/XLSX: two header rows, the question over its answer options ("Response",
  "Open-Ended Response" or the option's text), "Respondent ID" and "Collector ID" first.
- Google Forms CSV ("Timestamp", one column per question), Microsoft Forms XLSX ("ID",
  "Start time", "Completion time", "Email", "Name", ...), Typeform CSV ("#" or "Response
  ID", the questions, "Start Date (UTC)", "Submit Date (UTC)", "Network ID"): one header row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from klantcultuur.lib.dates import full_year
from klantcultuur.lib.tabular import normalise_header

FIELDS = (
    "received_at", "metric", "score", "reason", "suggestion", "channel", "touchpoint",
    "product", "location", "team_code", "external_id", "customer_ref", "contact_consent",
    "is_internal", "language",
)  # fmt: skip
# Fields that hold a customer's own words: never guessed from a column of codes or numbers.
FREE_TEXT = ("reason", "suggestion")

GENERIC_ALIASES: dict[str, tuple[str, ...]] = {
    "received_at": ("datum", "date", "datum tijd", "tijdstip", "ontvangen", "received",
                    "received at", "datum ingevuld", "ingevuld op", "timestamp", "created at",
                    "tijdstempel", "completion time", "voltooiingstijd", "submit date utc",
                    "end date", "date submitted"),
    "metric": ("meting", "metric", "soort score", "vraagtype"),
    "score": ("score", "cijfer", "nps", "nps score", "csat", "ces", "rapportcijfer",
              "aanbevelingsscore", "waardering"),
    "reason": ("reden", "toelichting", "opmerking", "opmerkingen", "waarom", "reason",
               "comment", "comments", "belangrijkste reden", "toelichting score"),
    "suggestion": ("wat zou er een 10 van maken", "tip", "suggestie", "verbeterpunt",
                   "verbetersuggestie", "suggestion", "what would make it a 10"),
    "channel": ("kanaal", "channel", "contactkanaal", "medium"),
    "touchpoint": ("contactmoment", "touchpoint", "klantreis", "moment", "proces"),
    "product": ("product", "dienst", "productgroep", "service"),
    "location": ("locatie", "vestiging", "location", "wijk", "regio", "complex"),
    "team_code": ("teamcode", "team code", "team", "afdelingscode", "unit code", "afdeling"),
    "external_id": ("id", "extern id", "response id", "responseid", "respondent id",
                    "antwoord id", "external id", "record id", "enquete id"),
    "customer_ref": ("klantnummer", "klant id", "klantreferentie", "relatienummer",
                     "customer id", "customer ref", "customer reference", "huurdernummer"),
    "contact_consent": ("toestemming", "contact", "mag contact", "contact toegestaan",
                        "terugbellen", "consent", "contact opnemen", "mogen wij contact opnemen"),
    "is_internal": ("intern", "interne klant", "internal", "collega"),
    "language": ("taal", "language", "lang"),
}  # fmt: skip


@dataclass(frozen=True)
class PresetSpec:
    key: str
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    # Columns that say a row is no customer's answer: kind -> header aliases.
    checks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


PRESETS: dict[str, PresetSpec] = {
    "generic": PresetSpec("generic", aliases=GENERIC_ALIASES),
    "qualtrics": PresetSpec(
        "qualtrics",
        aliases={
            "received_at": ("RecordedDate", "EndDate"),
            "external_id": ("ResponseId", "ResponseID"),
            "customer_ref": ("ExternalReference", "ExternalDataReference"),
            "language": ("UserLanguage",),
            "channel": ("DistributionChannel",),
        },
        checks={"status": ("Status",), "finished": ("Finished",)},
    ),
    "limesurvey": PresetSpec(
        "limesurvey",
        aliases={
            "received_at": ("submitdate", "Date submitted", "Datum verstuurd"),
            "external_id": ("id", "Response ID", "Antwoord ID"),
            "language": ("startlanguage", "Start language", "Starttaal"),
            "customer_ref": ("token", "Access code", "Toegangscode"),
        },
        checks={"submitdate": ("submitdate", "Date submitted", "Datum verstuurd")},
    ),
    "formbricks": PresetSpec(
        "formbricks",
        aliases={
            "received_at": ("Timestamp",),
            "external_id": ("Response ID",),
            "customer_ref": ("User ID",),
            "language": ("language",),
            "channel": ("source",),
        },
        defaults={"channel": "formbricks"},
    ),
    "surveymonkey": PresetSpec(
        "surveymonkey",
        aliases={
            "received_at": ("End Date", "Start Date"),
            "external_id": ("Respondent ID",),
            "customer_ref": ("Custom Data 1",),
        },
    ),
    "googleforms": PresetSpec("googleforms", aliases={"received_at": ("Timestamp", "Tijdstempel")}),
    "msforms": PresetSpec(
        "msforms",
        aliases={
            "received_at": ("Completion time", "Voltooiingstijd", "Start time", "Begintijd"),
            "external_id": ("ID", "Id"),
        },
    ),
    "typeform": PresetSpec(
        "typeform",
        aliases={
            "received_at": ("Submit Date (UTC)", "Start Date (UTC)"),
            "external_id": ("#", "Response ID", "Token"),
        },
        defaults={"channel": "typeform"},
    ),
}


# --- Layout: which rows are header rows -------------------------------------------------
@dataclass(frozen=True)
class Layout:
    """Where a file's header is: `header_row` (0-based) and the header rows after it."""

    header_row: int = 0
    extra_rows: int = 0
    legacy: bool = False  # Qualtrics' old layout (V1, V2, ... over the header)


_LEGACY = re.compile(r"^V\d+$")
# The tools whose files can have more than one header row.
LAYOUT_PRESETS = ("qualtrics", "surveymonkey")


def detect_layout(preset: str, first_rows: Sequence[Sequence[str]]) -> Layout:
    """The layout of a file of this tool, from its first (non-empty) rows."""
    row0 = [str(c).strip() for c in first_rows[0]] if first_rows else []
    if preset == "qualtrics":
        if len(row0) >= 2 and row0[0].lstrip("\ufeff") == "V1" and _LEGACY.match(row0[1]):
            return Layout(header_row=1, extra_rows=0, legacy=True)
        import_row = first_rows[2] if len(first_rows) > 2 else []
        has_ids = any(str(c).lstrip().startswith('{"ImportId"') for c in import_row)
        return Layout(extra_rows=2 if has_ids else 1)
    if preset == "surveymonkey":
        return Layout(extra_rows=1)
    return Layout()


def final_headers(preset: str, headers: Sequence[str], extra: Sequence[Sequence[str]]) -> list[str]:
    """The column names an import maps by: unique ("Other", "Other (2)": Typeform repeats a
    choice question's "Other" column), and for SurveyMonkey the question with its answer
    option ("Question - Option") when one question spans several columns."""
    if preset != "surveymonkey" or not extra:
        return _unique(headers)
    options = extra[0]
    named, question = [], ""
    for index, header in enumerate(headers):
        question = header or question
        option = str(options[index]).strip() if index < len(options) else ""
        plain = option in {"", "Response", "Open-Ended Response", "Antwoord", "Open antwoord"}
        named.append(question if plain or option == question else f"{question} - {option}")
    return _unique(named)


def _unique(names: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        if not name:  # a column without a name stays without one
            out.append(name)
            continue
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{name} ({count + 1})")
    return out


def questions_row(preset: str, layout: Layout, extra: Sequence[Sequence[str]]) -> list[str] | None:
    """The question texts under the header, where the tool writes them."""
    # (SurveyMonkey's second row is already part of its column names.)
    if preset == "qualtrics" and extra and not layout.legacy:
        return [str(c) for c in extra[0]]
    return None


def header_labels(headers: Sequence[str], second_row: Sequence[str] | None) -> list[str]:
    """What to show for each column: its header, with the question text under it if any."""
    labels = []
    for i, header in enumerate(headers):
        text = (second_row[i] if second_row and i < len(second_row) else "") or ""
        text = str(text).strip()
        labels.append(f"{header} · {text}" if text and text != header else header)
    return labels


# --- Guessing the columns ---------------------------------------------------------------
# Question texts that give a column away (whole words; checked after the aliases).
_SCORE_WORDS = re.compile(
    r"\b(waarschijnlijk\w*|aanbevel\w*|aanraden|recommend\w*|likely|nps|tevreden\w*|"
    r"satisf\w*|gemakkelijk|makkelijk|easy|moeite|effort)\b"
)
_REASON_WORDS = re.compile(
    r"\b(reden\w*|waarom|why|reasons?|toelicht\w*|because|explain\w*|opmerking\w*|comments?)\b"
)
_SUGGESTION_WORDS = re.compile(
    r"\b(een|a|the) (10|tien)\b|\b(verbeter\w*|improve\w*|better|beter|tips?|suggesti\w*)\b"
)
_CONSENT_WORDS = re.compile(r"\b(contact\w*|terugbel\w*|benader\w*|bellen)\b")
_CSAT_WORDS = re.compile(r"\b(tevreden\w*|satisf\w*)\b")
_CES_WORDS = re.compile(r"\b(gemakkelijk|makkelijk|easy|moeite|effort)\b")
# "code. question text" (LimeSurvey) and "1. question" (Formbricks) headings.
_CODE_AND_TEXT = re.compile(r"^\s*([^\s.]+)\.\s+(.+)$", re.DOTALL)

_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")
_CODE = re.compile(r"^[A-Za-z]{0,3}\d{0,4}$|^\S{1,3}$")
_YES_NO = {"ja", "nee", "yes", "no", "y", "n", "j", "true", "false", "waar", "onwaar", "x",
           "0", "1", "accepted", "dismissed", "agree", "akkoord"}  # fmt: skip
_LABELLED = re.compile(r"^(.*\S)\s*\(([^()]{1,20})\)$|^(\d{1,2})\s*[-–:]\s*\S")


def _kind(value: str) -> str:
    if value.lower() in _YES_NO or (
        _LABELLED.match(value) and _label_code(value).lower() in _YES_NO
    ):
        return "yes/no"
    if _NUMBER.match(value) or _label_number(value) is not None:
        return "number"
    if _CODE.match(value):
        return "code"
    return "text"


def kinds_of_values(values: Sequence[str]) -> dict[str, float]:
    """What share of a column's filled cells holds yes/no, numbers, codes or text."""
    filled = [v.strip() for v in values if v and v.strip()]
    shares: dict[str, float] = {}
    for value in filled:
        kind = _kind(value)
        shares[kind] = shares.get(kind, 0) + 1 / len(filled)
    return shares


def _label_code(value: str) -> str:
    match = _LABELLED.match(value)
    if match and match[2]:
        return match[2].strip()
    return value


def _label_number(value: str) -> int | None:
    """The number of a labelled answer: 'Somewhat agree (5)', '10 - Extremely likely'."""
    match = _LABELLED.match(value.strip())
    if not match:
        return None
    number = match[2] if match[2] is not None else match[3]
    return int(number) if number and number.strip().isdigit() else None


# The kind of values a field may be guessed from: at least half of the filled cells of
# the first rows (a stray value does not hide a column; a column of codes is never text).
_FITS: dict[str, str] = {
    "score": "number",
    "reason": "text",
    "suggestion": "text",
    "contact_consent": "yes/no",
}


@dataclass
class Guess:
    columns: dict[str, str]  # field name -> column header
    notes: list[str]  # why a field was left empty, for the mapping page


def _key(name: str) -> str:
    """A header as it is compared: normalised, or as written when that leaves nothing ("#")."""
    return normalise_header(name) or name.strip()


def _names(header: str) -> list[str]:
    """The normalised names a column answers to ('submitdate. Date submitted': both parts)."""
    names = [_key(header)]
    match = _CODE_AND_TEXT.match(header)
    if match:
        names += [normalise_header(match[1]), normalise_header(match[2])]
    return [n for n in names if n]


def guess_columns(
    preset: str,
    headers: Sequence[str],
    questions: Sequence[str] | None = None,
    samples: Sequence[Sequence[str]] | None = None,
    labels: Mapping[str, object] | None = None,
) -> Guess:
    """Field name -> column header, guessed from the preset's names, the question texts
    and the values in the first rows (`samples`: each column's values).

    A field that holds a customer's words is never guessed from a column of codes, yes/no
    or numbers; a field with no sure column is left empty, with a note saying so.
    """
    spec = PRESETS.get(preset, PRESETS["generic"])
    shares = [
        kinds_of_values(samples[i]) if samples and i < len(samples) else None
        for i in range(len(headers))
    ]

    def fits(name: str, index: int) -> bool:
        wanted = _FITS.get(name)
        if wanted is None or shares[index] is None:  # any field, or no rows to look at
            return True
        if not shares[index]:  # an empty column: not sure, so not guessed
            return False
        return (shares[index] or {}).get(wanted, 0) >= 0.5

    position: dict[str, int] = {}
    for index, header in enumerate(headers):
        for name in _names(header):
            position.setdefault(name, index)
    found: dict[str, str] = {}
    taken: set[int] = set()
    rejected: dict[str, int] = {}
    for aliases in (spec.aliases, GENERIC_ALIASES):
        for name in FIELDS:
            if name in found:
                continue
            for alias in aliases.get(name, ()):
                at = position.get(_key(alias))
                if at is None or at in taken:
                    continue
                if not fits(name, at):
                    rejected.setdefault(name, at)
                    continue
                found[name] = headers[at]
                taken.add(at)
                break
    if preset == "qualtrics":
        # An NPS question has a companion column <id>_NPS_GROUP.
        for header in headers:
            if header.endswith("_NPS_GROUP") and "score" not in found:
                base = header[: -len("_NPS_GROUP")]
                if base in headers and fits("score", headers.index(base)):
                    found["score"] = base
                    taken.add(headers.index(base))
    texts = [
        normalise_header(f"{h} {questions[i] if questions and i < len(questions) else ''}")
        for i, h in enumerate(headers)
    ]
    for name, words in (
        ("score", _SCORE_WORDS),
        ("reason", _REASON_WORDS),
        ("suggestion", _SUGGESTION_WORDS),
        ("contact_consent", _CONSENT_WORDS),
    ):
        if name in found:
            continue
        for index, text in enumerate(texts):
            if index in taken or _is_meta(headers[index]) or not words.search(text):
                continue
            if not fits(name, index):
                rejected.setdefault(name, index)
                continue
            found[name] = headers[index]
            taken.add(index)
            break
    notes = []
    for name in ("score", *FREE_TEXT, "contact_consent"):
        if name in found:
            continue
        label = str((labels or {}).get(name, name))
        if name in rejected:
            notes.append(
                _(
                    "“%(field)s” was left empty: column “%(column)s” looks like it, but holds "
                    "codes, yes/no answers or numbers. Choose the column yourself if the file "
                    "has one."
                )
                % {"field": label, "column": headers[rejected[name]][:80]}
            )
        elif name in ("score", "reason"):
            notes.append(
                _(
                    "“%(field)s” was left empty: no column was clearly it. Choose the column "
                    "yourself if the file has one."
                )
                % {"field": label}
            )
    return Guess(found, notes)


def guess_metric(header: str, question: str = "") -> str:
    """The metric a score column probably holds (NPS unless the text says otherwise)."""
    text = normalise_header(f"{header} {question}")
    if "csat" in text.split() or _CSAT_WORDS.search(text):
        return "csat"
    if "ces" in text.split() or _CES_WORDS.search(text):
        return "ces"
    return "nps"


# LimeSurvey's timing columns (seconds spent), as codes or texts: "interviewtime",
# "groupTime13907. Group time: Satisfaction", "NPSTime", "Question time: NPS".
_TIMINGS = re.compile(
    r"^(interviewtime|groupTime\d+|[A-Za-z][A-Za-z0-9_]*Time)(\.\s|$)"
    r"|^(Total time|Group time:|Question time:)"
)


def _is_meta(header: str) -> bool:
    if _TIMINGS.match(header.strip()):
        return True
    return header.endswith(("_NPS_GROUP", "_TEXT", "_DO")) or normalise_header(header) in {
        "finished",
        "status",
        "progress",
        "duration in seconds",
        "no",
        "tags",
        "notes",
        "ip address",
        "ipaddress",
        "collector id",
        "network id",
        "email",
        "name",
        "email address",
        "first name",
        "last name",
        "recipientemail",
        "recipientfirstname",
        "recipientlastname",
        "locationlatitude",
        "locationlongitude",
    }


def qualtrics_zone(import_row: Sequence[str], column: int) -> str | None:
    """The time zone Qualtrics wrote in the third header row for a date column."""
    if column >= len(import_row):
        return None
    try:
        found = json.loads(import_row[column])
    except (TypeError, ValueError):
        return None
    zone = found.get("timeZone") if isinstance(found, dict) else None
    return zone if isinstance(zone, str) and zone != "Z" else ("UTC" if zone == "Z" else None)


_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
# Tools that write dates month first when the account is set to US English.
_MONTH_FIRST_TOOLS = ("googleforms", "surveymonkey")


def date_order(preset: str, values: Sequence[str]) -> str:
    """'mdy' when the dates are written month first (3/15/2024, 8/22/22), else 'dmy'.

    A day above 12 gives the order away; without one, slashed dates of tools that write
    them month first (Google Forms, SurveyMonkey) are read month first.
    """
    slashed = [m for m in map(_SLASHED.match, values) if m]
    if any(int(m[1]) > 12 for m in slashed):
        return "dmy"
    if any(int(m[2]) > 12 for m in slashed):
        return "mdy"
    return "mdy" if slashed and preset in _MONTH_FIRST_TOOLS else "dmy"


_US_MOMENT = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?[Mm]?\.?)?\s*$"
)


def month_first(value: object) -> object:
    """A month-first date ('3/15/2024 2:05:09 PM', or '8/22/22 15:44' as Excel saves it
    again) as ISO text; other values as they are."""
    if type(value) is not str:
        return value
    match = _US_MOMENT.match(value)
    if not match:
        return value
    month, day, year = int(match[1]), int(match[2]), full_year(int(match[3]))
    hour, minute, second = int(match[4] or 0), int(match[5] or 0), int(match[6] or 0)
    half = (match[7] or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d}"


# --- Rows that are no customer's answer -------------------------------------------------
# Qualtrics' response types that are not answers: preview, test, spam (number or text).
_NOT_ANSWERS = {"1", "2", "8", "9", "12", "17", "survey preview", "survey test", "spam",
                "preview spam", "imported spam", "offline survey preview"}  # fmt: skip
_UNFINISHED = {"0", "false", "onwaar", "nee", "no"}


def check_columns(preset: str, headers: Sequence[str]) -> dict[str, int]:
    """The columns (kind -> position) that tell whether a row is a customer's answer."""
    spec = PRESETS.get(preset)
    if spec is None or not spec.checks:
        return {}
    position: dict[str, int] = {}
    for index, header in enumerate(headers):
        for name in _names(header):
            position.setdefault(name, index)
    found = {}
    for kind, aliases in spec.checks.items():
        for alias in aliases:
            at = position.get(_key(alias))
            if at is not None:
                found[kind] = at
                break
    return found


def skip_reason(preset: str, row: Mapping[str, object]) -> str | None:
    """Why a row of this tool's export is not a customer's answer (None: it is one).

    `row` holds the values of the `check_columns` by kind.
    """
    if preset == "qualtrics":
        status = str(row.get("status", "")).strip().lower()
        if status in _NOT_ANSWERS:
            return _("A survey preview, test or spam, not a customer's answer.")
        finished = row.get("finished", "")
        if str(finished).strip().lower() in _UNFINISHED and finished not in ("", None):
            return _("The response was not finished.")
    if preset == "limesurvey" and "submitdate" in row and not str(row["submitdate"] or "").strip():
        return _("The response was not completed (no submit date).")
    return None


def label_value(value: object) -> object:
    """An answer written as 'text (code)' or 'number - text' as its code or number, so
    'Somewhat agree (5)' reads as 5 and 'Yes (Y)' as Y; other values as they are."""
    if type(value) is not str:
        return value
    match = _LABELLED.match(value.strip())
    if not match:
        return value
    return (match[2] if match[2] is not None else match[3]).strip()
