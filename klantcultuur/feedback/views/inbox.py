"""The feedback inbox with its filters, and the export of what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.feedback import metrics, selectors
from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.exports import (
    RecordExport,
    stream_csv,
    summary_rows,
    xlsx_download,
)
from klantcultuur.feedback.forms import InboxFilterForm
from klantcultuur.feedback.metrics import Figures
from klantcultuur.feedback.models import FeedbackSentence, Label
from klantcultuur.feedback.period import PERIODS, Period, parse_period
from klantcultuur.feedback.selectors import RecordFilter
from klantcultuur.feedback.views.scope import Scope, scope_for
from klantcultuur.lib.htmx import fragment_wanted
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

PAGE_SIZE = 50
XLSX_MAX_ROWS = 200_000


@dataclass
class Inbox:
    form: InboxFilterForm
    scope: Scope
    period: Period
    flt: RecordFilter
    topic_names: dict[str, str]


def _inbox(request: MemberRequest) -> Inbox:
    """The filters of the query string, checked against what the member may see."""
    organization = request.organization
    membership = request.membership
    period = parse_period(request.GET)
    visible = membership.visible_unit_ids()
    units = OrgUnit.objects.filter(
        organization=organization, id__in=visible, archived_at__isnull=True
    )
    topics = topics_for(organization)
    language = get_language()
    topic_names = {t.slug: t.name(language) for t in topics}
    data = request.GET.copy()
    data["period"] = period.key  # the filter shows the period the page uses
    form = InboxFilterForm(
        data,
        units=[(str(u.uuid), u.name) for u in units.order_by("name")],
        periods=[
            *PERIODS.items(),
            *([("custom", _("Chosen dates"))] if period.key == "custom" else []),
        ],
        topics=list(topic_names.items()),
        channels=selectors.channels(organization=organization),
    )
    scope = scope_for(request, request.GET.get("unit") or None)
    customers = form.value("customers")
    flt = RecordFilter(
        start=period.start,
        end=period.end,
        metric=form.value("metric"),
        band=form.value("band"),
        topic=form.value("topic"),
        label=form.value("label"),
        channel=form.value("channel"),
        internal={"internal": True, "external": False}.get(customers),
    )
    return Inbox(form, scope, period, flt, topic_names)


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def inbox(request: MemberRequest):
    found = _inbox(request)
    organization = request.organization
    records = (
        selectors.records_query(
            organization=organization,
            unit_ids=found.scope.unit_ids,
            flt=found.flt,
            include_unrouted=found.scope.includes_unrouted,
        )
        .select_related("team")
        .prefetch_related(
            Prefetch("sentences", queryset=FeedbackSentence.objects.order_by("field", "position"))
        )
        .order_by("-day", "-received_at", "-uuid")
    )
    # Customers' and colleagues' figures apart, as on the dashboard.
    counts = {
        kind: selectors.filtered_counts(
            organization=organization,
            unit_ids=found.scope.unit_ids,
            flt=replace(found.flt, internal=kind),
        )
        for kind in metrics.kinds_asked(found.flt.internal)
    }
    shown = metrics.kinds_shown(counts)
    min_n = organization.min_group_size
    # The number of pages comes from the counts, not from a COUNT(*) over the records.
    paginator = Paginator(records, PAGE_SIZE)
    paginator.count = sum(c.records for c in counts.values())
    page = paginator.get_page(request.GET.get("page"))
    # Colleagues' comments show only in groups with enough commenting colleagues.
    internal_comments = selectors.filtered_counts(
        organization=organization,
        unit_ids=found.scope.unit_ids,
        flt=RecordFilter(start=found.flt.start, end=found.flt.end, internal=True),
    ).with_comment
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "section": "inbox",
        "form": found.form,
        "scope": found.scope,
        "period": found.period,
        "page": page,
        "figures": Figures(counts[False], min_n) if False in shown else None,
        "internal_figures": Figures(counts[True], min_n) if True in shown else None,
        "topic_names": found.topic_names,
        # Sentences about the chosen topic: the figures its row on the overview shows.
        "topic_signals": selectors.topic_signals(records, found.flt.topic)
        if found.flt.topic
        else None,
        "topic_name": found.topic_names.get(found.flt.topic, found.flt.topic),
        "show_internal_comments": internal_comments >= organization.min_comment_group_size,
        "query": query.urlencode(),
        "labels": Label,
    }
    template = "feedback/inbox.html#results" if fragment_wanted(request) else "feedback/inbox.html"
    return render(request, template, context)


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def export(request: MemberRequest):
    """The records the inbox shows (or, with kind=summary, its figures per period and unit)."""
    found = _inbox(request)
    organization = request.organization
    stamp = timezone.localdate().isoformat()
    xlsx = request.GET.get("format") == "xlsx"
    summary = request.GET.get("kind") == "summary"
    name = f"klantstem-cijfers-{stamp}" if summary else f"klantstem-{stamp}"
    audit_record(
        action=Action.EXPORT,
        organization=organization,
        actor=request.user,
        target=name,
        details={
            "format": request.GET.get("format") or "csv",
            "query": request.GET.urlencode()[:500],
        },
        request=request,
    )
    chunks: Iterator[str]
    if summary:
        rows = summary_rows(
            organization=organization, scope=found.scope, flt=found.flt, period=found.period
        )
        if xlsx:
            return xlsx_download(rows, f"{name}.xlsx", max_rows=XLSX_MAX_ROWS)
        chunks = stream_csv(rows)
    else:
        records = selectors.records_query(
            organization=organization,
            unit_ids=found.scope.unit_ids,
            flt=found.flt,
            include_unrouted=found.scope.includes_unrouted,
        )
        show_internal = (
            selectors.filtered_counts(
                organization=organization,
                unit_ids=found.scope.unit_ids,
                flt=RecordFilter(start=found.flt.start, end=found.flt.end, internal=True),
            ).with_comment
            >= organization.min_comment_group_size
        )
        export = RecordExport(
            records,
            organization_id=organization.id,
            unit_ids=found.scope.unit_ids,
            start=found.flt.start,
            end=found.flt.end,
            topic_names=found.topic_names,
            show_internal_comments=show_internal,
        )
        if xlsx:
            return xlsx_download(export.rows(), f"{name}.xlsx", max_rows=XLSX_MAX_ROWS)
        chunks = export.csv()  # streamed from the first rows the database gives
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
