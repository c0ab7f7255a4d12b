"""Report pages, charts and exports of a closed wave: all read through the gate."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from klantcultuur.lib.spreadsheet import csv_response, xlsx_response
from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.scan import selectors
from klantcultuur.scan.access import get_wave_for_user, get_wave_report_for_user
from klantcultuur.scan.models import Wave
from klantcultuur.scan.reporting import figures, pages
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.reporting.labels import SLICES


def _open(request: MemberRequest, wave: Wave, *, summary_only: bool = False):
    """The gate and unit directory, or the page that says the report is not there (yet)."""
    gate, report = selectors.report_gate(wave, request.membership, summary_only=summary_only)
    if gate is None:
        return (
            None,
            None,
            render(request, "scan/report_pending.html", {"wave": wave, "report": report}),
        )
    return gate, pages.Directory(request.organization, gate), None


def _render(request: MemberRequest, template: str, wave: Wave, gate, context: dict):
    return render(request, template, {"wave": wave, "gate": gate, **context})


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def report(request: MemberRequest, code: UUID):
    wave = get_wave_report_for_user(request, code)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    return _render(
        request,
        "scan/report.html",
        wave,
        gate,
        {
            "page": pages.organisation_page(gate, directory),
            "units": directory.units[1:],
        },
    )


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def heatmap(request: MemberRequest, code: UUID):
    wave = get_wave_report_for_user(request, code)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    slice_ = request.GET.get("group", "all")
    if slice_ not in SLICES:
        slice_ = "all"
    return _render(
        request,
        "scan/heatmap.html",
        wave,
        gate,
        {
            "page": pages.heatmap_page(gate, directory, slice_),
            "slice": slice_,
            "slices": SLICES.items(),
        },
    )


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def unit(request: MemberRequest, code: UUID, unit: UUID):
    wave = get_wave_report_for_user(request, code)
    found = get_visible_unit_for_user(request, unit)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    key = str(found.uuid)
    if key not in directory.by_key:
        raise Http404  # the unit did not exist when the wave closed
    # Private to the unit's own manager: not their manager, HR or the board.
    own_example = (
        pages.own_example_page(gate, key)
        if found.id in request.membership.managed_unit_ids
        else None
    )
    return _render(
        request,
        "scan/unit.html",
        wave,
        gate,
        {"page": pages.unit_page(gate, directory, key), "own_example": own_example},
    )


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def comparison(request: MemberRequest, code: UUID):
    wave = get_wave_report_for_user(request, code)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    return _render(
        request,
        "scan/comparison.html",
        wave,
        gate,
        {"page": pages.comparison_page(gate, directory)},
    )


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def comments(request: MemberRequest, code: UUID):
    wave = get_wave_report_for_user(request, code)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    key = request.GET.get("unit") or (ROOT_KEY if gate.can_see(ROOT_KEY) else None)
    if key is None or key not in directory.by_key:
        raise Http404
    return _render(
        request,
        "scan/comments.html",
        wave,
        gate,
        {"page": pages.comments_page(gate, directory, key)},
    )


@member_required(methods=("GET",))
def summary(request: MemberRequest, code: UUID):
    """The organisation as a whole, for every member once the wave is closed."""
    wave = get_wave_for_user(request, code)
    if not wave.is_closed:
        raise Http404
    gate, _directory, pending = _open(request, wave, summary_only=True)
    if pending:
        return pending
    return _render(request, "scan/summary.html", wave, gate, {"page": pages.summary_page(gate)})


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def chart(request: MemberRequest, code: UUID, name: str):
    """An organisation-level chart as a standalone SVG file (for print and PDF)."""
    wave = get_wave_report_for_user(request, code)
    if name not in figures.CHARTS:
        raise Http404
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    svg = figures.chart(gate, name, pages.stance_rows(gate, directory))
    if svg is None:
        raise Http404
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slugify(wave.name)}-{name}.svg"'
    return response


def _export(request: MemberRequest, code: UUID, kind: str):
    wave = get_wave_report_for_user(request, code)
    gate, directory, pending = _open(request, wave)
    if pending:
        return pending
    rows = pages.export_rows(gate, directory)
    filename = f"{slugify(wave.name) or 'cultuurscan'}.{kind}"
    if kind == "xlsx":
        return xlsx_response(rows, filename, title=wave.name)
    return csv_response(rows, filename)


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def export_csv(request: MemberRequest, code: UUID):
    return _export(request, code, "csv")


@member_required(Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def export_xlsx(request: MemberRequest, code: UUID):
    return _export(request, code, "xlsx")
