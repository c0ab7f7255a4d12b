"""TACT behaviours per promise: the list, the editor with its vagueness check, approval."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors
from klantcultuur.vision.access import (
    can_manage,
    get_behaviour_for_user,
    get_behaviour_rw_for_user,
    proposable_unit_ids,
)
from klantcultuur.vision.forms import BehaviourForm
from klantcultuur.vision.models import Behaviour, BehaviourStatus
from klantcultuur.vision.scoring import tact
from klantcultuur.vision.services import behaviours as services
from klantcultuur.vision.services import scan as scan_services
from klantcultuur.vision.tact_messages import explain


@member_required(methods=("GET",))
def behaviour_list(request: MemberRequest):
    version = selectors.published_version(request.organization)
    statuses = [BehaviourStatus.ACTIVE]
    if can_manage(request) or request.membership.managed_unit_ids:
        statuses.append(BehaviourStatus.PROPOSED)
    groups = selectors.behaviours_by_promise(version, statuses=statuses) if version else []
    return render(
        request,
        "vision/behaviours.html",
        {
            "version": version,
            "groups": groups,
            "can_manage": can_manage(request),
            "can_propose": bool(request.membership.managed_unit_ids) or can_manage(request),
            "can_scan": request.membership.has_perm(Perm.MANAGE_SCANS),
        },
    )


def _editor_units(request: MemberRequest):
    if can_manage(request):
        return list(
            OrgUnit.objects.filter(
                organization=request.organization, archived_at__isnull=True
            ).order_by("name")
        )
    ids = proposable_unit_ids(request.membership)
    return list(OrgUnit.objects.filter(id__in=ids, archived_at__isnull=True).order_by("name"))


def _editor(request: MemberRequest, behaviour: Behaviour | None):
    version = selectors.published_version(request.organization)
    if version is None:
        messages.error(request, _("Publish the vision first: behaviours belong to its promises."))
        return redirect("vision-behaviours")
    manage = can_manage(request)
    units = _editor_units(request)
    if not manage and not units:
        raise PermissionDenied
    promises = list(version.promises.all())
    initial = {}
    if behaviour is not None:
        initial = {
            "promise": str(behaviour.promise.uuid),
            "short_name": behaviour.short_name,
            "context": behaviour.context,
            "action": behaviour.action,
            "target": behaviour.target,
            "time": behaviour.time,
            "unit": str(behaviour.unit.uuid) if behaviour.unit else "",
            "role": behaviour.role,
        }
    form = BehaviourForm(
        request.POST or None, initial=initial, promises=promises, units=units, allow_org=manage
    )
    findings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = tact.check(data["target"], data["action"], data["context"], data["time"])
        findings = explain(check.findings)
        # Vague wording is shown once; saving it anyway is the writer's choice.
        if check.ok or request.POST.get("confirm_vague"):
            promise = next(p for p in promises if str(p.uuid) == data["promise"])
            unit = next((u for u in units if str(u.uuid) == data["unit"]), None)
            status: str = BehaviourStatus.ACTIVE if manage else BehaviourStatus.PROPOSED
            if behaviour is not None:
                status = behaviour.status
            try:
                saved = services.behaviour_save(
                    organization=request.organization,
                    promise=promise,
                    unit=unit,
                    role=data["role"],
                    target=data["target"],
                    action=data["action"],
                    context=data["context"],
                    time=data["time"],
                    short_name=data["short_name"],
                    status=status,
                    by=request.membership,
                    behaviour=behaviour,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if saved.status == BehaviourStatus.PROPOSED:
                    messages.success(request, _("Proposed: the CX lead makes it active."))
                else:
                    messages.success(request, _("The behaviour is saved."))
                return redirect("vision-behaviours")
    return render(
        request,
        "vision/behaviour_form.html",
        {
            "form": form,
            "behaviour": behaviour,
            "findings": findings,
            "confirm": bool(findings) and request.method == "POST",
        },
    )


@member_required()
def behaviour_create(request: MemberRequest):
    return _editor(request, None)


@member_required()
def behaviour_edit(request: MemberRequest, code: UUID):
    return _editor(request, get_behaviour_rw_for_user(request, code))


@member_required(methods=("GET",))
def behaviour_detail(request: MemberRequest, code: UUID):
    behaviour = get_behaviour_for_user(request, code)
    recent = list(behaviour.observations.select_related("shown_by__user", "unit")[:10])
    quotes = selectors.customer_quotes(behaviour, unit_ids=request.membership.visible_unit_ids())
    return render(
        request,
        "vision/behaviour.html",
        {
            "behaviour": behaviour,
            "recent": recent,
            "quotes": quotes,
            "can_manage": can_manage(request),
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def behaviour_status(request: MemberRequest, code: UUID):
    behaviour = get_behaviour_rw_for_user(request, code)
    status = request.POST.get("status", "")
    if status not in BehaviourStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        services.behaviour_set_status(behaviour=behaviour, status=status)
        messages.success(
            request,
            _("The behaviour is %(status)s.") % {"status": behaviour.get_status_display().lower()},
        )
    return redirect("vision-behaviours")


@member_required(methods=("POST",))
def behaviour_check(request: MemberRequest):
    """The TACT check as the editor types (htmx): the findings only."""
    post = request.POST
    check = tact.check(
        post.get("target", ""),
        post.get("action", ""),
        post.get("context", ""),
        post.get("time", ""),
    )
    sentence = tact.sentence(
        post.get("target", ""),
        post.get("action", ""),
        post.get("context", ""),
        post.get("time", ""),
    )
    return render(
        request,
        "vision/_tact_check.html",
        {
            "findings": explain(check.findings),
            "sentence": sentence,
            "checked": True,
        },
    )


@member_required(Perm.MANAGE_SCANS)
def behaviours_in_scan(request: MemberRequest):
    """Choose which behaviours the next culture-scan wave asks about (self-view and seen)."""
    version = selectors.published_version(request.organization)
    groups = selectors.behaviours_by_promise(version) if version else []
    behaviours = [b for _promise, items in groups for b in items]
    current = scan_services.statements_in_scan(request.organization)
    if request.method == "POST":
        chosen_ids = set(request.POST.getlist("behaviour"))
        chosen = [b for b in behaviours if str(b.uuid) in chosen_ids]
        texts = {str(b.uuid): request.POST.get(f"seen-{b.uuid}", "")[:300] for b in chosen}
        try:
            scan_services.behaviours_to_scan(
                organization=request.organization,
                actor=request.user,
                behaviours=chosen,
                seen_texts=texts,
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The scan's questionnaire now asks about %(n)d of your behaviours.")
                % {"n": len(chosen)},
            )
            return redirect("vision-behaviours-scan")
    rows = [
        {
            "behaviour": b,
            "chosen": str(b.uuid) in current,
            "seen": current[str(b.uuid)].seen_nl
            if str(b.uuid) in current
            else scan_services.seen_text(b),
        }
        for b in behaviours
    ]
    return render(
        request,
        "vision/behaviours_scan.html",
        {"version": version, "rows": rows, "max": scan_services.MAX_IN_SCAN},
    )
