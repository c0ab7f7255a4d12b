"""Writing feedback records one by one or in small batches (form, API, webhook, demo, tests).

Every function here keeps the records, their sentences, the follow-up cases and both
roll-ups in step, inside one transaction. Large files go through `services.imports`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from klantcultuur.feedback import analysis, metrics
from klantcultuur.feedback.importing.rows import SameContent, content_hash
from klantcultuur.feedback.models import (
    Feedback,
    FeedbackSentence,
    FeedbackSettings,
    FollowUpCase,
    LabelCorrection,
    RoutingRule,
    Source,
)
from klantcultuur.feedback.rollup import Deltas, record_key
from klantcultuur.feedback.routing import Router, build_router
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.orgs.models import Organization, OrgUnit

HASHED_FIELDS = ("metric", "score", "reason", "suggestion", "channel", "touchpoint", "product",
                 "location", "team_code", "customer_ref")  # fmt: skip


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime):
    """The calendar day of a moment in the interface's time zone (the roll-up key)."""
    return moment.astimezone(local_zone()).date()


def router_for(organization: Organization) -> Router:
    """The organisation's routing rules, team codes and settings, compiled."""
    config = FeedbackSettings.for_organization(organization)
    rules = RoutingRule.objects.filter(
        organization=organization, team__archived_at__isnull=True
    ).values_list("field", "value", "team_id")
    units = list(
        OrgUnit.objects.filter(organization=organization, archived_at__isnull=True).values_list(
            "code", "name", "id"
        )
    )
    # A team column may hold codes or names; a code wins, and a name shared by two units
    # names neither.
    names: dict[str, list[int]] = {}
    for _code, name, unit_id in units:
        names.setdefault(name, []).append(unit_id)
    codes = {name: ids[0] for name, ids in names.items() if len(ids) == 1}
    codes.update({code: unit_id for code, _name, unit_id in units})
    return build_router(list(rules), codes, config.route_by_team_code)


@dataclass
class IngestResult:
    created: list[Feedback] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # positions in the input
    cases: int = 0


def _new_record(
    organization: Organization, item: RecordInput, team_id, source: str, same: SameContent
) -> Feedback:
    values = {name: getattr(item, name) for name in HASHED_FIELDS}
    record = Feedback(
        organization=organization,
        team_id=team_id,
        received_at=item.received_at,
        day=local_day(item.received_at),
        source=source,
        contact_consent=item.contact_consent,
        is_internal=item.is_internal,
        language=item.language,
        external_id=item.external_id,
        **values,
    )
    if not item.external_id:
        record.content_hash = same.number(content_hash(item.received_at, list(values.values())))
    record.analysed = not (item.reason or item.suggestion)
    return record


def case_due(config: FeedbackSettings, record: Feedback, now: datetime) -> datetime | None:
    """When a follow-up case for this record is due, or None when it gets no case."""
    if not (record.contact_consent and metrics.is_detractor(record.metric, record.score)):
        return None
    if record.received_at < now - timedelta(days=config.case_max_age_days):
        return None
    return record.received_at + timedelta(hours=config.case_due_hours)


@transaction.atomic
def feedback_ingest(
    *,
    organization: Organization,
    items: Sequence[RecordInput],
    source: str,
    router: Router | None = None,
    now: datetime | None = None,
) -> IngestResult:
    """Route, store and read a small batch of records; duplicates are skipped, not stored twice.

    A duplicate is a record whose external id (or, without one, content) the organisation
    already has: re-sending the same form, API call or webhook stores nothing new. Records
    of the same content within one batch are different answers (see `SameContent`).
    """
    if router is None and any(item.team_id is None for item in items):
        router = router_for(organization)
    now = now or timezone.now()
    result = IngestResult()
    same = SameContent()
    emails: dict[object, str] = {}  # record key -> the address its case keeps
    for position, item in enumerate(items):
        team_id = (
            item.team_id if router is None else router.route(item.routing_values, item.team_id)
        )
        record = _new_record(organization, item, team_id, source, same)
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError:
            result.duplicates.append(position)
            continue
        result.created.append(record)
        if item.customer_email:
            emails[record.pk] = item.customer_email
    if not result.created:
        return result
    deltas = Deltas()
    for record in result.created:
        deltas.add(
            record_key(record),
            metrics.record_counts(
                record.metric, record.score, has_comment=bool(record.reason or record.suggestion)
            ),
        )
    to_read = [r for r in result.created if not r.analysed]
    if to_read:
        analysis.analyse_records(to_read, analysis.analyser_for(organization), deltas)
    result.cases = _open_cases(organization, result.created, now, emails)
    deltas.apply()
    remember_channels(organization, {r.channel for r in result.created})
    return result


