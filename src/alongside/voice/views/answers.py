"""Staff pages for answers: answering a contribution or a theme, a contribution's answer
history, what is waiting too long for an answer, and the spreadsheet of everything."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice import exports, rules, services
from alongside.voice import forms_answers as forms
from alongside.voice import selectors_answers as selectors
from alongside.voice.models import Contribution


@GET_POST
@requires(rules.ANSWER_GIVE)
def answer_give(request: Request, organisation: Organisation, contribution_id: str) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)

    def give(data: dict[str, Any]) -> HttpResponse:
        services.answer_give(
            actor=request.actor,
            organisation=organisation,
            contribution=contribution,
            status=data["status"],
            text=data["text"],
            passed_to=data["passed_to"],
            idempotency_key=data["idempotency_key"],
        )
        told = contribution.status == Contribution.Status.PUBLISHED and contribution.author_id
        return done(
            request,
            _("Your answer has been saved. The young person who said it will be told.")
            if told
            else _("Your answer has been saved."),
            "voice:answer-history",
            organisation.slug,
            contribution.public_id,
        )

    return form_page(
        request,
        bound_form(forms.AnswerForm, request),
        "voice/answer_give.html",
        {
            "title": _("Answer this contribution"),
            "organisation": organisation,
            "contribution": contribution,
            "back_url": ("voice:answer-history", contribution.public_id),
        },
        give,
    )


@GET_POST
@requires(rules.ANSWER_GIVE)
def theme_answer(request: Request, organisation: Organisation, theme_id: str) -> HttpResponse:
    theme = selectors.theme_get(organisation=organisation, public_id=theme_id)

    def give(data: dict[str, Any]) -> HttpResponse:
        services.answer_give(
            actor=request.actor,
            organisation=organisation,
            theme=theme,
            status=data["status"],
            text=data["text"],
            passed_to=data["passed_to"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Your answer has been saved. The young people whose words are in it will be told."),
            "voice:theme-detail",
            organisation.slug,
            theme.public_id,
        )

    return form_page(
        request,
        bound_form(forms.AnswerForm, request),
        "voice/answer_give.html",
        {
            "title": _("Answer this theme"),
            "organisation": organisation,
            "theme": theme,
            "back_url": ("voice:theme-detail", theme.public_id),
        },
        give,
    )


@requires(rules.ANSWER_VIEW)
def answer_history(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)
    page = paginate(
        request,
        selectors.answers_for_contribution(organisation=organisation, contribution=contribution),
    )
    return render(
        request,
        "voice/answer_history.html",
        {
            "title": _("Answers"),
            "organisation": organisation,
            "contribution": contribution,
            "page": page,
            "answers": list(page.object_list),
            "pagination": pagination_params(request, page),
            "within": selectors.answer_within_working_days(),
        },
    )


@requires(rules.ANSWER_VIEW)
def answer_overdue(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.overdue_contributions(organisation=organisation))
    return render(
        request,
        "voice/answer_overdue.html",
        {
            "title": _("Waiting too long for an answer"),
            "organisation": organisation,
            "page": page,
            "contributions": list(page.object_list),
            "pagination": pagination_params(request, page),
            "within": selectors.answer_within_working_days(),
        },
    )


@requires(rules.CONTRIBUTION_EXPORT)
def answer_export(request: Request, organisation: Organisation) -> HttpResponse:
    """Every contribution and its current answer as CSV, written as it is read (constant
    memory however many there are). Downloading it is recorded in the audit trail."""
    lines = exports.contributions_export(actor=request.actor, organisation=organisation)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"contributions-{organisation.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # ``requires`` is typed for HttpResponse; a streaming response goes through it unchanged.
    return cast(HttpResponse, response)
