"""The opt-in daily e-mail: a member's team day (what the start page shows them)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.front import today
from klantcultuur.lib.urls import site_url
from klantcultuur.notify.models import DigestSubscription
from klantcultuur.notify.services import notify


def digest_text(day: today.TeamDay) -> str:
    lines = [
        _("Compliments since the previous working day: %(n)s")
        % {"n": day.board.signals.counts.compliments},
        _("Improvement points: %(n)s") % {"n": day.board.signals.counts.improvements},
        _("KPIs off target: %(names)s")
        % {"names": ", ".join(t.kpi.name for t in day.off_target) or "–"},
        _("Overdue call-backs: %(n)s") % {"n": day.board.cases.overdue if day.board.cases else 0},
        _("Actions due: %(names)s") % {"names": ", ".join(a.title for a in day.actions_due) or "–"},
    ]
    return "\n".join(lines)


def digests_send(*, now=None) -> int:
    """Every subscriber gets today's e-mail once (safe to run again)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = 0
    subscriptions = DigestSubscription.objects.select_related(
        "membership__user", "membership__organization", "membership__unit"
    ).exclude(last_sent_on=day)
    for subscription in subscriptions:
        member = subscription.membership
        team = today.own_team(member)
        if team is None or not member.user.is_active:
            continue
        team_day = today.team_day(member, team, can_steer=False, now=now)

        def compose(team=team, team_day=team_day) -> tuple[str, str]:
            subject = _("%(team)s: the day of %(day)s") % {
                "team": team.name,
                "day": day.strftime("%d-%m"),
            }
            return subject, digest_text(team_day)

        notify(
            organization=member.organization,
            recipients=[member],
            compose=compose,
            link=site_url() + reverse("huddle-board", args=[team.uuid]),
            to_channel=False,
        )
        subscription.last_sent_on = day
        subscription.save(update_fields=["last_sent_on"])
        sent += 1
    return sent
