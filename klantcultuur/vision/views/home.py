"""The published vision (and its print view), the workspace and the guiding questions."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors
from klantcultuur.vision.access import (
    can_follow_draagvlak,
    can_manage,
    get_question_rw_for_user,
)
from klantcultuur.vision.forms import QuestionForm
from klantcultuur.vision.models import Endorsement, EndorsementStatus, Round, VisionVersion
from klantcultuur.vision.services import writing
from klantcultuur.vision.views.common import flash_errors


@member_required(methods=("GET",))
def home(request: MemberRequest):
    """The vision in force with its promises and behaviours; what is asked of me."""
    version = selectors.published_version(request.organization)
    promises = selectors.behaviours_by_promise(version) if version else []
    mine = None
    if version is not None:
        mine = Endorsement.objects.filter(version=version, manager=request.membership).first()
    open_rounds = [
        r
        for r in Round.objects.filter(organization=request.organization, closed_at__isnull=True)[:5]
        if r.is_open
    ]
    return render(
        request,
        "vision/home.html",
        {
            "version": version,
            "promises": promises,
            "mine": mine,
            "open_rounds": open_rounds,
            "can_manage": can_manage(request),
            "can_follow": can_follow_draagvlak(request),
            "pending": mine is not None and mine.status == EndorsementStatus.PENDING,
        },
    )


@member_required(methods=("GET",))
def print_view(request: MemberRequest):
    version = selectors.published_version(request.organization)
    return render(request, "vision/print.html", {"version": version})


@member_required(methods=("GET",))
def workspace(request: MemberRequest):
    """Where the vision is written: rounds, versions, guiding questions."""
    questions = writing.questions_ensure(organization=request.organization)
    rounds = list(Round.objects.filter(organization=request.organization)[:20])
    versions = VisionVersion.objects.filter(organization=request.organization)
    if not can_manage(request):
        versions = versions.exclude(status="draft")
    return render(
        request,
        "vision/workspace.html",
        {
            "questions": questions,
            "rounds": rounds,
            "versions": list(versions[:30]),
            "can_manage": can_manage(request),
        },
    )


@member_required(Perm.MANAGE_VISION)
def questions(request: MemberRequest):
    """The organisation's guiding questions: add one (the list edits each in place)."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            writing.question_save(organization=request.organization, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect("vision-questions")
    items = writing.questions_ensure(organization=request.organization)
    return render(
        request,
        "vision/questions.html",
        {
            "questions": [
                (
                    q,
                    QuestionForm(
                        initial={"text": q.text, "help_text": q.help_text}, prefix=str(q.uuid)
                    ),
                )
                for q in items
            ],
            "form": form,
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def question_edit(request: MemberRequest, code: UUID):
    question = get_question_rw_for_user(request, code)
    if request.POST.get("archive"):
        writing.question_archive(question=question)
        messages.success(request, _("The question is removed from the format."))
        return redirect("vision-questions")
    form = QuestionForm(request.POST, prefix=str(question.uuid))
    if form.is_valid():
        try:
            writing.question_save(
                organization=request.organization, question=question, **form.cleaned_data
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The question is saved."))
    else:
        messages.error(request, _("Write the question."))
    return redirect("vision-questions")
