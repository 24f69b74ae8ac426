"""The organisation's glossary: a page every member can read, one anchor per word so a paper
can link straight to it (``#term-quorum``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.governance import rules, selectors
from alongside.governance.models import GlossaryTerm
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
