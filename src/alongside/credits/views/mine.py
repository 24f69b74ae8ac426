"""A young person's own time credits: what they hold, where each came from, and their goals.
Only ever the signed-in person's, and never cached (shared computers at youth clubs)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.core.durations import time_words
from alongside.credits import rules
from alongside.credits.selectors.balances import balance_of_person, lines_of_person
from alongside.credits.selectors.goals import goals_for
from alongside.credits.selectors.history import history_rows
from alongside.credits.selectors.signals import rest_note_for
from alongside.govuk.pagination import paginate, pagination_params

RECENT = 5
PER_PAGE = 20


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@requires(rules.OWN_CREDITS)
def my_credits(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires() sent anyone signed out to sign in
    balance = balance_of_person(organisation_id=organisation.pk, person_id=person.pk)
    recent = list(lines_of_person(organisation_id=organisation.pk, person_id=person.pk)[:RECENT])
    return _private(
        render(
            request,
            "credits/mine.html",
            {
                "title": _("Your time credits"),
                "organisation": organisation,
                "balance": balance,
                "recent": history_rows(recent),
                "rest_note": rest_note_for(organisation=organisation, person=person),
                "goals": goals_for(
                    organisation_id=organisation.pk, person_id=person.pk, balance=balance
                ),
                "time_words": time_words,
            },
        )
    )


@requires(rules.OWN_CREDITS)
def my_history(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    lines = lines_of_person(organisation_id=organisation.pk, person_id=person.pk)
    page = paginate(request, lines, PER_PAGE)
    return _private(
        render(
            request,
            "credits/history.html",
            {
                "title": _("Where your credits came from and went"),
                "organisation": organisation,
                "rows": history_rows(list(page.object_list)),
                "page": page,
                "pagination": pagination_params(request, page),
                "time_words": time_words,
            },
        )
    )
