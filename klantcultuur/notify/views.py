"""The notification settings: the team channel's webhook and what was sent, or waits."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.notify.access import get_delivery_rw_for_user
from klantcultuur.notify.forms import NotifySettingsForm
from klantcultuur.notify.models import (
    Delivery,
    DeliveryStatus,
    DigestSubscription,
    NotifySettings,
)
from klantcultuur.notify.services import delivery_retry
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

SHOWN = 50


@member_required(Perm.MANAGE_SETTINGS)
def page(request: MemberRequest):
    config = NotifySettings.for_organization(request.organization)
    form = NotifySettingsForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The notification settings are saved."))
        return redirect("notify-settings")
    deliveries = Delivery.objects.filter(organization=request.organization)
    failing = deliveries.filter(status__in=(DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP)).count()
    context = {"form": form, "deliveries": deliveries[:SHOWN], "failing": failing}
    return render(request, "notify/settings.html", context)


@member_required(Perm.MANAGE_SETTINGS, methods=("POST",))
def retry(request: MemberRequest, code: UUID):
    delivery_retry(delivery=get_delivery_rw_for_user(request, code))
    messages.success(request, _("The message is being sent again."))
    return redirect("notify-settings")


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def digest(request: MemberRequest):
    """Switch one's own daily e-mail with the team's day on or off."""
    if request.POST.get("on") == "1":
        DigestSubscription.objects.get_or_create(membership=request.membership)
        messages.success(request, _("You get your team's day by e-mail every working morning."))
    else:
        DigestSubscription.objects.filter(membership=request.membership).delete()
        messages.success(request, _("You no longer get the daily e-mail."))
    return redirect("front-home")
