"""Escalations: read one, answer it on the receiving board, pass it on, close it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from klantcultuur.huddle.access import (
    can_steer,
    get_escalation_for_user,
    get_escalation_rw_for_user,
)
from klantcultuur.huddle.forms import AnswerForm
from klantcultuur.huddle.models import EscalationState
from klantcultuur.huddle.services import escalations as services
from klantcultuur.huddle.views.common import back_to
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def detail(request: MemberRequest, code: UUID):
    escalation = get_escalation_for_user(request, code)
    return render(
        request,
        "huddle/escalation.html",
        {
            "escalation": escalation,
            "form": AnswerForm(initial={"answer": escalation.answer}),
            "can_answer": can_steer(request, escalation.to_unit_id)
            and escalation.state != EscalationState.CLOSED,
            "can_close": can_steer(request, escalation.from_unit_id)
            and escalation.state != EscalationState.CLOSED,
        },
    )


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def answer(request: MemberRequest, code: UUID):
    escalation = get_escalation_rw_for_user(request, code, side="to")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.escalation_answer(
                escalation=escalation, answer=form.cleaned_data["answer"], by=request.membership
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Answered: %(unit)s sees it on its board.") % {"unit": escalation.from_unit},
            )
    else:
        messages.error(request, _("Write an answer."))
    return back_to(request, "huddle-escalation", escalation.uuid)


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def pass_on(request: MemberRequest, code: UUID):
    escalation = get_escalation_rw_for_user(request, code, side="to")
    try:
        services.escalation_pass_on(escalation=escalation, by=request.membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        target = escalation.to_unit.name if escalation.to_unit else request.organization.name
        messages.success(request, _("Passed on to %(unit)s.") % {"unit": target})
    return back_to(request, "huddle-escalation", escalation.uuid)


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def close(request: MemberRequest, code: UUID):
    escalation = get_escalation_rw_for_user(request, code, side="from")
    services.escalation_close(escalation=escalation, by=request.membership)
    messages.success(request, _("The escalation is closed."))
    return back_to(request, "huddle-board", escalation.from_unit.uuid)
