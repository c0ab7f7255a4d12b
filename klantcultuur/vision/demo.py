"""Demo data of the customer vision for Woonstichting Rivierduin.

The vision in its second version (the first superseded, with the difference), a closed
co-creation round, about 70% of managers carrying version 2 (some with remarks, a few "not
yet" with reasons, one objection answered), 12 behaviours in TACT form, two months of
observations, a recall check scored by the real scorer, and customers' answers to "Wat
verwacht u van ons?" read by the comment analyser. Deterministic (seeded generators, UUIDs
from natural keys); a second load adds nothing.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.feedback.models import Feedback, Touchpoint
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.orgs.demo import ORG_SLUG, stable_uuid
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.vision import demo_texts as T
from klantcultuur.vision.models import (
    Behaviour,
    Contribution,
    CustomerQuestion,
    CustomerTag,
    Endorsement,
    EndorsementStatus,
    Observation,
    Reaction,
    ReactionKind,
    RecallAnswer,
    RecallCheck,
    RecallParticipation,
    Round,
    VisionVersion,
)
from klantcultuur.vision.models.customers import CHANNEL, TOUCHPOINT
from klantcultuur.vision.services import writing
from klantcultuur.vision.services.recall import answer_fields, scorer_for
from klantcultuur.vision.services.scan import behaviours_to_scan

OBSERVATION_DAYS = 61  # two months


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    if VisionVersion.objects.filter(organization=org).exists():
        return "already loaded"
    with transaction.atomic():
        return _load(org)


def _load(org: Organization) -> str:
    rng = random.Random("vision-demo")
    today = timezone.localdate()
    cx = (
        Membership.objects.filter(organization=org, role=Role.CX_LEAD)
        .select_related("user")
        .first()
    )
    assert cx is not None, "the demo organisation has a CX lead"
    board = Membership.objects.filter(organization=org, role=Role.BOARD, unit__isnull=True).first()
    members = list(
        Membership.objects.active()
        .filter(organization=org)
        .select_related("unit", "user")
        .order_by("id")
    )
    questions = writing.questions_ensure(organization=org)

    # A closed co-creation round, four months ago.
    round_ = Round.objects.create(
        uuid=stable_uuid(org.slug, "vision-round", "1"),
        organization=org,
        title=T.ROUND_TITLE,
        invitation=T.ROUND_INVITATION,
        started_by=cx,
        started_at=_at(today - timedelta(days=125)),
        closed_at=_at(today - timedelta(days=104)),
    )
    contributions = []
    for position, texts in T.CONTRIBUTIONS.items():
        for i, text in enumerate(texts):
            contributions.append(
                Contribution(
                    uuid=stable_uuid(org.slug, "vision-contribution", str(position), str(i)),
                    organization=org,
                    round=round_,
                    question=questions[position],
                    author=rng.choice(members),
                    text=text,
                    created_at=_at(today - timedelta(days=124 - position - i)),
                )
            )
    Contribution.objects.bulk_create(contributions)
    reactions = []
    for c in contributions:
        for author in rng.sample(members, rng.randint(1, 9)):
            reactions.append(
                Reaction(
                    organization=org,
                    contribution=c,
                    author=author,
                    kind=ReactionKind.AGREE,
                    created_at=c.created_at,
                )
            )
        if rng.random() < 0.4:
            reactions.append(
                Reaction(
                    organization=org,
                    contribution=c,
                    author=rng.choice(members),
                    kind=ReactionKind.COMMENT,
                    text=rng.choice(T.COMMENTS),
                    created_at=c.created_at,
                )
            )
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)

    # Version 1, published 100 days ago; version 2 (with the difference) 49 days ago.
    v1 = writing.version_save(
        organization=org,
        title=T.VISION_V1_TITLE,
        text=T.VISION_V1,
        by=cx,
        promises=[writing.PromiseInput(t, e) for t, e in T.PROMISES_V1],
        change_note="Eerste versie, uit ronde 1.",
    )
    writing.version_publish(version=v1, by=board or cx)
    lineages = {p.position: p.lineage for p in v1.promises.all()}
    v1_published = _at(today - timedelta(days=100))
    VisionVersion.objects.filter(id=v1.id).update(
        created_at=v1_published - timedelta(days=3), published_at=v1_published
    )
    v1_endorsements = list(Endorsement.objects.filter(version=v1))
    for e in v1_endorsements:
        e.status = rng.choices(["endorsed", "remark", "not_yet", "pending"], [55, 15, 10, 20])[0]
        e.remark = (
            rng.choice(T.REMARKS)
            if e.status == "remark"
            else rng.choice(T.NOT_YET)
            if e.status == "not_yet"
            else ""
        )
        e.answered_at = (
            None if e.status == "pending" else v1_published + timedelta(days=rng.randint(1, 20))
        )
        e.asked_at = v1_published
    Endorsement.objects.bulk_update(
        v1_endorsements, ["status", "remark", "answered_at", "asked_at"]
    )

    promise_inputs = []
    for i, (title, explanation) in enumerate(T.PROMISES_V2):
        # Promises 1, 2 and 4 continue those of version 1; 3 replaces 'meedenken'.
        lineage = {0: lineages[0], 1: lineages[1], 3: lineages[3]}.get(i)
        promise_inputs.append(writing.PromiseInput(title, explanation, lineage))
    v2 = writing.version_save(
        organization=org,
        title=T.VISION_V2_TITLE,
        text=T.VISION_V2,
        promises=promise_inputs,
        change_note=T.CHANGE_NOTE,
        by=cx,
    )
    asked = writing.version_publish(version=v2, by=board or cx)
    v2_published = _at(today - timedelta(days=49))
    VisionVersion.objects.filter(id=v2.id).update(
        created_at=v2_published - timedelta(days=5), published_at=v2_published
    )
    # About 70% carry it: 55% endorse, 15% with a remark; 8% not yet; the rest still open.
    v2_endorsements = list(Endorsement.objects.filter(version=v2).order_by("id"))
    rng.shuffle(v2_endorsements)
    n = len(v2_endorsements)
    cut = [round(n * 0.55), round(n * 0.70), round(n * 0.78)]
    for i, e in enumerate(v2_endorsements):
        e.asked_at = v2_published
        if i < cut[0]:
            e.status, e.remark = EndorsementStatus.ENDORSED, ""
        elif i < cut[1]:
            e.status, e.remark = EndorsementStatus.REMARK, T.REMARKS[i % len(T.REMARKS)]
        elif i < cut[2]:
            e.status, e.remark = EndorsementStatus.NOT_YET, T.NOT_YET[i % len(T.NOT_YET)]
        else:
            e.status, e.remark = EndorsementStatus.PENDING, ""
        e.answered_at = (
            None
            if e.status == EndorsementStatus.PENDING
            else v2_published + timedelta(days=rng.randint(1, 25))
        )
    # One objection answered by the CX lead, and the manager asked again.
    answered = next((e for e in v2_endorsements if e.status == EndorsementStatus.NOT_YET), None)
    if answered is not None:
        answered.response, answered.responded_by = T.OBJECTION_ANSWER, cx
        answered.responded_at = (answered.answered_at or v2_published) + timedelta(days=2)
        answered.reopened_at, answered.status = answered.responded_at, EndorsementStatus.PENDING
    Endorsement.objects.bulk_update(
        v2_endorsements,
        [
            "status",
            "remark",
            "answered_at",
            "asked_at",
            "response",
            "responded_by",
            "responded_at",
            "reopened_at",
        ],
    )

    # Twelve behaviours in TACT form.
    promises = list(v2.promises.all())
    units = {u.code: u for u in OrgUnit.objects.filter(organization=org)}
    behaviours = []
    for i, (p, name, context, action, target, when, code) in enumerate(T.BEHAVIOURS):
        behaviours.append(
            Behaviour.objects.create(
                uuid=stable_uuid(org.slug, "vision-behaviour", str(i)),
                organization=org,
                promise=promises[p],
                unit=units.get(code) if code else None,
                target=target,
                action=action,
                context=context,
                time=when,
                short_name=name,
                created_by=cx,
                created_at=v2_published + timedelta(days=2),
            )
        )

    # Two months of observations: more teams join in as the weeks go by.
    by_unit: dict[int, list[Membership]] = {}
    for m in members:
        if m.unit_id:
            by_unit.setdefault(m.unit_id, []).append(m)
    teams = [u for u in units.values() if u.kind == "team" and u.id in by_unit]
    observations = []
    for offset in range(OBSERVATION_DAYS, -1, -1):
        day = today - timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        progress = 1 - offset / OBSERVATION_DAYS
        for team in teams:
            people = by_unit[team.id]
            if len(people) < 2 or rng.random() > 0.25 + 0.45 * progress:
                continue
            fitting = [b for b in behaviours if b.unit_id in (None, team.id)]
            for _i in range(rng.choice((1, 1, 1, 2, 2, 3))):
                shown_by, observer = rng.sample(people, 2)
                behaviour = rng.choice(fitting)
                note = rng.choice(T.OBSERVATION_NOTES[behaviours.index(behaviour)])
                observations.append(
                    Observation(
                        organization=org,
                        behaviour=behaviour,
                        shown_by=shown_by,
                        observer=observer,
                        unit_id=team.id,
                        note=note,
                        day=day,
                        created_at=_at(day, rng.randint(8, 17)),
                    )
                )
    Observation.objects.bulk_create(observations)

    # A recall check three weeks after publishing, closed a week ago.
    recall = RecallCheck.objects.create(
        uuid=stable_uuid(org.slug, "vision-recall", "1"),
        organization=org,
        version=v2,
        title="Welke klantbeloftes ken je?",
        opens_on=today - timedelta(days=28),
        closes_on=today - timedelta(days=7),
        created_by=cx,
    )
    scorer = scorer_for(v2)
    answers, parts = [], []
    for m in members:
        if m.role in (Role.ADMIN,) or rng.random() > 0.62:
            continue
        manager = m.is_manager
        # Managers recall a little more; everyone says they know them well.
        k = rng.choices(
            [0, 1, 2, 3, 4, 5], [12, 22, 28, 20, 12, 6] if not manager else [5, 12, 25, 28, 20, 10]
        )[0]
        lines = [rng.choice(T.RECALL_PHRASES[i]) for i in sorted(rng.sample(range(5), k))]
        if rng.random() < 0.5 or not lines:
            lines.append(rng.choice(T.RECALL_NOISE))
        rng.shuffle(lines)
        text = "\n".join(lines)
        result = scorer.score(text)
        understanding = rng.choices([2, 3, 4, 5], [4, 14, 46, 36] if manager else [8, 22, 44, 26])[
            0
        ]
        answers.append(
            RecallAnswer(
                organization=org,
                recall=recall,
                unit_id=m.unit_id,
                is_manager=manager,
                text=text,
                understanding=understanding,
                **answer_fields(scorer, result),
            )
        )
        parts.append(RecallParticipation(recall=recall, membership=m))
    rng.shuffle(answers)  # stored in no order that follows the people
    RecallAnswer.objects.bulk_create(answers)
    RecallParticipation.objects.bulk_create(parts)

    # Customers' answers to "Wat verwacht u van ons?", read by the comment analyser.
    CustomerQuestion.objects.get_or_create(
        organization=org,
        defaults={
            "uuid": stable_uuid(org.slug, "vision-question"),
            "token": stable_uuid(org.slug, "vision-question-token"),
        },
    )
    items = []
    for i in range(48):
        text = T.CUSTOMER_ANSWERS[i % len(T.CUSTOMER_ANSWERS)]
        items.append(
            RecordInput(
                received_at=_at(today - timedelta(days=140 - i * 2), 9 + i % 9),
                reason=text,
                touchpoint=TOUCHPOINT,
                channel=CHANNEL,
                external_id=f"demo-vision:{i}",
            )
        )
    if not Feedback.objects.filter(organization=org, channel=CHANNEL).exists():
        feedback_ingest(organization=org, source="demo", items=items)
    # The question also stands under two touchpoints' feedback forms.
    question = CustomerQuestion.objects.get(organization=org)
    question.touchpoints.set(
        Touchpoint.objects.filter(organization=org, is_internal=False, is_active=True).order_by(
            "name"
        )[:2]
    )

    tags = _tag_compliments(org, rng, behaviours, members, today)
    waves = _scan_wave(org, cx, behaviours, today)
    return (
        f"vision v2 ({asked} managers asked), {len(behaviours)} behaviours, "
        f"{len(observations)} observations, {len(answers)} recall answers, "
        f"{tags} tagged compliments, {waves}"
    )


def _behaviour_for(text: str, fitting: list[Behaviour], rng: random.Random) -> Behaviour:
    """The behaviour a compliment's words point to, else one that fits the team."""
    lowered = text.lower()
    for words, name in T.TAG_WORDS:
        if any(w in lowered for w in words):
            found = next((b for b in fitting if b.short_name == name), None)
            if found is not None:
                return found
    return rng.choice(fitting)