def _open_cases(
    organization: Organization,
    records: Sequence[Feedback],
    now: datetime,
    emails: Mapping[object, str] | None = None,
) -> int:
    """Follow-up cases for the consenting detractors among new records (`emails`: the
    address a record's case keeps, by record key); the teams are told."""
    config = FeedbackSettings.for_organization(organization)
    cases = [
        FollowUpCase(
            organization=organization,
            feedback=r,
            team_id=r.team_id,
            due_at=due,
            customer_email=(emails or {}).get(r.pk, ""),
        )
        for r in records
        if (due := case_due(config, r, now)) is not None
    ]
    FollowUpCase.objects.bulk_create(cases)
    if cases:
        from klantcultuur.feedback.services.cases import cases_announce

        cases_announce(cases=cases)
    return len(cases)


# --- One customer's answer (the public form): stored now, followed up in the background ---
def feedback_store_answer(
    *, organization: Organization, item: RecordInput, source: str
) -> Feedback | None:
    """Store one answer and add it to the roll-up, in one short transaction; None when the
    organisation has it already (the same form sent twice).

    Everything else an answer leads to (reading its comment, its call-back case, the
    channel list) is left to `answers_follow_up`, which finds the answer by its `analysed`
    flag: start it with `follow_up_soon` once this returns. The answer needs a team or no
    routing at all (`item.team_id`, else the routing rules are compiled for it).
    """
    team_id = item.team_id
    if team_id is None:
        team_id = router_for(organization).route(item.routing_values)
    record = _new_record(organization, item, team_id, source, SameContent())
    record.analysed = False  # also without a comment: its case is still to come
    deltas = Deltas()
    deltas.add(
        record_key(record),
        metrics.record_counts(
            record.metric, record.score, has_comment=bool(record.reason or record.suggestion)
        ),
    )
    try:
        # No savepoint: the insert is the transaction's first statement, so a duplicate
        # ends the whole (empty) transaction. Four round trips to the database in all.
        with transaction.atomic():
            record.save(force_insert=True)
            deltas.apply()
    except IntegrityError:
        return None
    return record


# --- What follows an answer (public form): in the background -----------------------------
FOLLOW_UP_KEY = "feedback-follow-up:{}"
FOLLOW_UP_DAYS = 2  # the periodic job looks this far back for answers a lost task left


def follow_up_soon(organization_id: int) -> None:
    """Start `answers_follow_up` for the organisation unless one is already waiting to start.

    Under load one task then takes many answers at once. The waiting mark expires, so a
    lost task holds nothing up for long; the periodic `feedback_follow_up` job catches up.
    """
    from django.core.cache import cache

    from klantcultuur.feedback.tasks import follow_up_answers
    from klantcultuur.lib.tasks import enqueue

    try:
        if cache.add(FOLLOW_UP_KEY.format(organization_id), 1, timeout=60):
            enqueue(follow_up_answers, organization_id)
    except Exception:  # the answer is stored: the periodic job will follow it up
        logging.getLogger(__name__).exception("could not start the follow-up of answers")


def answers_follow_up(*, organization_id: int, now: datetime | None = None) -> int:
    """Read the comments of the organisation's recent answers that wait for it, open their
    follow-up cases and remember their channels; returns how many. Safe to run again and
    in parallel: each chunk locks the answers it takes and sets their `analysed` flag in
    the same transaction."""
    from django.core.cache import cache

    cache.delete(FOLLOW_UP_KEY.format(organization_id))  # an answer from now on asks again
    organization = Organization.objects.filter(id=organization_id).first()
    if organization is None:
        return 0
    now = now or timezone.now()
    since = local_day(now) - timedelta(days=FOLLOW_UP_DAYS)
    # Form answers only: an import opens its cases itself and reads its comments afterwards.
    waiting = Feedback.objects.filter(
        organization_id=organization_id, day__gte=since, source=Source.FORM
    )

    def follow_up(records: list[Feedback]) -> None:
        _open_cases(organization, records, now)
        remember_channels(organization, {r.channel for r in records})

    return analysis.analyse_pending(
        waiting,
        analysis.analyser_for(organization),
        fields=("received_at", "contact_consent", "metric", "score", "channel"),
        on_batch=follow_up,
    )


