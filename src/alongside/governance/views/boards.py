"""The organisation's boards: the list and each board's page, which every member can see, and
setting a board up with its quorum rule (staff)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.governance import quorum_words, rules, selectors
from alongside.governance import selectors_meetings as meetings_selectors
from alongside.governance.forms_boards import BoardCreateForm, QuorumForm
from alongside.governance.models import Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import boards as services
from alongside.govuk.pagination import paginate, pagination_params


@requires(rules.BOARD_VIEW)
def board_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.boards_for(organisation=organisation))
    person = request.actor.person
    return render(
        request,
        "governance/board_list.html",
        {
            "title": _("Boards"),
            "organisation": organisation,
            "reads_questions": person is not None
            and (
                Role.ORG_ADMIN in request.actor.roles_in(organisation.pk)
                or selectors.reads_questions(organisation=organisation, person=person)
            ),
            "boards": page.object_list,
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@dataclass(frozen=True)
class SeatGroup:
    label: str
    seats: list[Seat]


@requires(rules.BOARD_VIEW)
def board_detail(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    seats = selectors.seats_for(board=board)
    composition = selectors.composition(seats=seats, rule=board.quorum_rule)
    short = composition.full_house.missing
    meetings = paginate(request, meetings_selectors.meetings_for_board(board=board))
    return render(
        request,
        "governance/board_detail.html",
        {
            "title": board.name,
            "organisation": organisation,
            "board": board,
            "rule_words": quorum_words.rule_words(board.quorum_rule),
            "composition": composition,
            "full_house_short": _(
                "Even with everyone who holds a seat there, this board could not decide: "
                "it needs %(what)s."
            )
            % {"what": quorum_words.missing_list(short)}
            if short
            else "",
            "meetings": meetings.object_list,
            "page": meetings,
            "pagination": pagination_params(request, meetings),
            "seat_groups": [
                SeatGroup(str(label), [s for s in seats if s.constituency == value])
                for value, label in Constituency.choices
            ],
        },
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def board_create(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(BoardCreateForm, request)

    def create(data: dict[str, Any]) -> HttpResponse:
        board = services.board_create(
            actor=request.actor,
            organisation=organisation,
            kind=data["kind"],
            name=data["name"],
            purpose=data["purpose"],
            terms_of_reference=data["terms_of_reference"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Board set up. Check its quorum rule, then add its seats."),
            "governance:board-quorum",
            organisation.slug,
            board.public_id,
        )

    return form_page(
        request,
        form,
        "governance/board_form.html",
        {
            "title": _("Set up a board"),
            "organisation": organisation,
            "button_text": _("Set up the board"),
            "cancel_url": reverse("governance:board-list", args=[organisation.slug]),
        },
        create,
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def board_quorum(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = bound_form(
        QuorumForm,
        request,
        initial={
            "minimum": board.quorum_minimum,
            "residents": board.quorum_residents,
            "professionals": board.quorum_professionals,
            "young_people": board.quorum_young_people,
            "young_chair": board.quorum_young_chair,
        },
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        services.board_set_quorum(actor=request.actor, board=board, **data)
        return done(
            request,
            _("Quorum rule saved."),
            "governance:board-detail",
            organisation.slug,
            board.public_id,
        )

    return form_page(
        request,
        form,
        "governance/board_form.html",
        {
            "title": _("When can a meeting decide?"),
            "caption": board.name,
            "rule_words": quorum_words.rule_words(board.quorum_rule),
            "organisation": organisation,
            "button_text": _("Save the rule"),
            "cancel_url": reverse(
                "governance:board-detail", args=[organisation.slug, board.public_id]
            ),
        },
        change,
    )