def _tag_compliments(
    org: Organization, rng: random.Random, behaviours: list[Behaviour], members, today
) -> int:
    """Two months of compliments tagged by colleagues, and the dagstart stories by the team."""
    from klantcultuur.huddle.models import Huddle

    since = today - timedelta(days=OBSERVATION_DAYS)
    by_unit: dict[int, list[Membership]] = {}
    for m in members:
        if m.unit_id:
            by_unit.setdefault(m.unit_id, []).append(m)
    stories = set(
        Huddle.objects.filter(organization=org, day__gte=since, story__isnull=False).values_list(
            "story_id", flat=True
        )
    )
    records = (
        Feedback.objects.filter(
            organization=org,
            day__gte=since,
            n_compliments__gt=0,
            is_internal=False,
            team__isnull=False,
        )
        .exclude(channel=CHANNEL)
        .only("uuid", "team_id", "day", "reason", "received_at")
        .order_by("received_at")
    )
    tags: dict[tuple[int, object], CustomerTag] = {}
    for record in records:
        story = record.uuid in stories
        progress = 1 - (today - record.day).days / OBSERVATION_DAYS
        if not story and rng.random() > 0.06 + 0.14 * progress:
            continue
        fitting = [b for b in behaviours if b.unit_id in (None, record.team_id)]
        behaviour = _behaviour_for(record.reason, fitting, rng)
        people = by_unit.get(record.team_id or 0) or members
        tags[(behaviour.id, record.uuid)] = CustomerTag(
            organization=org,
            behaviour=behaviour,
            feedback_id=record.uuid,
            unit_id=record.team_id,
            day=record.day,
            as_story=story,
            tagged_by=rng.choice(people),
            created_at=record.received_at + timedelta(hours=rng.randint(12, 30)),
        )
    CustomerTag.objects.bulk_create(tags.values(), batch_size=500)
    return len(tags)


def _scan_wave(org: Organization, cx, behaviours: list[Behaviour], today) -> str:
    """Six of the organisation's behaviours asked in a scan wave after publishing, with its
    report: managers about themselves, employees about their manager."""
    from klantcultuur.scan.demo import closed_wave

    named = {b.short_name: b for b in behaviours}
    chosen = [named[name] for name in T.IN_SCAN]
    version = behaviours_to_scan(
        organization=org,
        actor=cx.user if cx else None,
        behaviours=chosen,
        seen_texts={str(b.uuid): seen for b in chosen if (seen := T.SEEN_TEXTS.get(b.short_name))},
    )
    _wave, n = closed_wave(
        org,
        key="gedrag",
        name="Pulsmeting ons eigen gedrag",
        version=version,
        opens_on=today - timedelta(days=35),
        closes_on=today - timedelta(days=21),
        share=0.72,
    )
    return f"a scan wave on {len(chosen)} own behaviours ({n} responses)"
