"""A person's own record on the organisation's boards: the meetings they were at and for how
long, the motions they proposed or seconded and what happened to them, and the decisions
they took part in. Only ever their own."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.governance import rules
from alongside.governance import selectors_briefing as selectors


def time_words(minutes: int) -> str:
    """ "3 hours 20 minutes", "45 minutes", "No time recorded yet"."""
    hours, rest = divmod(minutes, 60)
    if not minutes:
        return _("No time recorded yet")
    if not hours:
        return _("%(minutes)s minutes") % {"minutes": rest}
    if not rest:
        return _("%(hours)s hours") % {"hours": hours} if hours != 1 else _("1 hour")
    return _("%(hours)s hours %(minutes)s minutes") % {"hours": hours, "minutes": rest}


@requires(rules.OWN_RECORD)
def my_record(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires() sent anyone signed out to sign in
    records = selectors.record_of(organisation=organisation, person=person)
    response = render(
        request,
        "governance/my_record.html",
        {
            "title": _("My record on boards"),
            "organisation": organisation,
            "records": [(r, time_words(r.minutes)) for r in records],
            "time_words": time_words,
        },
    )
    response["Cache-Control"] = "no-store"
    return response