def answers_follow_up_all(*, now: datetime | None = None) -> int:
    """`answers_follow_up` for every organisation (the periodic job)."""
    ids = Organization.objects.values_list("id", flat=True)
    return sum(answers_follow_up(organization_id=i, now=now) for i in ids)


MAX_CHANNELS = 100


def remember_channels(organization: Organization, seen: set[str]) -> None:
    """Add new channel names to the organisation's list (for the inbox filter)."""
    seen = {c for c in seen if c}
    if not seen:
        return
    stored = FeedbackSettings.objects.filter(organization=organization).values_list(
        "channels", flat=True
    )
    if any(seen <= set(channels) for channels in stored):
        return  # nothing new: no lock on the settings, which every answer would wait for
    config = FeedbackSettings.objects.select_for_update().get_or_create(organization=organization)[
        0
    ]
    known = set(config.channels)
    if not seen <= known and len(known) < MAX_CHANNELS:
        config.channels = sorted(known | seen)[:MAX_CHANNELS]
        config.save(update_fields=["channels"])


def feedback_create(
    *, organization: Organization, item: RecordInput, source: str, router: Router | None = None
) -> Feedback | None:
    """Store one record (None when the organisation already has it)."""
    result = feedback_ingest(organization=organization, items=[item], source=source, router=router)
    return result.created[0] if result.created else None


@transaction.atomic
def feedback_assign_team(*, records: Sequence[Feedback], team: OrgUnit | None) -> int:
    """Give records another owning unit (the unrouted queue, a correction): roll-ups follow."""
    deltas = Deltas()
    moved = 0
    ids = [r.pk for r in records]
    locked = list(
        Feedback.objects.select_for_update().filter(pk__in=ids).prefetch_related("sentences")
    )
    for record in locked:
        new_team_id = team.id if team else None
        if record.team_id == new_team_id:
            continue
        if team is not None and team.organization_id != record.organization_id:
            raise ValueError("team of another organisation")
        counts = _stored_counts(record)
        deltas.add(record_key(record), -counts)
        _move_topics(deltas, record, -1)
        record.team_id = new_team_id
        deltas.add(record_key(record), counts)
        _move_topics(deltas, record, +1)
        moved += 1
    Feedback.objects.bulk_update(locked, ["team"])
    FollowUpCase.objects.filter(feedback_id__in=ids).update(team=team)
    deltas.apply()
    return moved


def _stored_counts(record: Feedback) -> metrics.Counts:
    return metrics.record_counts(
        record.metric,
        record.score,
        has_comment=bool(record.reason or record.suggestion),
        compliments=record.n_compliments,
        improvements=record.n_improvements,
    )


def _move_topics(deltas: Deltas, record: Feedback, sign: int) -> None:
    from klantcultuur.feedback.rollup import TopicKey

    for sentence in record.sentences.all():
        for topic in sentence.topic_slugs:
            deltas.add_sentence(
                TopicKey(record.organization_id, record.team_id, record.day, topic),
                sentence.label,
                sign,
            )


def reroute_unrouted(*, organization: Organization) -> int:
    """Apply the current routing rules to the unrouted queue; returns how many found a team."""
    router = router_for(organization)
    moved = 0
    unrouted = Feedback.objects.filter(organization=organization, team__isnull=True)
    by_team: dict[int, list[Feedback]] = {}
    for record in unrouted.only(
        "uuid", "touchpoint", "channel", "product", "location", "team_code"
    ).iterator(chunk_size=2000):
        values = {
            "touchpoint": record.touchpoint,
            "channel": record.channel,
            "product": record.product,
            "location": record.location,
            "team_code": record.team_code,
        }
        team_id = router.route(values)
        if team_id is not None:
            by_team.setdefault(team_id, []).append(record)
    teams = OrgUnit.objects.in_bulk(list(by_team))
    for team_id, records in by_team.items():
        for start in range(0, len(records), 1000):
            moved += feedback_assign_team(
                records=records[start : start + 1000], team=teams[team_id]
            )
    return moved


