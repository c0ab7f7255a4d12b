"""Versions of the vision: the editor (each save is the next version), history, difference,
publishing."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.lib.tasks import enqueue
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision.access import can_manage, get_version_for_user, get_version_rw_for_user
from klantcultuur.vision.forms import VersionForm
from klantcultuur.vision.models import VersionStatus, VisionVersion
from klantcultuur.vision.models.writing import MAX_PROMISES
from klantcultuur.vision.scoring.diff import diff_paragraphs, diff_text
from klantcultuur.vision.services import writing
from klantcultuur.vision.tasks import send_endorsement_reminders
from klantcultuur.vision.views.common import flash_errors


def _initial(version: VisionVersion | None) -> dict:
    if version is None:
        return {}
    data: dict[str, object] = {"title": version.title, "text": version.text}
    for i, promise in enumerate(list(version.promises.all())[:MAX_PROMISES]):
        data[f"promise_{i}"] = promise.title
        data[f"explanation_{i}"] = promise.explanation
        data[f"lineage_{i}"] = promise.lineage
    return data


@member_required(Perm.MANAGE_VISION)
def version_create(request: MemberRequest):
    """Write the next version, starting from the latest one (or from ?from=<uuid>)."""
    latest = VisionVersion.objects.filter(organization=request.organization).first()
    base = latest
    if request.GET.get("from"):
        try:
            base = get_version_for_user(request, UUID(request.GET["from"]))
        except ValueError:
            base = latest
    form = VersionForm(request.POST or None, initial=_initial(base))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        promises = [
            writing.PromiseInput(
                data[f"promise_{i}"], data[f"explanation_{i}"], data[f"lineage_{i}"]
            )
            for i in range(MAX_PROMISES)
        ]
        try:
            version = writing.version_save(
                organization=request.organization,
                title=data["title"],
                text=data["text"],
                promises=promises,
                change_note=data["change_note"],
                by=request.membership,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved as version %(n)d.") % {"n": version.number})
            return redirect("vision-version", code=version.uuid)
    return render(request, "vision/version_form.html", {"form": form, "base": base})


@member_required(methods=("GET",))
def version_detail(request: MemberRequest, code: UUID):
    version = get_version_for_user(request, code)
    earlier = VisionVersion.objects.filter(
        organization=request.organization, number__lt=version.number
    )
    if not can_manage(request):
        earlier = earlier.exclude(status=VersionStatus.DRAFT)
    previous = earlier.first()
    return render(
        request,
        "vision/version.html",
        {
            "version": version,
            "promises": list(version.promises.all()),
            "previous": previous,
            "can_manage": can_manage(request),
        },
    )


@member_required(methods=("GET",))
def version_diff(request: MemberRequest, code: UUID):
    """What changed between a version and an earlier one (?against=<uuid>, else the previous)."""
    version = get_version_for_user(request, code)
    others = VisionVersion.objects.filter(organization=request.organization).exclude(id=version.id)
    if not can_manage(request):
        others = others.exclude(status=VersionStatus.DRAFT)
    against = None
    if request.GET.get("against"):
        try:
            against = get_version_for_user(request, UUID(request.GET["against"]))
        except ValueError:
            against = None
    if against is None:
        against = others.filter(number__lt=version.number).first()
    rows = promise_rows = []
    if against is not None:
        rows = diff_text(against.text, version.text)
        promise_rows = diff_paragraphs(
            [p.full_text for p in against.promises.all()],
            [p.full_text for p in version.promises.all()],
        )
    return render(
        request,
        "vision/diff.html",
        {
            "version": version,
            "against": against,
            "others": list(others),
            "rows": rows,
            "promise_rows": promise_rows,
            "title_changed": against is not None and against.title != version.title,
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def version_publish(request: MemberRequest, code: UUID):
    version = get_version_rw_for_user(request, code)
    try:
        asked = writing.version_publish(version=version, by=request.membership)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("vision-version", code=version.uuid)
    enqueue(send_endorsement_reminders, version.id)  # the ask, by e-mail
    messages.success(
        request,
        _("Version %(n)d is published. %(asked)d managers are asked to endorse it.")
        % {"n": version.number, "asked": asked},
    )
    return redirect("vision-draagvlak")
