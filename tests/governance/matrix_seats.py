"""Governance's rows of the permission matrix and page sweep for a board's seats (adding,
changing, making vacant, taking off) and for changing or closing a board."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.initiatives.models import Initiative
from tests.decisions.factories import InitiativeFactory
from tests.governance.factories import BoardFactory, seat_for
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R


def _board(w: World) -> dict[str, Any]:
    """A board with long names: a young chair, a professional member, and a vacant young
    person's seat; the organisation has an initiative it could be part of."""
    if "seats_board" not in w.objects:
        board = BoardFactory(
            organisation=w.organisation,
            name=long_name("board"),
            purpose=long_name("purpose"),
            terms_of_reference=long_name("terms"),
        )
        InitiativeFactory(organisation=w.organisation, title=long_name("initiative"))
        w.objects["seats_board"] = board
        w.objects["held"] = seat_for(
            board, Constituency.PROFESSIONAL, display_name=long_name("officer")
        )
        seat_for(
            board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR, display_name=long_name("chair")
        )
        w.objects["vacant"] = Seat.objects.create(
            board=board, constituency=Constituency.YOUNG_PERSON
        )
    return {"org": w.organisation.slug, "board_id": w.objects["seats_board"].public_id}


def _held(w: World) -> dict[str, Any]:
    return _board(w) | {"seat_id": w.objects["held"].pk}


def _vacant(w: World) -> dict[str, Any]:
    return _board(w) | {"seat_id": w.objects["vacant"].pk}


def _edit_body(w: World) -> dict[str, str]:
    return {
        "kind": Board.Kind.STEERING_GROUP,
        "name": "Skatepark steering group",
        "purpose": "Young people and staff plan the new skatepark together.",
        "terms_of_reference": "",
        "support_worker": str(w.person(Role.WORKER.value).public_id),
        "initiative": "",
    }


def _add_body(w: World) -> dict[str, str]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "constituency": Constituency.RESIDENT,
        "role": Seat.Role.MEMBER,
        "count": "2",
        "term_starts_day": "1",
        "term_starts_month": "9",
        "term_starts_year": "2026",
        "term_ends_day": "",
        "term_ends_month": "",
        "term_ends_year": "",
    }


def _change_body(w: World) -> dict[str, str]:
    return {
        "holder": str(w.objects["held"].holder.public_id),
        "role": Seat.Role.VICE_CHAIR,
        "term_starts_day": "1",
        "term_starts_month": "9",
        "term_starts_year": "2026",
        "term_ends_day": "31",
        "term_ends_month": "8",
        "term_ends_year": "2027",
    }


MATRIX_ROWS = [
    R("governance:board-edit", _board, body=_edit_body),
    R("governance:board-close", _board, body=lambda w: {}),
    R("governance:seat-add", _board, body=_add_body),
    R("governance:seat-change", _held, body=_change_body),
    R("governance:seat-vacate", _held, body=lambda w: {}),
    R("governance:seat-remove", _vacant, body=lambda w: {}),
]

PAGE_STATES = [
    # A vacant young person's seat, searched for the young people of the world by name: the
    # long names found are the choices.
    PageState(
        "governance-seat-search-found",
        "governance:seat-change",
        _vacant,
        Role.WORKER.value,
        query="?q=YoungPerson",
    ),
    # A search that finds nobody says so, and what to try.
    PageState(
        "governance-seat-search-none",
        "governance:seat-change",
        _vacant,
        Role.WORKER.value,
        query="?q=" + long_name("nobody"),
    ),
]

TYPED_TEXT = [
    (Initiative, "title"),
]
