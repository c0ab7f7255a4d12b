"""A wave's report: computed once in the background and stored as JSON."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from klantcultuur.lib.jobs import BackgroundJob, JobStatus
from klantcultuur.scan.models.waves import Wave


class WaveReport(BackgroundJob):
    """Every aggregate of a wave (``scoring.Report.to_dict()``) and its anonymity decisions.

    Pages never recompute and never read ``data`` themselves: they go through
    ``klantcultuur.scan.reporting.gate.ReportGate``, which applies ``decisions``.
    """

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(max_length=10, choices=JobStatus.choices)
    data = models.JSONField(default=dict, blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    # Open answers grouped by theme, only for groups whose comments may be shown.
    comments = models.JSONField(default=dict, blank=True)
    # What this wave contributes to other organisations' sector benchmark.
    summary = models.JSONField(default=dict, blank=True)
    # The thresholds the decisions were made with; other thresholds make the report stale.
    min_group = models.PositiveSmallIntegerField(default=5)
    min_comments = models.PositiveSmallIntegerField(default=10)
    n_respondents = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wave report")
        verbose_name_plural = _("wave reports")

    def __str__(self) -> str:
        return f"{self.wave} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == JobStatus.DONE
