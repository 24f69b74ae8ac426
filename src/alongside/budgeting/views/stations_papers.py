"""Paper ballots: one worker types a paper in, a second types it again without seeing the first
entry, and a round manager decides what a held paper (two entries that differ) says."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.forms_stations import BallotForm, PaperEnterForm, ResolveForm
from alongside.budgeting.models import Area, PaperEntry, Round
from alongside.budgeting.permissions import POLLING_STATION_RUN, ROUND_MANAGE
from alongside.budgeting.views.stations_common import round_of, station_of, station_url
from alongside.core.money import format_pence as pounds
from alongside.govuk.pagination import paginate, pagination_params

# Said to a worker who opens a paper both workers have already typed in.
ALREADY_TYPED_TWICE = {
    PaperEntry.Status.COUNTED: gettext_lazy(
        "This paper has been typed in twice already. Both entries agreed, so it is counted."
    ),
    PaperEntry.Status.HELD: gettext_lazy(
        "This paper has been typed in twice already. The two entries differ, so it is held "
        "for someone who runs the round to look at."
    ),
    PaperEntry.Status.SPOILT: gettext_lazy(
        "This paper has been typed in twice already. Someone who runs the round looked at it "
        "and found it spoilt, so it is not counted."
    ),
}


def _paper(round_: Round, area: Area | None) -> dict[str, Any]:
    """The ballot paper's rules and projects, for a form that types one in."""
    rules = selectors.ballot_rules(round_=round_, area=area)
    return {
        "rules": rules,
        "proposals": list(selectors.on_ballot(round_=round_, area=area)),
        "numbered": True,
    }


@GET_POST
@requires(POLLING_STATION_RUN)
def paper_enter(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)
    round_ = station.round

    def enter(data: dict[str, Any]) -> HttpResponse:
        choices, points = form.ballot()
        entry = services.paper_ballot_enter(
            actor=request.actor,
            station=station,
            paper_number=data["paper_number"],
            choices=choices,
            points=points,
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _(
                "Paper %(number)s is entered. A second worker must type it in again "
                "before it counts."
            )
            % {"number": entry.paper_number},
            "budgeting:paper-enter",
            organisation.slug,
            round_.public_id,
            station.pk,
        )

    form = bound_form(
        PaperEnterForm,
        request,
        question=_("What is marked on the paper?"),
        **_paper(round_, station.area),
    )
    return form_page(
        request,
        form,
        "budgeting/stations_paper_enter.html",
        {
            "title": _("Enter a paper ballot"),
            "organisation": organisation,
            "round": round_,
            "station": station,
            "station_url": station_url("budgeting:station-detail", organisation, station),
        },
        enter,
    )


@requires(POLLING_STATION_RUN)
def paper_confirm_list(
    request: Request, organisation: Organisation, round_id: uuid.UUID
) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    person = request.actor.person
    assert person is not None
    page = paginate(request, stations.papers_to_confirm(round_=round_, person=person))
    return render(
        request,
        "budgeting/stations_paper_confirm_list.html",
        {
            "title": _("Paper ballots to type in again"),
            "organisation": organisation,
            "round": round_,
            "entries": list(page.object_list),
            "page": page,
            "pagination": pagination_params(request, page),
            "mine_waiting": stations.papers_waiting_entered_by(round_=round_, person=person),
        },
    )


@GET_POST
@requires(POLLING_STATION_RUN)
def paper_confirm(
    request: Request, organisation: Organisation, round_id: uuid.UUID, entry_id: int
) -> HttpResponse:
    """The second worker types the paper in again. The first entry is never shown here."""
    round_ = round_of(organisation, round_id)
    entry = stations.paper_entry_get(round_=round_, entry_id=entry_id)
    context = {
        "title": _("Type in paper %(number)s again") % {"number": entry.paper_number},
        "organisation": organisation,
        "round": round_,
        "entry": entry,
    }
    if entry.entered_by_id == request.actor.person_id:
        return _not_now(
            request,
            context,
            _("You typed this paper in first, so a different worker must type it in again."),
        )
    if entry.status != PaperEntry.Status.WAITING:
        return _not_now(request, context, str(ALREADY_TYPED_TWICE[PaperEntry.Status(entry.status)]))

    def confirm(data: dict[str, Any]) -> HttpResponse:
        choices, points = form.ballot()
        confirmed = services.paper_ballot_confirm(
            actor=request.actor, entry=entry, choices=choices, points=points
        )
        message = (
            _("Both entries of paper %(number)s agree. It is counted.")
            if confirmed.status == PaperEntry.Status.COUNTED
            else _(
                "The two entries of paper %(number)s differ, so it is held and not counted. "
                "A round manager will look at the paper."
            )
        )
        return done(
            request,
            message % {"number": entry.paper_number},
            "budgeting:paper-confirm-list",
            organisation.slug,
            round_.public_id,
        )

    form = bound_form(
        BallotForm,
        request,
        question=_("What is marked on the paper?"),
        **_paper(round_, entry.area),
    )
    return form_page(request, form, "budgeting/stations_paper_confirm.html", context, confirm)


