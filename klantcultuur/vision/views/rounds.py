"""Co-creation rounds: start one, answer the guiding questions, agree and comment."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision.access import (
    can_manage,
    get_contribution_for_user,
    get_question_for_user,
    get_round_for_user,
    get_round_rw_for_user,
)
from klantcultuur.vision.forms import CommentForm, ContributionForm, RoundForm
from klantcultuur.vision.models import Contribution, Reaction, ReactionKind
from klantcultuur.vision.services import writing
from klantcultuur.vision.views.common import flash_errors


@member_required(Perm.MANAGE_VISION)
def round_create(request: MemberRequest):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = writing.round_start(
                organization=request.organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error("closes_on", " ".join(exc.messages))
        else:
            messages.success(request, _("The round is open: every colleague can contribute."))
            return redirect("vision-round", code=round_.uuid)
    return render(request, "vision/round_form.html", {"form": form})


@member_required()
def round_detail(request: MemberRequest, code: UUID):
    """The questions of a round with everyone's answers; add one (phone-friendly)."""
    round_ = get_round_for_user(request, code)
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            question = get_question_for_user(request, form.cleaned_data["question"])
            try:
                writing.contribution_add(
                    round=round_,
                    question=question,
                    author=request.membership,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("Thank you: your answer is added."))
            return redirect(f"{request.path}#q-{question.uuid}")
        messages.error(request, _("Write your answer."))
        return redirect("vision-round", code=round_.uuid)
    questions = writing.questions_ensure(organization=request.organization)
    contributions = (
        Contribution.objects.filter(round=round_)
        .select_related("author__user")
        .prefetch_related(Prefetch("reactions", Reaction.objects.select_related("author__user")))
    )
    per_question = defaultdict(list)
    me = request.membership.id
    for c in contributions:
        reactions = list(c.reactions.all())
        c.agrees = [r for r in reactions if r.kind == ReactionKind.AGREE]
        c.comments = [r for r in reactions if r.kind == ReactionKind.COMMENT]
        c.i_agree = any(r.author_id == me for r in c.agrees)
        per_question[c.question_id].append(c)
    rows = [
        (q, sorted(per_question.get(q.id, []), key=lambda c: -len(c.agrees))) for q in questions
    ]
    return render(
        request,
        "vision/round.html",
        {
            "round": round_,
            "rows": rows,
            "can_manage": can_manage(request),
            "comment_form": CommentForm(),
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def round_close(request: MemberRequest, code: UUID):
    round_ = get_round_rw_for_user(request, code)
    writing.round_close(round=round_)
    messages.success(request, _("The round is closed."))
    return redirect("vision-round", code=round_.uuid)


@member_required(methods=("POST",))
def react(request: MemberRequest, code: UUID):
    """Agree with (or take back) or comment on a contribution."""
    contribution = get_contribution_for_user(request, code)
    kind = request.POST.get("kind", "")
    try:
        writing.reaction_add(
            contribution=contribution,
            author=request.membership,
            kind=kind,
            text=request.POST.get("text", ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    url = reverse("vision-round", args=[contribution.round.uuid])
    return redirect(f"{url}#c-{contribution.uuid}")
