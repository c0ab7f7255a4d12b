"""Privacy: erase one customer's data on request, and remove comments after the retention.

Erasure removes the customer's records with their sentences, labels and follow-up cases,
label corrections made from their sentences, and their rows in import reports; uploads of
finished imports are deleted as well. The audit entry keeps who, when and how much, and
the reference only as a hash.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.metrics import record_counts
from klantcultuur.feedback.models import (
    ErasureLog,
    Feedback,
    FeedbackImport,
    FeedbackSentence,
    FeedbackSettings,
    FollowUpCase,
    ImportStatus,
    LabelCorrection,
)
from klantcultuur.feedback.rollup import Deltas, TopicKey, record_key
from klantcultuur.orgs.models import Organization

RETENTION_CHUNK = 2000


def reference_hash(organization: Organization, reference: str) -> str:
    """The audit log's stand-in for a customer reference (not reversible)."""
    return hashlib.sha256(f"{organization.uuid}:{reference.strip()}".encode()).hexdigest()


def _subtract(deltas: Deltas, record: Feedback, sentences) -> None:
    deltas.add(
        record_key(record),
        -record_counts(
            record.metric, record.score, has_comment=bool(record.reason or record.suggestion),
            compliments=record.n_compliments, improvements=record.n_improvements,
        ),
    )  # fmt: skip
    for sentence in sentences:
        for topic in sentence.topic_slugs:
            key = TopicKey(record.organization_id, record.team_id, record.day, topic)
            deltas.add_sentence(key, sentence.label, -1)


@transaction.atomic
def customer_erase(*, organization: Organization, reference: str, actor) -> ErasureLog:
    """Erase everything about one customer reference; returns the audit entry."""
    from klantcultuur.feedback.textanalysis import normalise

    reference = reference.strip()
    records = list(
        Feedback.objects.select_for_update()
        .filter(organization=organization, customer_ref=reference)
        .prefetch_related("sentences")
    )
    deltas = Deltas()
    keys: set[str] = set()
    sentences = 0
    for record in records:
        found = list(record.sentences.all())
        sentences += len(found)
        keys.update(normalise(s.text)[:500] for s in found if s.corrected)
        _subtract(deltas, record, found)
    ids = [r.pk for r in records]
    cases = FollowUpCase.objects.filter(feedback_id__in=ids).count()
    FollowUpCase.objects.filter(feedback_id__in=ids).delete()
    FeedbackSentence.objects.filter(feedback_id__in=ids).delete()
    Feedback.objects.filter(pk__in=ids).delete()
    if keys:
        LabelCorrection.objects.filter(organization=organization, key__in=keys).delete()
        from klantcultuur.feedback.services.records import analyser_changed

        analyser_changed(organization.id)
    deltas.apply()
    rollup.prune(organization.id)
    if reference:
        _purge_import_files(organization, reference)
    return ErasureLog.objects.create(
        organization=organization, reference_hash=reference_hash(organization, reference),
        erased_by=actor, records=len(records), cases=cases, sentences=sentences,
    )  # fmt: skip


def _purge_import_files(organization: Organization, reference: str) -> None:
    """Drop the reference's rows from refused-row reports; delete uploads of finished imports."""
    for job in FeedbackImport.objects.filter(organization=organization):
        if job.status == ImportStatus.DONE and job.path.exists():
            job.path.unlink()
        if not job.report_path.exists():
            continue
        with job.report_path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
        kept = [rows[0], *(r for r in rows[1:] if reference not in r)] if rows else []
        if len(kept) != len(rows):
            with job.report_path.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(kept)


def retention_apply(*, organization: Organization, now=None) -> int:
    """Remove open answers older than the organisation's retention; returns records cleared."""
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
    while True:
        with transaction.atomic():
            chunk = list(old.select_for_update()[:RETENTION_CHUNK].prefetch_related("sentences"))
            if not chunk:
                break
            deltas = Deltas()
            for record in chunk:
                found = list(record.sentences.all())
                before = record_counts(
                    record.metric, record.score, has_comment=True,
                    compliments=record.n_compliments, improvements=record.n_improvements,
                )  # fmt: skip
                after = record_counts(record.metric, record.score)
                deltas.add(record_key(record), after - before)
                for sentence in found:
                    for topic in sentence.topic_slugs:
                        key = TopicKey(record.organization_id, record.team_id, record.day, topic)
                        deltas.add_sentence(key, sentence.label, -1)
                record.reason = record.suggestion = record.topics = ""
                record.n_compliments = record.n_improvements = 0
                record.analysed = True
            ids = [r.pk for r in chunk]
            FeedbackSentence.objects.filter(feedback_id__in=ids).delete()
            Feedback.objects.bulk_update(
                chunk, ["reason", "suggestion", "topics", "n_compliments", "n_improvements",
                        "analysed"],
            )  # fmt: skip
            FollowUpCase.objects.filter(feedback_id__in=ids).update(note="")
            deltas.apply()
            cleared += len(chunk)
    rollup.prune(organization.id)
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
