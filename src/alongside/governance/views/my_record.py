"""A person's own record on the organisation's boards: the meetings they were at and for how
long, the motions they proposed or seconded and what happened to them, and the decisions
they took part in. Only ever their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.core.durations import time_words
from alongside.governance import rules
from alongside.governance import selectors_briefing as selectors
from alongside.govuk.pagination import pagination_params

BOARDS_PER_PAGE = 5


@requires(rules.OWN_RECORD)
def my_record(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires() sent anyone signed out to sign in
    records = selectors.record_of(organisation=organisation, person=person)
    # A board at a time is a short page; someone on many boards pages through them.
    page = Paginator(records, BOARDS_PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "governance/my_record.html",
        {
            "title": _("My record on boards"),
            "organisation": organisation,
            "records": [(r, time_words(r.minutes)) for r in page.object_list],
            "page": page,
            "pagination": pagination_params(request, page),
            "time_words": time_words,
        },
    )
    response["Cache-Control"] = "no-store"
    return response
