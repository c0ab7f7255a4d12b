"""Recall checks: open one, answer it (anonymously), read the results behind the gate."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import get_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors
from klantcultuur.vision.access import (
    can_follow_draagvlak,
    can_manage,
    get_recall_for_user,
    get_recall_results_for_user,
)
from klantcultuur.vision.forms import RecallAnswerForm, RecallCheckForm
from klantcultuur.vision.models import RecallCheck, RecallParticipation
from klantcultuur.vision.services import recall as services
from klantcultuur.vision.views.common import flash_errors


@member_required(methods=("GET",))
def recall_list(request: MemberRequest):
    checks = list(
        RecallCheck.objects.filter(organization=request.organization).select_related("version")[:20]
    )
    done = set(
        RecallParticipation.objects.filter(
            membership=request.membership, recall__in=checks
        ).values_list("recall_id", flat=True)
    )
    return render(
        request,
        "vision/recall_list.html",
        {
            "checks": [(c, c.id in done) for c in checks],
            "can_manage": can_manage(request),
            "can_follow": can_follow_draagvlak(request),
        },
    )


@member_required(Perm.MANAGE_VISION)
def recall_create(request: MemberRequest):
    version = selectors.published_version(request.organization)
    form = RecallCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if version is None:
            messages.error(request, _("Publish the vision first."))
            return redirect("vision-recall")
        try:
            recall = services.recall_check_create(
                version=version, by=request.membership, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The recall check is open."))
            return redirect("vision-recall-answer", code=recall.uuid)
    return render(request, "vision/recall_form.html", {"form": form, "version": version})


@member_required()
def recall_answer(request: MemberRequest, code: UUID):
    """Write the promises from memory; after answering, see which ones counted and why."""
    recall = get_recall_for_user(request, code)
    answered = RecallParticipation.objects.filter(
        recall=recall, membership=request.membership
    ).exists()
    form = RecallAnswerForm(request.POST or None)
    result = None
    if request.method == "POST" and not answered and form.is_valid():
        try:
            result = services.recall_answer_submit(
                recall=recall, membership=request.membership, **form.cleaned_data
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            answered = True
    promises = list(recall.version.promises.all())
    by_key = {str(p.uuid): p for p in promises}
    matches = [(by_key.get(m.key), m) for m in result.matches] if result else []
    return render(
        request,
        "vision/recall_answer.html",
        {
            "recall": recall,
            "form": form,
            "answered": answered,
            "result": result,
            "matches": matches,
            "promises": promises if result else [],
            "can_follow": can_follow_draagvlak(request),
        },
    )


@member_required(methods=("GET",))
def recall_results(request: MemberRequest, code: UUID):
    recall = get_recall_results_for_user(request, code)
    labels = {"all": _("Everyone"), "manager": _("Managers"), "employee": _("Employees")}
    unit = None
    if request.GET.get("unit"):
        try:
            unit = get_unit_for_user(request, UUID(request.GET["unit"]))
        except ValueError:
            unit = None
    results = selectors.recall_results(recall, labels=labels, unit_id=unit.id if unit else None)
    return render(
        request,
        "vision/recall_results.html",
        {"r": results, "recall": recall, "rows": results.units, "unit": unit},
    )
