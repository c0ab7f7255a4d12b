"""Reads the HR pages share."""

from __future__ import annotations

from klantcultuur.hrm.models import HrDocument, Process
from klantcultuur.orgs.models import Organization


def latest_per_process(organization: Organization) -> list[tuple[str, str, HrDocument | None, int]]:
    """(process, label, its latest document, number of documents) for every process (1 query)."""
    latest: dict[str, HrDocument] = {}
    counts: dict[str, int] = {}
    for document in HrDocument.objects.filter(organization=organization).defer("text"):
        latest.setdefault(document.process, document)
        counts[document.process] = counts.get(document.process, 0) + 1
    return [
        (value, label, latest.get(value), counts.get(value, 0)) for value, label in Process.choices
    ]


def history(organization: Organization, process: str):
    return HrDocument.objects.filter(organization=organization, process=process).defer("text")
