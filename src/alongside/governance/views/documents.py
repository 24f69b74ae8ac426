"""Adding the PDF beside a board's terms of reference or a meeting paper, and reading it.

The file is served only through these views, which ask the policy (and, for a paper, whether
its papers are published) first: private storage has no URL."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, apply_to_form, done, requires
from alongside.core.errors import ApplicationError, NotFound
from alongside.governance import rules, selectors, selectors_planning
from alongside.governance.forms_documents import DocumentForm
from alongside.governance.services import documents
from alongside.governance.views._pages import meeting_for, no_store


def _form(request: HttpRequest) -> DocumentForm:
    if request.method == "POST":
        return DocumentForm(request.POST, request.FILES)
    return DocumentForm()


def _upload_page(request: Request, form: DocumentForm, context: dict[str, Any]) -> HttpResponse:
    return render(request, "governance/document_form.html", {"form": form, **context})


def _pdf(file: Any, name: str) -> HttpResponse:
    response = FileResponse(
        file.open("rb"), content_type="application/pdf", as_attachment=True, filename=name
    )
    return no_store(cast(HttpResponse, response))


@GET_POST
@requires(rules.BOARD_MANAGE)
def board_terms_file(
    request: Request, organisation: Organisation, board_id: uuid.UUID
) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            documents.board_terms_file_set(
                actor=request.actor, board=board, document=form.cleaned_data["document"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return done(
                request,
                _("The terms of reference file is added."),
                "governance:board-detail",
                organisation.slug,
                board.public_id,
            )
    return _upload_page(
        request,
        form,
        {
            "title": _("Add the terms of reference as a file"),
            "caption": board.name,
            "organisation": organisation,
            "button_text": _("Add the file"),
            "cancel_url": reverse(
                "governance:board-detail", args=[organisation.slug, board.public_id]
            ),
        },
    )


@requires(rules.BOARD_VIEW)
def board_terms_download(
    request: Request, organisation: Organisation, board_id: uuid.UUID
) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    if not board.terms_file:
        raise Http404(_("This board's terms of reference have no file."))
    return _pdf(board.terms_file, f"{slugify(board.name) or 'board'}-terms-of-reference.pdf")


@GET_POST
@requires(rules.MEETING_RUN)
def paper_file(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    paper = selectors_planning.paper_get(meeting=meeting, public_id=str(paper_id))
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            documents.paper_file_set(
                actor=request.actor, paper=paper, document=form.cleaned_data["document"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return done(
                request,
                _("The paper's file is added."),
                "governance:paper-detail",
                organisation.slug,
                meeting.public_id,
                paper.public_id,
            )
    return _upload_page(
        request,
        form,
        {
            "title": _("Add the paper as a file"),
            "caption": paper.title,
            "organisation": organisation,
            "button_text": _("Add the file"),
            "cancel_url": reverse(
                "governance:paper-detail",
                args=[organisation.slug, meeting.public_id, paper.public_id],
            ),
        },
    )


@requires(rules.BOARD_VIEW)
def paper_download(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    can_run = request.actor.can(rules.MEETING_RUN, organisation)
    if not selectors_planning.paper_readable(meeting=meeting, can_run=can_run):
        raise NotFound(selectors_planning.NO_PAPER)
    paper = selectors_planning.paper_get(meeting=meeting, public_id=str(paper_id))
    if not paper.file:
        raise Http404(_("This paper has no file."))
    return _pdf(paper.file, f"{slugify(paper.title) or 'paper'}.pdf")
