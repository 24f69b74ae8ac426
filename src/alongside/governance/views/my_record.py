"""A person's own record on the organisation's boards: the meetings they were at and for how
long, the motions they proposed or seconded and what happened to them, and the decisions
they took part in. Only ever their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.governance import rules
from alongside.governance import selectors_briefing as selectors
from alongside.govuk.pagination import pagination_params

BOARDS_PER_PAGE = 5


def time_words(minutes: int) -> str:
    """ "3 hours 20 minutes", "1 hour", "45 minutes", or "No time recorded yet"."""
    if not minutes:
        return _("No time recorded yet")
    hours, rest = divmod(minutes, 60)
    hour_words = ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    minute_words = ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest}
    if not hours:
        return minute_words
    if not rest:
        return hour_words
    return _("%(hours)s %(minutes)s") % {"hours": hour_words, "minutes": minute_words}


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
