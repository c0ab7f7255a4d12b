"""Read comments with the Dutch analyser and keep records, sentences and roll-ups in step.

One `Analyser` per organisation is compiled from its topics and label corrections and kept
in this process until they change (`FeedbackSettings.analyser_version`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from klantcultuur.feedback.metrics import Counts
from klantcultuur.feedback.models import (
    CommentField,
    Feedback,
    FeedbackSentence,
    FeedbackSettings,
    LabelCorrection,
    Topic,
)
from klantcultuur.feedback.rollup import Deltas, RollupKey, TopicKey
from klantcultuur.orgs.models import Organization

_cache: dict[int, tuple[tuple, object]] = {}
_lock = threading.Lock()


def default_topics(organization: Organization) -> list[Topic]:
    """The shipped taxonomy as unsaved Topic rows of an organisation."""
    from klantcultuur.textanalysis import DEFAULT_TOPICS

    return [
        Topic(
            organization=organization,
            slug=t.slug,
            name_nl=t.name_nl,
            name_en=t.name_en,
            keywords="\n".join(t.keywords),
            position=i,
        )
        for i, t in enumerate(DEFAULT_TOPICS)
    ]


def topics_for(organization: Organization) -> list[Topic]:
    """The organisation's topics; the defaults are created on first use."""
    topics = list(Topic.objects.filter(organization=organization))
    if not topics:
        Topic.objects.bulk_create(default_topics(organization), ignore_conflicts=True)
        topics = list(Topic.objects.filter(organization=organization))
    return topics


def build_analyser(organization: Organization):
    """A fresh analyser with the organisation's active topics and its corrections."""
    from klantcultuur.textanalysis import Analyser
    from klantcultuur.textanalysis import Topic as AnalyserTopic

    topics = tuple(
        AnalyserTopic(t.slug, t.name_nl, t.name_en, tuple(t.keyword_list))
        for t in topics_for(organization)
        if t.is_active and t.keyword_list
    )
    corrections = dict(
        LabelCorrection.objects.filter(organization=organization).values_list("text", "label")
    )
    return Analyser(topics=topics, corrections=corrections)


def analyser_for(organization: Organization):
    """The organisation's analyser, rebuilt when its topics or corrections changed."""
    # The organisation's uuid is part of the key: ids are reused after a database reset.
    version = (organization.uuid, FeedbackSettings.for_organization(organization).analyser_version)
    with _lock:
        cached = _cache.get(organization.id)
        if cached and cached[0] == version:
            return cached[1]
    analyser = build_analyser(organization)
    with _lock:
        _cache[organization.id] = (version, analyser)
    return analyser


def forget(organization_id: int) -> None:
    with _lock:
        _cache.pop(organization_id, None)


@dataclass(frozen=True, slots=True)
class ReadSentence:
    field: int
    position: int
    text: str
    label: str
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    corrected: bool


# Answers to "what would make it a 10?" that ask for nothing ("Niets, ga zo door!").
_NOTHING_TO_ADD = re.compile(
    r"^(niets|niks|nee|geen|nvt|n v t|eigenlijk niets|eigenlijk niks|ga zo door|zo houden|"
    r"blijven doen|is al een 10|weet ik niet|weet niet|geen idee|nothing|none|no idea|"
    r"keep it up)\b|^\W*$"
)


def read_comment(analyser, field: int, text: str) -> list[ReadSentence]:
    """The sentences of one open answer, each with its label, deciding words and topics.

    An answer to "what would make it a 10?" is a suggestion: praise words in it ("binnen een
    week langskomen") describe what the customer missed and a plain wish ("een handleiding
    op intranet") asks for a change, so such a sentence counts as an improvement point (with
    no deciding words), unless it asks for nothing ("niets, ga zo door").
    """
    from klantcultuur.textanalysis import normalise

    result = analyser.analyse(text)
    out = []
    for position, sentence in enumerate(result.sentences):
        if (
            field == CommentField.SUGGESTION
            and sentence.label != "improvement"
            and not any(s.corrected for s in sentence.segments)
            and not _NOTHING_TO_ADD.match(normalise(sentence.text))
        ):
            sentence = sentence._replace(
                label="improvement",
                segments=tuple(
                    s._replace(label="improvement", reasons=()) for s in sentence.segments
                ),
            )
        deciding = [s for s in sentence.segments if s.label == sentence.label] or list(
            sentence.segments
        )
        reasons: dict[str, None] = {}
        topics: dict[str, None] = {}
        for segment in deciding:
            if sentence.label != "neutral":
                for word in segment.reasons:
                    reasons.setdefault(word, None)
        for segment in sentence.segments:
            for slug in segment.topics:
                topics.setdefault(slug, None)
        out.append(
            ReadSentence(
                field,
                position,
                sentence.text.strip(),
                sentence.label,
                tuple(reasons),
                tuple(topics),
                any(s.corrected for s in sentence.segments),
            )
        )
    return [s for s in out if s.text]


