"""What the exports of survey tools look like, and how to guess a file's columns (pure).

- Qualtrics CSV: three header rows (column ids such as ResponseId and QID1, then the
  question texts, then {"ImportId": ...} objects that also carry the time zone); dates
  "2024-03-05 14:22:10" in that zone; survey previews have Status "Survey Preview" (1).
- LimeSurvey CSV: one header row of question codes (id, submitdate, startlanguage, NPS...)
  or of full question texts (Response ID, Date submitted, ...); an unfinished response has
  no submit date.
- Formbricks CSV/XLSX: "No.", "Response ID", "Timestamp", "Finished", "Survey ID",
  "Formbricks ID (internal)", "User ID", "Notes", "Tags", meta columns, then one column per
  question headed "1. <question>"; Timestamp "2024-06-15 10:00:00" (newer versions append
  the zone, e.g. "UTC").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from klantcultuur.lib.tabular import normalise_header

FIELDS = (
    "received_at", "metric", "score", "reason", "suggestion", "channel", "touchpoint",
    "product", "location", "team_code", "external_id", "customer_ref", "contact_consent",
    "is_internal", "language",
)  # fmt: skip

GENERIC_ALIASES: dict[str, tuple[str, ...]] = {
    "received_at": ("datum", "date", "datum tijd", "tijdstip", "ontvangen", "received",
                    "received at", "datum ingevuld", "ingevuld op", "timestamp", "created at"),
    "metric": ("meting", "metric", "soort score", "vraagtype"),
    "score": ("score", "cijfer", "nps", "nps score", "csat", "ces", "rapportcijfer",
              "aanbevelingsscore", "waardering"),
    "reason": ("reden", "toelichting", "opmerking", "opmerkingen", "waarom", "reason",
               "comment", "comments", "belangrijkste reden", "toelichting score"),
    "suggestion": ("wat zou er een 10 van maken", "tip", "suggestie", "verbeterpunt",
                   "verbetersuggestie", "suggestion", "what would make it a 10", "10"),
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
    header_row: int = 0
    skip_rows: int = 0
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)


PRESETS: dict[str, PresetSpec] = {
    "generic": PresetSpec("generic", aliases=GENERIC_ALIASES),
    "qualtrics": PresetSpec(
        "qualtrics",
        header_row=0,
        skip_rows=2,
        aliases={
            "received_at": ("RecordedDate", "EndDate"),
            "external_id": ("ResponseId",),
            "customer_ref": ("ExternalReference", "ExternalDataReference"),
            "language": ("UserLanguage",),
            "channel": ("DistributionChannel",),
        },
    ),
    "limesurvey": PresetSpec(
        "limesurvey",
        aliases={
            "received_at": ("submitdate", "Date submitted", "Datum verstuurd"),
            "external_id": ("id", "Response ID", "Antwoord ID"),
            "language": ("startlanguage", "Start language", "Starttaal"),
            "customer_ref": ("token", "Access code", "Toegangscode"),
        },
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
}

# Question texts that give a column away, for every preset (checked after the aliases).
_SCORE_WORDS = re.compile(
    r"waarschijnlijk|aanbevel|aanraden|recommend|likely|nps|tevreden|satisf|gemakkelijk|makkelijk|easy|moeite|effort"
)
_REASON_WORDS = re.compile(r"reden|waarom|why|reason|toelicht|because")
_SUGGESTION_WORDS = re.compile(r"\b10\b|tien|beter|verbeter|improve|better|tip")
_CONSENT_WORDS = re.compile(r"contact|terugbel|benader|bellen")
_CSAT_WORDS = re.compile(r"tevreden|satisf")
_CES_WORDS = re.compile(r"gemakkelijk|makkelijk|easy|moeite|effort")


def header_labels(headers: Sequence[str], second_row: Sequence[str] | None) -> list[str]:
    """What to show for each column: its header, with the question text under it if any."""
    labels = []
    for i, header in enumerate(headers):
        text = (second_row[i] if second_row and i < len(second_row) else "") or ""
        text = str(text).strip()
        labels.append(f"{header} · {text}" if text and text != header else header)
    return labels


def guess_columns(
    preset: str, headers: Sequence[str], questions: Sequence[str] | None = None
) -> dict[str, str]:
    """Field name -> column header, guessed from the preset's names and the question texts."""
    spec = PRESETS.get(preset, PRESETS["generic"])
    position = {}
    for index, header in enumerate(headers):
        position.setdefault(normalise_header(header), index)
    found: dict[str, str] = {}
    taken: set[int] = set()
    for aliases in (spec.aliases, GENERIC_ALIASES):
        for name in FIELDS:
            if name in found:
                continue
            for alias in aliases.get(name, ()):
                index = position.get(normalise_header(alias))
                if index is not None and index not in taken:
                    found[name], _index = headers[index], taken.add(index)
                    break
    if preset == "qualtrics":
        # An NPS question has a companion column <id>_NPS_GROUP.
        for header in headers:
            if header.endswith("_NPS_GROUP") and "score" not in found:
                base = header[: -len("_NPS_GROUP")]
                if base in headers:
                    found["score"] = base
                    taken.add(headers.index(base))
    texts = [
        normalise_header(f"{h} {questions[i] if questions and i < len(questions) else ''}")
        for i, h in enumerate(headers)
    ]
    for name, words in (("score", _SCORE_WORDS), ("reason", _REASON_WORDS),
                        ("suggestion", _SUGGESTION_WORDS), ("contact_consent", _CONSENT_WORDS)):  # fmt: skip
        if name in found:
            continue
        for index, text in enumerate(texts):
            if index not in taken and words.search(text) and not _is_meta(headers[index]):
                found[name] = headers[index]
                taken.add(index)
                break
    return found


def guess_metric(header: str, question: str = "") -> str:
    """The metric a score column probably holds (NPS unless the text says otherwise)."""
    text = normalise_header(f"{header} {question}")
    if "csat" in text or _CSAT_WORDS.search(text):
        return "csat"
    if "ces" in text.split() or _CES_WORDS.search(text):
        return "ces"
    return "nps"


def _is_meta(header: str) -> bool:
    return header.endswith(("_NPS_GROUP", "_TEXT")) or normalise_header(header) in {
        "finished", "status", "progress", "duration in seconds", "no", "tags", "notes",
    }  # fmt: skip


def qualtrics_zone(import_row: Sequence[str], column: int) -> str | None:
    """The time zone Qualtrics wrote in the third header row for a date column."""
    if column >= len(import_row):
        return None
    try:
        found = json.loads(import_row[column])
    except (TypeError, ValueError):
        return None
    zone = found.get("timeZone") if isinstance(found, dict) else None
    return zone if isinstance(zone, str) else None


def skip_reason(preset: str, row: Mapping[str, str]) -> str | None:
    """Why a row of this tool's export is not a customer's answer (None: it is one)."""
    if preset == "qualtrics":
        status = str(row.get("Status", "")).strip().lower()
        if status in {"survey preview", "1", "spam", "8"}:
            return _("A survey preview or spam, not a customer's answer.")
    if preset == "limesurvey" and "submitdate" in row and not str(row["submitdate"]).strip():
        return _("The response was not completed (no submit date).")
    return None


PRESET_CHECK_COLUMNS = {"qualtrics": ("Status",), "limesurvey": ("submitdate",)}