# --- Label corrections ------------------------------------------------------------------
@transaction.atomic
def sentence_correct(
    *, record: Feedback, field: int, position: int, label: str, user=None
) -> FeedbackSentence:
    """A person sets a sentence's label; the organisation's analyser uses it from now on."""
    from klantcultuur.feedback.rollup import TopicKey
    from klantcultuur.textanalysis import LABELS, normalise

    if label not in LABELS:
        raise ValueError(label)
    sentence = FeedbackSentence.objects.select_for_update().get(
        feedback=record, field=field, position=position
    )
    record = Feedback.objects.select_for_update().get(pk=record.pk)
    old = sentence.label
    deltas = Deltas()
    if old != label:
        for topic in sentence.topic_slugs:
            key = TopicKey(record.organization_id, record.team_id, record.day, topic)
            deltas.add_sentence(key, old, -1)
            deltas.add_sentence(key, label, +1)
        change = {"compliment": 0, "improvement": 0}
        change[old] = change.get(old, 0) - 1
        change[label] = change.get(label, 0) + 1
        record.n_compliments += change["compliment"]
        record.n_improvements += change["improvement"]
        record.save(update_fields=["n_compliments", "n_improvements"])
        deltas.add(
            record_key(record),
            metrics.Counts(compliments=change["compliment"], improvements=change["improvement"]),
        )
    sentence.label, sentence.corrected, sentence.reasons = label, True, ""
    sentence.save(update_fields=["label", "corrected", "reasons"])
    LabelCorrection.objects.update_or_create(
        organization_id=record.organization_id,
        key=normalise(sentence.text)[:500],
        defaults={"text": sentence.text, "label": label, "created_by": user},
    )
    analyser_changed(record.organization_id)
    deltas.apply()
    return sentence


def analyser_changed(organization_id: int) -> None:
    """Topics or corrections changed: cached analysers are rebuilt at their next use."""
    FeedbackSettings.objects.filter(organization_id=organization_id).update(
        analyser_version=F("analyser_version") + 1
    )


# --- Updating a record (a webhook sends more of the same response) -----------------------
UPDATABLE = ("metric", "score", "reason", "suggestion", "channel", "touchpoint", "product",
             "location", "team_code", "customer_ref", "contact_consent", "language")  # fmt: skip


@transaction.atomic
def feedback_update(
    *, record: Feedback, item: RecordInput, router: Router | None = None, now=None
) -> bool:
    """Bring a stored record in line with newer values of the same response; True if changed.

    The comments are read again, the team follows the routing, a consenting detractor gets
    a case if it has none, and both roll-ups follow.
    """
    from klantcultuur.feedback.rollup import TopicKey

    record = Feedback.objects.select_for_update().get(pk=record.pk)
    organization = record.organization
    router = router or router_for(organization)
    new_values = {name: getattr(item, name) for name in UPDATABLE}
    team_id = router.route(item.routing_values, item.team_id)
    if all(getattr(record, k) == v for k, v in new_values.items()) and team_id == record.team_id:
        return False
    deltas = Deltas()
    deltas.add(record_key(record), -_stored_counts(record))
    for sentence in record.sentences.all():
        for topic in sentence.topic_slugs:
            key = TopicKey(record.organization_id, record.team_id, record.day, topic)
            deltas.add_sentence(key, sentence.label, -1)
    record.sentences.all().delete()
    for name, value in new_values.items():
        setattr(record, name, value)
    record.team_id = team_id
    record.n_compliments = record.n_improvements = 0
    record.topics = ""
    record.analysed = not (record.reason or record.suggestion)
    record.save()
    deltas.add(
        record_key(record),
        metrics.record_counts(
            record.metric, record.score, has_comment=bool(record.reason or record.suggestion)
        ),
    )
    if not record.analysed:
        analysis.analyse_records([record], analysis.analyser_for(organization), deltas)
    FollowUpCase.objects.filter(feedback=record).update(team_id=team_id)
    config = FeedbackSettings.for_organization(organization)
    due = case_due(config, record, now or timezone.now())
    if due is not None and not FollowUpCase.objects.filter(feedback=record).exists():
        FollowUpCase.objects.create(
            organization=organization, feedback=record, team_id=team_id, due_at=due
        )
    deltas.apply()
    return True
