"""The organisation's glossary: a page every member can read, one anchor per word so a paper
can link straight to it (``#term-quorum``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.governance import rules, selectors
from alongside.governance.forms_boards import GlossaryTermForm
from alongside.governance.models import GlossaryTerm
from alongside.governance.services import glossary as services
from alongside.governance.views._pages import confirm_page
from alongside.govuk.pagination import paginate, pagination_params

PER_PAGE = 100


def term_anchor(term: str, pk: int) -> str:
    """The anchor a paper links to; a word with no Latin letters falls back to its id."""
    return f"term-{slugify(term) or pk}"


def term_link(organisation: Organisation, entry: GlossaryTerm, position: int) -> str:
    """The address of a word on the glossary page it is on (``position`` from
    ``selectors.glossary_terms_in``)."""
    number = position // PER_PAGE + 1
    page = "" if number == 1 else f"?page={number}"
    glossary = reverse("governance:glossary", args=[organisation.slug])
    return f"{glossary}{page}#{term_anchor(entry.term, entry.pk)}"


@requires(rules.BOARD_VIEW)
def glossary(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.glossary_for(organisation=organisation), per_page=PER_PAGE)
    return render(
        request,
        "governance/glossary.html",
        {
            "title": _("Words boards use"),
            "organisation": organisation,
            "terms": [(t, term_anchor(t.term, t.pk)) for t in page.object_list],
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


def _term_form(
    request: Request,
    organisation: Organisation,
    title: str,
    act: Callable[[dict[str, Any]], object],
    **initial: str,
) -> HttpResponse:
    form = bound_form(GlossaryTermForm, request, initial=initial)

    def save(data: dict[str, Any]) -> HttpResponse:
        act(data)
        return done(request, _("The glossary is saved."), "governance:glossary", organisation.slug)

    return form_page(
        request,
        form,
        "governance/glossary_form.html",
        {
            "title": title,
            "organisation": organisation,
            "button_text": _("Save the word"),
            "cancel_url": reverse("governance:glossary", args=[organisation.slug]),
        },
        save,
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def glossary_add(request: Request, organisation: Organisation) -> HttpResponse:
    return _term_form(
        request,
        organisation,
        _("Explain a word"),
        lambda data: services.term_add(
            actor=request.actor,
            organisation=organisation,
            term=data["term"],
            meaning=data["meaning"],
        ),
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def glossary_change(request: Request, organisation: Organisation, term_id: int) -> HttpResponse:
    entry = selectors.glossary_term_get(organisation=organisation, pk=term_id)
    return _term_form(
        request,
        organisation,
        _("Change a word"),
        lambda data: services.term_change(
            actor=request.actor, entry=entry, term=data["term"], meaning=data["meaning"]
        ),
        term=entry.term,
        meaning=entry.meaning,
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def glossary_remove(request: Request, organisation: Organisation, term_id: int) -> HttpResponse:
    entry = selectors.glossary_term_get(organisation=organisation, pk=term_id)
    return confirm_page(
        request,
        lambda: services.term_remove(actor=request.actor, entry=entry),
        template="governance/meeting_confirm.html",
        message=_("The word is taken out of the glossary."),
        to="governance:glossary",
        args=(organisation.slug,),
        title=_("Take “%(term)s” out of the glossary") % {"term": entry.term},
        organisation=organisation,
        explanation=_("Papers that use it will no longer explain it."),
        button_text=_("Take it out"),
        button_classes="govuk-button--warning",
        cancel_url=reverse("governance:glossary", args=[organisation.slug]),
    )
