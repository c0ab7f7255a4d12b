"""Privacy: erase one customer's data on request, and remove comments after the retention.

Erasure removes the customer's records with their sentences, labels and follow-up cases
(with the e-mail address the customer gave and the replies sent to it),
label corrections made from their sentences, their rows in import reports and every upload
that mentions them; uploads of finished imports are deleted as well. The audit entry keeps
who, when and how much, and the reference only as a hash.

A label correction is a copy of a customer's sentence: it goes with the last stored comment
that has that sentence (by erasure or by the retention), and stays while one still does.

The files of a running import are left alone: its worker streams the upload and writes the
report through open files, so rewriting or deleting them would garble its result. Rows it
stores after the erasure are not erased; erase the reference again when it is done.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.feedback import rollup
from klantcultuur.feedback.metrics import record_counts
from klantcultuur.feedback.models import (
    ErasureLog,
    Feedback,
    FeedbackImport,
    FeedbackSentence,
    FeedbackSettings,
    FollowUpCase,
    LabelCorrection,
)
from klantcultuur.feedback.rollup import Deltas, TopicKey, record_key
from klantcultuur.feedback.services.records import analyser_changed
from klantcultuur.lib import storage
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.lib.spreadsheet import neutralise
from klantcultuur.lib.tabular import cell_text, open_table
from klantcultuur.orgs.models import Organization

RETENTION_CHUNK = 2000


def reference_hash(organization: Organization, reference: str) -> str:
    """The audit log's stand-in for a customer reference (not reversible)."""
    return hashlib.sha256(f"{organization.uuid}:{reference.strip()}".encode()).hexdigest()


def _subtract(deltas: Deltas, record: Feedback, sentences) -> None:
    deltas.add(
        record_key(record),
        -record_counts(
            record.metric,
            record.score,
            has_comment=bool(record.reason or record.suggestion),
            compliments=record.n_compliments,
            improvements=record.n_improvements,
        ),
    )
    for sentence in sentences:
        for topic in sentence.topic_slugs:
            key = TopicKey(record.organization_id, record.team_id, record.day, topic)
            deltas.add_sentence(key, sentence.label, -1)


@transaction.atomic
def customer_erase(*, organization: Organization, reference: str, actor) -> ErasureLog:
    """Erase everything about one customer reference; returns the audit entry."""
    from klantcultuur.textanalysis import normalise

    reference = reference.strip()
    # A customer known by the address they gave on the form (kept on their case) is found
    # through it; a reference is matched exactly.
    match = Q(customer_ref=reference)
    if "@" in reference:
        match |= Q(case__customer_email__iexact=reference)
    records = list(
        Feedback.objects.select_for_update(of=("self",))
        .filter(match, organization=organization)
        .prefetch_related("sentences")
    )
    deltas = Deltas()
    keys: set[str] = set()
    sentences = 0
    for record in records:
        found = list(record.sentences.all())
        sentences += len(found)
        keys.update(normalise(s.text)[:500] for s in found)
        _subtract(deltas, record, found)
    ids = [r.pk for r in records]
    cases = FollowUpCase.objects.filter(feedback_id__in=ids).count()
    _erase_replies(organization, FollowUpCase.objects.filter(feedback_id__in=ids), reference)
    FollowUpCase.objects.filter(feedback_id__in=ids).delete()
    FeedbackSentence.objects.filter(feedback_id__in=ids).delete()
    Feedback.objects.filter(pk__in=ids).delete()
    if keys and _drop_unused_corrections(organization, keys):
        analyser_changed(organization.id)
    deltas.apply()
    rollup.prune(organization.id)
    if reference:
        _purge_import_files(organization, reference)
    audit_record(
        action=Action.ERASURE,
        organization=organization,
        actor=actor,
        target=reference_hash(organization, reference)[:16],
        details={"records": len(records), "cases": cases, "sentences": sentences},
    )
    return ErasureLog.objects.create(
        organization=organization,
        reference_hash=reference_hash(organization, reference),
        erased_by=actor,
        records=len(records),
        cases=cases,
        sentences=sentences,
    )


def _erase_replies(organization: Organization, cases, reference: str) -> None:
    """The e-mails sent to the customer (their address and the text) go with their cases."""
    from klantcultuur.feedback.models import CaseReply
    from klantcultuur.notify.models import Delivery

    sent = CaseReply.objects.filter(case__in=cases, delivery__isnull=False).values("delivery_id")
    Delivery.objects.filter(Q(pk__in=sent) | Q(to_customer=True, to__iexact=reference)).filter(
        organization=organization, to_customer=True
    ).delete()


def _drop_unused_corrections(organization: Organization, keys: set[str] | None = None) -> bool:
    """Delete the label corrections (of `keys`) whose sentence no stored comment has; True if any.

    A correction of a sentence another customer also wrote stays: nothing in it points to
    the erased customer, and it keeps teaching the analyser.
    """
    corrections = LabelCorrection.objects.filter(organization=organization)
    if keys is not None:
        corrections = corrections.filter(key__in=keys)
    found = dict(corrections.values_list("pk", "text"))
    texts = list(set(found.values()))
    in_use: set[str] = set()
    for start in range(0, len(texts), 500):  # a bounded number of query parameters
        in_use.update(
            FeedbackSentence.objects.filter(
                feedback__organization=organization, text__in=texts[start : start + 500]
            ).values_list("text", flat=True)
        )
    unused = [pk for pk, text in found.items() if text not in in_use]
    LabelCorrection.objects.filter(pk__in=unused).delete()
    return bool(unused)


