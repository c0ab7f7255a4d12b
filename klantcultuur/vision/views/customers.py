"""The customer question "Wat verwacht u van ons?": the public form, its link and QR code,
and the customers' answers read into themes."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from klantcultuur.feedback.qr import qr_code, qr_svg_document
from klantcultuur.lib.clientip import client_address
from klantcultuur.lib.ratelimit import over_limit
from klantcultuur.orgs.access import member_required, public
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors
from klantcultuur.vision.forms import (
    CustomerAnswerForm,
    CustomerQuestionForm,
    CustomerTouchpointsForm,
)
from klantcultuur.vision.models import CustomerQuestion
from klantcultuur.vision.services import customers as services
from klantcultuur.vision.views.common import flash_errors

RATE_WINDOW = 600


def _rate_limited(question: CustomerQuestion, request) -> bool:
    """The feedback form's limit: answers per client address per ten minutes."""
    key = f"vision-ask:{question.token}:{client_address(request)}"
    return over_limit(key, limit=settings.FEEDBACK_FORM_RATE_LIMIT, window=RATE_WINDOW)


def _public_url(request, question: CustomerQuestion) -> str:
    return request.build_absolute_uri(reverse("vision-ask", args=[question.token]))


@member_required(Perm.MANAGE_VISION)
def customers(request: MemberRequest):
    question = services.customer_question_ensure(organization=request.organization)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("which", "question")
    touchpoints_form = CustomerTouchpointsForm(
        posted if which == "touchpoints" else None,
        organization=request.organization,
        initial={"touchpoints": list(question.touchpoints.all())},
    )
    if posted is not None and which == "touchpoints":
        if touchpoints_form.is_valid():
            services.customer_question_attach(
                question=question, touchpoints=touchpoints_form.cleaned_data["touchpoints"]
            )
            messages.success(request, _("The touchpoint forms are saved."))
            return redirect("vision-customers")
        posted = None
    form = CustomerQuestionForm(
        posted,
        initial={
            "question": question.question,
            "intro": question.intro,
            "is_open": question.is_open,
        },
    )
    if posted is not None and form.is_valid():
        try:
            services.customer_question_update(
                question=question,
                text=form.cleaned_data["question"],
                intro=form.cleaned_data["intro"],
                is_open=form.cleaned_data["is_open"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("vision-customers")
    url = _public_url(request, question)
    themes = selectors.customer_themes(request.organization)
    return render(
        request,
        "vision/customers.html",
        {
            "question": question,
            "form": form,
            "touchpoints_form": touchpoints_form,
            "url": url,
            "qr": qr_code(url),
            "themes": themes,
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("GET",))
def customers_qr(request: MemberRequest):
    question = services.customer_question_ensure(organization=request.organization)
    svg = qr_svg_document(_public_url(request, question), question.question)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = 'attachment; filename="wat-verwacht-u-van-ons.svg"'
    return response


@public
@csrf_protect
def ask(request, token: UUID):
    """The public question: a customer writes what they expect; nothing else is asked."""
    question = get_object_or_404(
        CustomerQuestion.objects.select_related("organization"), token=token
    )
    if not question.is_open:
        raise Http404
    form = CustomerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(question, request):
            form.add_error("answer", _("Too many answers from this address; try again later."))
            return render(
                request, "vision/ask.html", {"question": question, "form": form}, status=429
            )
        try:
            services.customer_answer_submit(question=question, text=form.cleaned_data["answer"])
        except ValidationError as exc:
            form.add_error("answer", exc)
        else:
            return redirect("vision-ask-thanks", token=question.token)
    return render(request, "vision/ask.html", {"question": question, "form": form})


@public
def ask_thanks(request, token: UUID):
    question = get_object_or_404(
        CustomerQuestion.objects.select_related("organization"), token=token
    )
    return render(request, "vision/ask_thanks.html", {"question": question})
