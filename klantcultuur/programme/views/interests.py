"""The interest analysis (belangenanalyse): traits that hold customer focus back, who keeps
them alive and what they gain, positions over time, actions per stakeholder.

Board, CX lead and administrator only (`Perm.MANAGE_PROGRAMME`; see programme/access.py).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import (
    get_stakeholder_action_rw_for_user,
    get_stakeholder_rw_for_user,
    get_trait_rw_for_user,
)
from klantcultuur.programme.forms import (
    PositionForm,
    StakeholderActionForm,
    StakeholderForm,
    TraitForm,
)
from klantcultuur.programme.models import STANCE_ORDER, Influence, Stance
from klantcultuur.programme.progress import Track, movement, positions_chart
from klantcultuur.programme.services import interests as services
from klantcultuur.scan.models import Wave


def _chart(views: list[selectors.StakeholderView], title: str) -> str:
    tracks = [
        Track(
            str(v.stakeholder.who),
            [
                (
                    date_format(p.measured_on, "j M Y"),
                    p.influence,
                    STANCE_ORDER.index(Stance(p.stance)),
                )
                for p in v.positions
            ],
        )
        for v in views
        if v.positions
    ]
    return mark_safe(  # the chart escapes every text it draws
        positions_chart(
            tracks,
            stance_labels=[str(Stance(s).label) for s in STANCE_ORDER],
            influence_labels=[str(i.label) for i in Influence],
            title=title,
        )
    )


def _moves(views: list[selectors.StakeholderView]) -> dict[int, str]:
    """Per stakeholder id: "closer", "further" or "same" since the previous measurement."""
    found = {}
    for v in views:
        if v.previous is None:
            continue
        track = Track(
            "",
            [
                ("", p.influence, STANCE_ORDER.index(Stance(p.stance)))
                for p in (v.previous, v.latest)
            ],
        )
        stance_change, _influence = movement(track) or (0, 0)
        found[v.stakeholder.id] = (
            "closer" if stance_change > 0 else "further" if stance_change < 0 else "same"
        )
    return found


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET", "POST"))
def interests(request: MemberRequest):
    """Every trait with its stakeholders; add a trait by hand or from the scan."""
    org = request.organization
    form = TraitForm()
    if request.method == "POST":
        form = TraitForm(request.POST)
        statement = request.POST.get("statement", "")[:40]
        wave = None
        if statement:
            wave = Wave.objects.filter(
                organization=org, uuid=_uuid(request.POST.get("wave"))
            ).first()
        if form.is_valid():
            try:
                trait = services.trait_add(
                    organization=org,
                    by=request.membership,
                    text=form.cleaned_data["text"],
                    statement=statement,
                    wave=wave,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The trait is added. Now say who keeps it alive."))
                return redirect("programme-trait", code=trait.uuid)
    analysis = selectors.interest_analysis(org)
    wave, statements = selectors.weakest_statements(org, request.membership)
    taken = {t.trait.statement for t in analysis if t.trait.statement}
    every = [v for t in analysis for v in t.stakeholders]
    return render(
        request,
        "programme/interests.html",
        {
            "analysis": analysis,
            "form": form,
            "wave": wave,
            "statements": [s for s in statements if s["code"] not in taken],
            "chart": _chart(every, _("Stakeholders' positions over time")) if every else "",
            "moves": _moves(every),
        },
    )


def _uuid(value):
    from klantcultuur.programme.views.common import parse_uuid

    return parse_uuid(value)


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET", "POST"))
def trait_detail(request: MemberRequest, code: UUID):
    trait = get_trait_rw_for_user(request, code)
    form = StakeholderForm()
    if request.method == "POST":
        if request.POST.get("archive"):
            services.trait_archive(trait=trait, by=request.membership)
            messages.success(request, _("The trait is taken off the analysis."))
            return redirect("programme-interests")
        form = StakeholderForm(request.POST)
        if form.is_valid():
            try:
                stakeholder = services.stakeholder_save(
                    by=request.membership, trait=trait, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Added. Record their position now."))
                return redirect("programme-stakeholder", code=stakeholder.uuid)
    view = next(
        (t for t in selectors.interest_analysis(request.organization) if t.trait.id == trait.id),
        None,
    )
    stakeholders = view.stakeholders if view else []
    return render(
        request,
        "programme/trait.html",
        {
            "trait": trait,
            "stakeholders": stakeholders,
            "form": form,
            "chart": _chart(
                stakeholders, _("Positions over time: %(trait)s") % {"trait": trait.text}
            )
            if any(v.positions for v in stakeholders)
            else "",
            "moves": _moves(stakeholders),
        },
    )


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET", "POST"))
def stakeholder_detail(request: MemberRequest, code: UUID):
    """Record a position, plan actions, change or archive a stakeholder."""
    stakeholder = get_stakeholder_rw_for_user(request, code)
    owners = selectors.possible_owners(request.organization)
    today = timezone.localdate()
    edit = StakeholderForm(
        initial={
            "who": stakeholder.who,
            "gain": stakeholder.gain,
            "influence_kind": stakeholder.influence_kind,
        }
    )
    position = PositionForm(initial={"measured_on": today})
    action = StakeholderActionForm(owners=owners)
    if request.method == "POST":
        what = request.POST.get("do", "")
        by = request.membership
        try:
            if request.POST.get("archive"):
                services.stakeholder_archive(stakeholder=stakeholder, by=by)
                messages.success(request, _("Taken off the analysis."))
                return redirect("programme-trait", code=stakeholder.trait.uuid)
            if what == "edit":
                edit = StakeholderForm(request.POST)
                if edit.is_valid():
                    services.stakeholder_save(by=by, stakeholder=stakeholder, **edit.cleaned_data)
                    messages.success(request, _("Saved."))
                    return redirect("programme-stakeholder", code=stakeholder.uuid)
            elif what == "position":
                position = PositionForm(request.POST)
                if position.is_valid():
                    services.position_record(
                        stakeholder=stakeholder, by=by, **position.cleaned_data
                    )
                    messages.success(request, _("The position is recorded."))
                    return redirect("programme-stakeholder", code=stakeholder.uuid)
            elif what == "action":
                action = StakeholderActionForm(request.POST, owners=owners)
                if action.is_valid():
                    services.stakeholder_action_add(
                        stakeholder=stakeholder, by=by, **action.cleaned_data
                    )
                    messages.success(request, _("The action is planned."))
                    return redirect("programme-stakeholder", code=stakeholder.uuid)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    positions = list(stakeholder.positions.order_by("measured_on", "id"))
    views = [selectors.StakeholderView(stakeholder, positions, [])]
    return render(
        request,
        "programme/stakeholder.html",
        {
            "stakeholder": stakeholder,
            "positions": positions,
            "actions": list(stakeholder.actions.select_related("owner__user")),
            "edit": edit,
            "position": position,
            "action_form": action,
            "chart": _chart(views, _("Positions of %(who)s") % {"who": stakeholder.who})
            if positions
            else "",
            "today": today,
        },
    )


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("POST",))
def stakeholder_action_done(request: MemberRequest, code: UUID):
    action = get_stakeholder_action_rw_for_user(request, code)
    services.stakeholder_action_done(action=action, by=request.membership)
    return redirect("programme-stakeholder", code=action.stakeholder.uuid)
