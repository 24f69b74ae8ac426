"""The organisation's boards: the list and each board's page, which every member can see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.governance import quorum_words, rules, selectors
from alongside.governance import selectors_meetings as meetings_selectors
from alongside.governance.models import Seat
from alongside.governance.models.boards import Constituency
from alongside.govuk.pagination import paginate, pagination_params


@requires(rules.BOARD_VIEW)
def board_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.boards_for(organisation=organisation))
    return render(
        request,
        "governance/board_list.html",
        {
            "title": _("Boards"),
            "organisation": organisation,
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
