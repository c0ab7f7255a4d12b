"""Feedback records, the sentences read from their comments, and the daily roll-ups."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.ids import uuid7
from klantcultuur.orgs.models import Organization, OrgUnit


class Metric(models.TextChoices):
    NPS = "nps", _("NPS (0–10)")
    CSAT = "csat", _("CSAT (1–5)")
    CES = "ces", _("CES (1–7)")
    NONE = "", _("No score")


# Valid score range per metric (inclusive).
SCORE_RANGE = {Metric.NPS: (0, 10), Metric.CSAT: (1, 5), Metric.CES: (1, 7)}


class Source(models.TextChoices):
    FORM = "form", _("Feedback form")
    IMPORT = "import", _("File import")
    API = "api", _("API")
    WEBHOOK = "webhook", _("Formbricks webhook")
    DEMO = "demo", _("Demo data")


class Label(models.TextChoices):
    COMPLIMENT = "compliment", _("Compliment")
    IMPROVEMENT = "improvement", _("Improvement point")
    NEUTRAL = "neutral", _("Neutral")


class CommentField(models.IntegerChoices):
    REASON = 1, _("Main reason for the score")
    SUGGESTION = 2, _("What would make it a 10")


class FeedbackQuerySet(models.QuerySet):
    def with_external_id(self, organization_id: int, *external_ids: str) -> FeedbackQuerySet:
        """The organisation's records with one of these ids, found through its unique index.

        The query repeats the index's condition (an id is not empty): SQLite uses a partial
        index only when the query states its condition, and otherwise reads all of the
        organisation's records (measured on the demo: 34 ms against 0.2 ms a look-up).
        """
        return self.filter(organization_id=organization_id, external_id__in=external_ids).exclude(
            external_id=""
        )


class Feedback(models.Model):
    """One customer's answer: a score and Thomassen's two open questions, routed to a team.

    `team` is the owning unit (usually a team); None means no routing rule matched and the
    record waits in the organisation's unrouted queue. `day` is the local calendar day of
    `received_at` (settings.TIME_ZONE), the key of the daily roll-ups.
    """

    # The primary key is a time-ordered UUID (v7): URLs carry it, and a bulk import appends to
    # its index instead of scattering writes over it.
    uuid = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    # The foreign keys below are checked by the services (units and imports of the same
    # organisation) and carry no database constraint: a deferred constraint trigger per row
    # would make large imports several times slower. The composite indexes cover lookups.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="feedback",
        db_index=False,
        db_constraint=False,
    )
    team = models.ForeignKey(
        OrgUnit,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        db_index=False,
        db_constraint=False,
    )
    received_at = models.DateTimeField(_("received"))
    day = models.DateField(_("day"))
    metric = models.CharField(
        _("metric"), max_length=4, choices=Metric.choices, blank=True, default=Metric.NONE
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    reason = models.TextField(_("main reason for the score"), blank=True)
    suggestion = models.TextField(_("what would make it a 10"), blank=True)
    channel = models.CharField(_("channel"), max_length=50, blank=True)
    touchpoint = models.CharField(_("touchpoint"), max_length=100, blank=True)
    product = models.CharField(_("product"), max_length=100, blank=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    team_code = models.CharField(_("team code in the data"), max_length=50, blank=True)
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    # For records without an external id: a hash of their content, so that importing the
    # same file again stores nothing twice.
    content_hash = models.CharField(max_length=32, blank=True)
    customer_ref = models.CharField(_("customer reference"), max_length=100, blank=True)
    contact_consent = models.BooleanField(_("may be contacted"), default=False)
    is_internal = models.BooleanField(
        _("internal customer"),
        default=False,
        help_text=_("The customer is a colleague of a back-office team."),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    batch = models.ForeignKey(
        "feedback.FeedbackImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
        db_index=False,
        db_constraint=False,
    )
    # Derived from the comments by the analyser (kept in step with the sentences).
    n_compliments = models.PositiveSmallIntegerField(default=0)
    n_improvements = models.PositiveSmallIntegerField(default=0)
    topics = models.CharField(max_length=300, blank=True)  # " slug slug " for contains-lookups
    analysed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~Q(external_id=""),
                name="feedback_external_id_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "content_hash"],
                condition=Q(external_id="") & ~Q(content_hash=""),
                name="feedback_content_hash_unique",
            ),
        ]
        indexes = [
            # One index serves the organisation, a department (several teams) and a team
            # over days: fewer indexes keep large imports fast.
            models.Index(fields=["organization", "day", "team"], name="feedback_org_day_team"),
            # No index on customer_ref (erasure scans the organisation's records: rare) nor
            # on batch (an import's records lie in one primary-key range, see
            # FeedbackImport.stored_records): each would slow every import down.
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.score} ({self.day})"

    @property
    def comments(self) -> list[tuple[int, str]]:
        """The non-empty open answers as (field, text)."""
        return [
            (field, text)
            for field, text in (
                (CommentField.REASON, self.reason),
                (CommentField.SUGGESTION, self.suggestion),
            )
            if text
        ]

    @property
    def topic_slugs(self) -> list[str]:
        return self.topics.split()

    @property
    def answers(self) -> list[tuple[int, list[FeedbackSentence]]]:
        """The read sentences per open answer (uses prefetched sentences)."""
        groups: dict[int, list[FeedbackSentence]] = {}
        for sentence in self.sentences.all():
            groups.setdefault(sentence.field, []).append(sentence)
        return sorted(groups.items())


class FeedbackSentence(models.Model):
    """A sentence of a comment with the analyser's (or a person's) label, reasons and topics."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="sentences", db_index=False
    )  # indexed by feedback_sentence_unique
    field = models.PositiveSmallIntegerField(choices=CommentField.choices)
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    label = models.CharField(max_length=12, choices=Label.choices)
    reasons = models.CharField(max_length=300, blank=True)  # the deciding words, " · "-joined
    topics = models.CharField(max_length=300, blank=True)  # " slug slug "
    corrected = models.BooleanField(default=False)

    class Meta:
        ordering = ["feedback_id", "field", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "field", "position"], name="feedback_sentence_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def reason_words(self) -> list[str]:
        return [r for r in self.reasons.split(" · ") if r]

    @property
    def topic_slugs(self) -> list[str]:
        return self.topics.split()


