"""Reports follow the organisation's anonymity thresholds.

Raising (or lowering, never below 3) a threshold makes every stored report's decisions stale:
the gate then shows nothing of it, and its reports are computed again in the background.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from klantcultuur.orgs.models import Organization


@receiver(post_save, sender=Organization, dispatch_uid="scan-thresholds-changed")
def recompute_reports_on_new_thresholds(sender, instance: Organization, **kwargs) -> None:
    from klantcultuur.lib.jobs import JobStatus
    from klantcultuur.scan.models import WaveReport
    from klantcultuur.scan.services import report_request

    stale = (
        WaveReport.objects.filter(wave__organization=instance, status=JobStatus.DONE)
        .exclude(min_group=instance.min_group_size, min_comments=instance.min_comment_group_size)
        .select_related("wave")
        .only("id", "status", "wave")
    )
    for report in stale:
        report_request(wave=report.wave)
