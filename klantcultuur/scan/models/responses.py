"""Anonymous answers."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import OrgUnit
from klantcultuur.scan.models.waves import RespondentRole, Wave


class Response(models.Model):
    """One person's submitted answers: wave, unit and role only.

    Deliberately without membership, invitation, link, language, address or time, and with a
    random primary key: nothing here can be joined to the invitation that was marked answered.
    The unit is where the answers are stored after pooling (small groups go to a higher unit;
    None is the organisation itself). Closing a wave rewrites its responses in random order.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=10, choices=RespondentRole.choices)
    answers = models.JSONField(default=dict)  # closed items: {code: value}, 0 = "weet ik niet"
    comments = models.JSONField(default=dict, blank=True)  # open items: {code: text}

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["wave", "unit"])]

    def __str__(self) -> str:
        return f"{self.wave} · {self.role}"