ROLLUP_COUNTERS = (
    "records",
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "csat_n",
    "csat_top2",
    "ces_n",
    "ces_sum",
    "ces_high",
    "compliments",
    "improvements",
    "with_comment",
)


class DailyTeamStats(models.Model):
    """Counts per owning unit, day and kind of customer, kept in step with the records.

    The services maintain it on every write (imports, form, API, label corrections,
    routing, erasure, retention); `rollup.rebuild` recomputes it from the records. Pages,
    exports and the dagstart board compute their figures from these counts with
    `feedback.metrics`. `team` None holds the organisation's unrouted records.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    team = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    day = models.DateField()
    is_internal = models.BooleanField(default=False)
    records = models.IntegerField(default=0)
    nps_promoters = models.IntegerField(default=0)
    nps_passives = models.IntegerField(default=0)
    nps_detractors = models.IntegerField(default=0)
    csat_n = models.IntegerField(default=0)
    csat_top2 = models.IntegerField(default=0)  # answers 4 or 5
    ces_n = models.IntegerField(default=0)
    ces_sum = models.IntegerField(default=0)
    ces_high = models.IntegerField(default=0)  # answers 5 to 7
    compliments = models.IntegerField(default=0)  # sentences labelled compliment
    improvements = models.IntegerField(default=0)  # sentences labelled improvement point
    with_comment = models.IntegerField(default=0)  # records with at least one open answer

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "day", "is_internal"],
                condition=Q(team__isnull=False),
                name="rollup_team_day_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "day", "is_internal"],
                condition=Q(team__isnull=True),
                name="rollup_unrouted_day_unique",
            ),
        ]
        indexes = [models.Index(fields=["organization", "day"], name="rollup_org_day")]

    def __str__(self) -> str:
        return f"{self.team_id or '-'} {self.day}: {self.records}"


class DailyTopicStats(models.Model):
    """Sentences per owning unit, day, topic and label (topic pages, dagstart topics)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    team = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    day = models.DateField()
    topic = models.CharField(max_length=60)
    compliments = models.IntegerField(default=0)
    improvements = models.IntegerField(default=0)
    neutral = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "day", "topic"],
                condition=Q(team__isnull=False),
                name="topicstats_team_day_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "day", "topic"],
                condition=Q(team__isnull=True),
                name="topicstats_unrouted_day_unique",
            ),
        ]
        indexes = [models.Index(fields=["organization", "day"], name="topicstats_org_day")]

    def __str__(self) -> str:
        return f"{self.team_id or '-'} {self.day} {self.topic}"