def _purge_import_files(organization: Organization, reference: str) -> None:
    """Drop the reference from every stored import file that no worker is using right now.

    Uploads of finished imports are deleted (they are not needed any more); others only
    when they mention the reference, and a queued one is then failed so no worker starts it.
    """
    jobs = (
        FeedbackImport.objects.select_for_update()
        .filter(organization=organization)
        .exclude(status=JobStatus.RUNNING)
    )
    for job in jobs:
        job.organization = organization  # the files' directory, without a query per import
        if job.status == JobStatus.DONE:
            storage.delete(job.upload_name)
            storage.delete(job.inspection_name)
        elif storage.exists(job.upload_name) and _upload_mentions(job, reference):
            storage.delete(job.upload_name)
            storage.delete(job.inspection_name)  # its first rows, kept for the preview
            if job.status == JobStatus.QUEUED:
                job.status, job.finished_at = JobStatus.FAILED, timezone.now()
                job.error = _("The file is gone.")
                job.save(update_fields=["status", "finished_at", "error"])
        _drop_report_rows(job, reference)


def _upload_mentions(job: FeedbackImport, reference: str) -> bool:
    """Whether any cell of the upload is the reference (True for a file that cannot be read)."""
    try:
        table = open_table(
            storage.open_binary(job.upload_name), filename=job.filename
        )  # every row, the header included
        try:
            return reference in table.headers or any(
                reference == cell_text(cell) for _line, cells in table.rows for cell in cells
            )
        finally:
            table.close()
    except Exception:  # a file that cannot be read cannot be imported either: do not keep it
        return True


def _drop_report_rows(job: FeedbackImport, reference: str) -> None:
    """Remove the reference's rows from the import's refused-rows report."""
    try:
        handle = storage.open_text(job.report_name, encoding="utf-8-sig")
    except FileNotFoundError:
        return
    # The report neutralised its cells against spreadsheet formulas ("+316…" -> "'+316…").
    forms = {reference, neutralise(reference)}
    with handle:
        rows = list(csv.reader(handle, delimiter=";"))
    kept = [rows[0], *(r for r in rows[1:] if forms.isdisjoint(r))] if rows else []
    if len(kept) == len(rows):
        return
    # The new file replaces the old when it is complete: a download that is reading the old
    # one keeps a whole file.
    with storage.text_writer(job.report_name, encoding="utf-8-sig") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(kept)


def _expire_import_files(organization: Organization, *, before, imports: set[int]) -> None:
    """Delete the files of imports uploaded before `before` or whose comments just expired."""
    jobs = (
        FeedbackImport.objects.filter(organization=organization)
        .filter(Q(created_at__lt=before) | Q(id__in=imports))
        .exclude(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))  # a worker may read them
    )
    for job in jobs:
        job.organization = organization
        storage.delete(job.upload_name)
        storage.delete(job.inspection_name)
        storage.delete(job.report_name)


def retention_apply(*, organization: Organization, now=None) -> int:
    """Remove open answers older than the organisation's retention; returns records cleared.

    Then the import files that hold them and the label corrections copied from them go too.
    """
    config = FeedbackSettings.for_organization(organization)
    if not config.retention_days:
        return 0
    now = now or timezone.now()
    cutoff = timezone.localtime(now).date() - timedelta(days=config.retention_days)
    old = (
        Feedback.objects.filter(organization=organization, day__lt=cutoff)
        .exclude(reason="", suggestion="")
        .order_by("pk")
    )
    cleared = 0
    imports: set[int] = set()  # imports whose records lost their comments
    while True:
        with transaction.atomic():
            chunk = list(old.select_for_update()[:RETENTION_CHUNK].prefetch_related("sentences"))
            if not chunk:
                break
            deltas = Deltas()
            for record in chunk:
                found = list(record.sentences.all())
                before = record_counts(
                    record.metric,
                    record.score,
                    has_comment=True,
                    compliments=record.n_compliments,
                    improvements=record.n_improvements,
                )
                after = record_counts(record.metric, record.score)
                deltas.add(record_key(record), after - before)
                for sentence in found:
                    for topic in sentence.topic_slugs:
                        key = TopicKey(record.organization_id, record.team_id, record.day, topic)
                        deltas.add_sentence(key, sentence.label, -1)
                record.reason = record.suggestion = record.topics = ""
                record.n_compliments = record.n_improvements = 0
                record.analysed = True
                if record.batch_id:
                    imports.add(record.batch_id)
            ids = [r.pk for r in chunk]
            FeedbackSentence.objects.filter(feedback_id__in=ids).delete()
            Feedback.objects.bulk_update(
                chunk,
                ["reason", "suggestion", "topics", "n_compliments", "n_improvements", "analysed"],
            )
            FollowUpCase.objects.filter(feedback_id__in=ids).update(note="", customer_email="")
            deltas.apply()
            cleared += len(chunk)
    rollup.prune(organization.id)
    # The uploads and reports hold the same comments; corrections copied their sentences.
    _expire_import_files(
        organization, before=now - timedelta(days=config.retention_days), imports=imports
    )
    if _drop_unused_corrections(organization):
        analyser_changed(organization.id)
    return cleared


def retention_apply_all(*, now=None) -> dict[Organization, int]:
    """The daily run: `retention_apply` for every organisation with a retention period.

    Returns the records cleared per organisation (those with nothing to clear included).
    """
    configs = FeedbackSettings.objects.filter(retention_days__isnull=False).select_related(
        "organization"
    )
    return {
        config.organization: retention_apply(organization=config.organization, now=now)
        for config in configs
    }