def _not_now(
    request: Request, context: dict[str, Any], message: str, *, held: bool = False
) -> HttpResponse:
    organisation, round_ = context["organisation"], context["round"]
    return render(
        request,
        "budgeting/stations_paper_done.html",
        {
            **context,
            "message": message,
            "back_url": reverse(
                "budgeting:paper-held" if held else "budgeting:paper-confirm-list",
                args=[organisation.slug, round_.public_id],
            ),
            "back_text": _("Back to held paper ballots")
            if held
            else _("Back to papers to type in again"),
        },
    )


# Held papers ----------------------------------------------------------------------------------


@requires(ROUND_MANAGE)
def paper_held(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    page = paginate(request, stations.held_papers(round_=round_))
    return render(
        request,
        "budgeting/stations_paper_held.html",
        {
            "title": _("Held paper ballots"),
            "organisation": organisation,
            "round": round_,
            "entries": list(page.object_list),
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


def _entry_lines(
    round_: Round, entry: PaperEntry, choices: list[int] | None, points: list[int] | None
) -> list[str]:
    """One entry's choices in words: '2. Skate ramp (£3,000)', with points or places."""
    by_number = {p.number: p for p in selectors.on_ballot(round_=round_, area=entry.area)}
    lines = []
    for place, number in enumerate(choices or [], start=1):
        proposal = by_number.get(number)
        if proposal is None:
            lines.append(str(number))
            continue
        about = {"number": number, "title": proposal.title, "cost": pounds(proposal.cost_pence)}
        if points is not None:
            given = points[place - 1]
            words = ngettext(
                "%(number)s. %(title)s (%(cost)s): %(n)s point",
                "%(number)s. %(title)s (%(cost)s): %(n)s points",
                given,
            ) % {**about, "n": given}
        elif round_.ballot_kind == Round.BallotKind.RANK:
            words = _("Place %(place)s: %(number)s. %(title)s (%(cost)s)") % {
                **about,
                "place": place,
            }
        else:
            words = _("%(number)s. %(title)s (%(cost)s)") % about
        lines.append(words)
    return lines


@GET_POST
@requires(ROUND_MANAGE)
def paper_resolve(
    request: Request, organisation: Organisation, round_id: uuid.UUID, entry_id: int
) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    entry = stations.paper_entry_get(round_=round_, entry_id=entry_id)
    context = {
        "title": _("Held paper %(number)s") % {"number": entry.paper_number},
        "organisation": organisation,
        "round": round_,
        "entry": entry,
        "first": _entry_lines(round_, entry, entry.choices, entry.points),
        "second": _entry_lines(round_, entry, entry.second_choices, entry.second_points),
    }
    if entry.status != PaperEntry.Status.HELD:
        return _not_now(
            request,
            context,
            _("Someone has decided what this paper says already. %(status)s.")
            % {"status": entry.get_status_display()},
            held=True,
        )
    if request.actor.person_id in (entry.entered_by_id, entry.confirmed_by_id):
        return _not_now(
            request,
            context,
            _("You typed this paper in, so someone else must look at it and decide what it says."),
            held=True,
        )

    def resolve(data: dict[str, Any]) -> HttpResponse:
        outcome = services.Outcome(data["outcome"])
        services.paper_entry_resolve(
            actor=request.actor,
            entry=entry,
            outcome=outcome,
            reason=data.get("reason", ""),
            idempotency_key=data["idempotency_key"],
        )
        message = (
            _("Paper %(number)s is spoilt. It is not counted.")
            if outcome is services.Outcome.SPOIL
            else _("Paper %(number)s is counted.")
        )
        return done(
            request,
            message % {"number": entry.paper_number},
            "budgeting:paper-held",
            organisation.slug,
            round_.public_id,
        )

    return form_page(
        request,
        bound_form(ResolveForm, request),
        "budgeting/stations_paper_resolve.html",
        context,
        resolve,
    )
