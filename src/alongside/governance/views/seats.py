"""A board's seats (staff): adding seats, giving one to someone or changing it, making it
vacant and taking an empty one off; and changing or closing the board itself."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import selectors as account_selectors
from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.governance import rules, selectors, selectors_seats
from alongside.governance.forms_boards import BoardChangeForm
from alongside.governance.forms_seats import SeatAddForm, SeatChangeForm
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import boards, seats
from alongside.governance.views._pages import board_confirm, no_store
from alongside.initiatives import selectors as initiatives


def _board_url(organisation: Organisation, board: Board) -> str:
    return reverse("governance:board-detail", args=[organisation.slug, board.public_id])


def _to_board(
    request: Request, organisation: Organisation, board: Board, message: str
) -> HttpResponse:
    return done(request, message, "governance:board-detail", organisation.slug, board.public_id)


def _seat_words(seat: Seat) -> str:
    return _("%(role)s seat for a %(constituency)s") % {
        "role": seat.get_role_display(),
        "constituency": seat.get_constituency_display().lower(),
    }


@GET_POST
@requires(rules.BOARD_MANAGE)
def seat_add(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = bound_form(SeatAddForm, request)

    def add(data: dict[str, Any]) -> HttpResponse:
        added = seats.seats_add(actor=request.actor, board=board, **data)
        message = (
            _("Seat added. Give it to someone with “Change”.")
            if len(added) == 1
            else _("%(count)s seats added. Give each one to someone with “Change”.")
            % {"count": len(added)}
        )
        return _to_board(request, organisation, board, message)

    return form_page(
        request,
        form,
        "governance/seat_add.html",
        {
            "title": _("Add seats"),
            "organisation": organisation,
            "board": board,
            "button_text": _("Add the seats"),
            "cancel_url": _board_url(organisation, board),
        },
        add,
    )


# The holder's choice for "nobody": radios with an empty value are not shown.
VACANT = "vacant"


def _people(seat: Seat, found: list[Person]) -> tuple[list[tuple[str, str]], dict[str, Person]]:
    """The holder's choices: who holds it now (or nobody), then who the search found."""
    people: dict[str, Person] = {}
    choices: list[tuple[str, str]] = []
    if seat.holder is not None:
        people[str(seat.holder.public_id)] = seat.holder
        choices.append((str(seat.holder.public_id), seat.holder.display_name))
    else:
        choices.append((VACANT, _("Nobody for now: it stays vacant")))
    for person in found:
        key = str(person.public_id)
        if key not in people:
            people[key] = person
            choices.append((key, person.display_name))
    return choices, people


def _hints(organisation: Organisation, seat: Seat, found: list[Person]) -> dict[str, str]:
    """A line under each person found: their roles here, and whether they may take the seat
    yet (two queries however many are found)."""
    roles = account_selectors.roles_by_person(organisation=organisation, people=found)
    consented = (
        account_selectors.consented_people(organisation=organisation, people=found)
        if seat.constituency == Constituency.YOUNG_PERSON
        else {p.pk for p in found}
    )
    hints = {}
    for person in found:
        words = ", ".join(roles.get(person.pk, []))
        if person.pk not in consented:
            words = _("%(roles)s. Has not agreed to take part yet, so cannot take the seat.") % {
                "roles": words
            }
        hints[str(person.public_id)] = words
    if seat.holder is not None:
        hints[str(seat.holder.public_id)] = _("Holds the seat now")
    return hints