def _join_topics(slugs: Iterable[str]) -> str:
    joined = " ".join(dict.fromkeys(slugs))
    return f" {joined} " if joined else ""


def analyse_records(records: Iterable[Feedback], analyser, deltas: Deltas) -> list[Feedback]:
    """Analyse unanalysed records in memory: store their sentences, update their counts.

    Writes the sentences, saves the records' derived fields and adds the roll-up
    differences to `deltas` (the caller applies them in the same transaction).
    Returns the records that changed.
    """
    sentences: list[FeedbackSentence] = []
    changed: list[Feedback] = []
    # Short answers recur ("Top!", "Prima geholpen."): read each distinct text once.
    seen: dict[tuple[int, str], list[ReadSentence]] = {}
    for record in records:
        if record.analysed:
            continue
        read: list[ReadSentence] = []
        for field, text in record.comments:
            key = (field, text)
            if key not in seen:
                if len(seen) > 20_000:
                    seen.clear()
                seen[key] = read_comment(analyser, field, text)
            read.extend(seen[key])
        compliments = sum(1 for s in read if s.label == "compliment")
        improvements = sum(1 for s in read if s.label == "improvement")
        record.n_compliments = min(compliments, 32767)
        record.n_improvements = min(improvements, 32767)
        record.topics = _join_topics(t for s in read for t in s.topics)[:300]
        record.analysed = True
        changed.append(record)
        rollup_key = RollupKey(
            record.organization_id, record.team_id, record.day, record.is_internal
        )
        deltas.add(
            rollup_key, Counts(compliments=record.n_compliments, improvements=record.n_improvements)
        )
        for s in read:
            sentences.append(
                FeedbackSentence(
                    feedback=record,
                    field=s.field,
                    position=s.position,
                    text=s.text,
                    label=s.label,
                    reasons=" · ".join(s.reasons)[:300],
                    topics=_join_topics(s.topics)[:300],
                    corrected=s.corrected,
                )
            )
            for topic in s.topics:
                deltas.add_sentence(
                    TopicKey(record.organization_id, record.team_id, record.day, topic), s.label
                )
    FeedbackSentence.objects.bulk_create(sentences, batch_size=1000)
    _save_derived(changed)
    return changed


def _save_derived(records: list[Feedback]) -> None:
    """Write the derived fields with one prepared UPDATE per record (executemany): much
    faster than bulk_update's CASE expressions for thousands of records."""
    if not records:
        return
    quote = connection.ops.quote_name
    pk = Feedback._meta.pk
    sql = (
        f"UPDATE {quote(Feedback._meta.db_table)} SET {quote('n_compliments')} = %s, "
        f"{quote('n_improvements')} = %s, {quote('topics')} = %s, {quote('analysed')} = %s "
        f"WHERE {quote(pk.column or 'id')} = %s"
    )
    rows = [
        (r.n_compliments, r.n_improvements, r.topics, True, pk.get_db_prep_value(r.pk, connection))
        for r in records
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


COMMENT_FIELDS = (CommentField.REASON, CommentField.SUGGESTION)


def analyse_pending(
    records, analyser, *, chunk: int = 2000, on_chunk=None, fields=(), on_batch=None
) -> int:
    """Read the comments of the unread records among `records`, a chunk per transaction.

    `on_batch(records)` runs in each chunk's transaction after the reading (with `fields`
    loaded besides those the reading needs).

    Safe to run again or in parallel: each chunk locks its rows (skipping locked ones on
    PostgreSQL) and only unread records are taken. Returns how many were read.

    Each chunk starts after the previous one's last key, so no chunk reads again through
    the records already read (from the start, the last chunks of a million records took
    0.6 s each to find). Rows skipped because another reader held them are looked for once
    more from the start when the end is reached.
    """
    from django.db import transaction

    done = 0
    pending = (
        records.filter(analysed=False)
        .only(
            "uuid",
            "organization_id",
            "team_id",
            "day",
            "is_internal",
            "reason",
            "suggestion",
            "analysed",
            *fields,
        )
        .order_by("pk")
    )
    after = None
    while True:
        with transaction.atomic():
            rest = pending if after is None else pending.filter(pk__gt=after)
            batch = list(rest.select_for_update(skip_locked=True)[:chunk])
            if batch:
                deltas = Deltas()
                analyse_records(batch, analyser, deltas)
                if on_batch is not None:
                    on_batch(batch)
                deltas.apply()
        if not batch:
            if after is None:
                return done
            after = None  # once more from the start, for rows another reader held
            continue
        after = batch[-1].pk
        done += len(batch)
        if on_chunk is not None:
            on_chunk(done)