@GET_POST
@requires(rules.BOARD_MANAGE)
def seat_change(
    request: Request, organisation: Organisation, board_id: uuid.UUID, seat_id: int
) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    seat = selectors_seats.seat_get(board=board, pk=seat_id)
    search = request.GET.get("q", "")[:60]
    found = selectors_seats.holder_candidates(board=board, seat=seat, search=search)
    more = len(found) > selectors_seats.MOST_FOUND
    found = found[: selectors_seats.MOST_FOUND]
    choices, people = _people(seat, found)
    hints = _hints(organisation, seat, found)
    form = bound_form(
        SeatChangeForm,
        request,
        people=choices,
        initial={
            "holder": str(seat.holder.public_id) if seat.holder else VACANT,
            "role": seat.role,
            "term_starts": seat.term_starts,
            "term_ends": seat.term_ends,
        },
    )
    form.fields["holder"].item_hints = hints

    def change(data: dict[str, Any]) -> HttpResponse:
        holder = people.get(data["holder"])  # None for VACANT
        seats.seat_change(
            actor=request.actor,
            seat=seat,
            holder=holder,
            role=data["role"],
            term_starts=data["term_starts"],
            term_ends=data["term_ends"],
        )
        return _to_board(request, organisation, board, _("Seat saved."))

    return no_store(
        form_page(
            request,
            form,
            "governance/seat_change.html",
            {
                "title": _("Change a seat"),
                "organisation": organisation,
                "board": board,
                "seat": seat,
                "seat_words": _seat_words(seat),
                "search": search,
                "found": found,
                "more": more,
                "button_text": _("Save the seat"),
                "cancel_url": _board_url(organisation, board),
            },
            change,
        )
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def seat_vacate(
    request: Request, organisation: Organisation, board_id: uuid.UUID, seat_id: int
) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    seat = selectors_seats.seat_get(board=board, pk=seat_id)
    explanation = (
        [
            _("%(name)s will no longer hold this seat on the board.")
            % {"name": seat.holder.display_name},
            _(
                "The meetings they went to stay on the record, and so do the votes and "
                "decisions they took part in."
            ),
        ]
        if seat.holder
        else [_("Nobody holds this seat now.")]
    )
    return board_confirm(
        request,
        organisation,
        board,
        lambda: seats.seat_vacate(actor=request.actor, seat=seat),
        template="governance/seat_confirm.html",
        title=_("Make this seat vacant"),
        explanation=explanation,
        button_text=_("Make it vacant"),
        message=_("The seat is now vacant."),
        seat_words=_seat_words(seat),
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def seat_remove(
    request: Request, organisation: Organisation, board_id: uuid.UUID, seat_id: int
) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    seat = selectors_seats.seat_get(board=board, pk=seat_id)
    explanation = [
        _("The board will have one seat fewer. Meetings already held keep who was there.")
    ]
    if seat.holder_id is not None:
        explanation.append(_("Someone holds this seat. Make it vacant first."))
    return board_confirm(
        request,
        organisation,
        board,
        lambda: seats.seat_remove(actor=request.actor, seat=seat),
        template="governance/seat_confirm.html",
        title=_("Take this seat off the board"),
        explanation=explanation,
        button_text=_("Take the seat off"),
        message=_("Seat taken off the board."),
        seat_words=_seat_words(seat),
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def board_edit(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    staff = {str(p.public_id): p for p in selectors_seats.staff_for(board=board)}
    own = {
        str(i.public_id): i
        for i in initiatives.initiatives_for_organisation(organisation=organisation)
    }
    form = bound_form(
        BoardChangeForm,
        request,
        staff=[(key, person.display_name) for key, person in staff.items()],
        initiatives=[(key, initiative.title) for key, initiative in own.items()],
        initial={
            "kind": board.kind,
            "name": board.name,
            "purpose": board.purpose,
            "terms_of_reference": board.terms_of_reference,
            "support_worker": next(
                (k for k, p in staff.items() if p.pk == board.support_worker_id), ""
            ),
            "initiative": next((k for k, i in own.items() if i.pk == board.initiative_id), ""),
        },
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        boards.board_change(
            actor=request.actor,
            board=board,
            kind=data["kind"],
            name=data["name"],
            purpose=data["purpose"],
            terms_of_reference=data["terms_of_reference"],
            support_worker=staff.get(data["support_worker"]),
            initiative=own.get(data["initiative"]),
        )
        return _to_board(request, organisation, board, _("Board details saved."))

    return form_page(
        request,
        form,
        "governance/board_edit.html",
        {
            "title": _("Change the board's details"),
            "caption": board.name,
            "organisation": organisation,
            "button_text": _("Save the details"),
            "cancel_url": _board_url(organisation, board),
        },
        change,
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def board_close(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    return board_confirm(
        request,
        organisation,
        board,
        lambda: boards.board_close(actor=request.actor, board=board),
        template="governance/board_close.html",
        title=_("Close this board"),
        explanation=[
            _("Its meetings, minutes and decisions stay, and everyone can still read them."),
            _(
                "After it closes, nobody can plan a meeting of it, add seats or change who "
                "holds them. You cannot open it again."
            ),
        ],
        button_text=_("Close the board"),
        message=_("Board closed."),
    )
