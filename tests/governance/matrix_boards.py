"""Governance's rows of the permission matrix and page sweep for boards, seats, the glossary
and recruitment (see tests/matrix.py)."""

from __future__ import annotations

import uuid

from alongside.accounts.roles import Role
from alongside.governance.models import Board, GlossaryTerm, Seat
from alongside.governance.models.boards import Constituency
from tests.governance.factories import BoardFactory, seat_for
from tests.matrix import PageState, World, long_name, org
from tests.matrix import Row as R


def _glossary(w: World) -> dict[str, str]:
    if "glossary_term" not in w.objects:
        w.objects["glossary_term"] = GlossaryTerm.objects.create(
            organisation=w.organisation, term=long_name("term"), meaning=long_name("meaning")
        )
    return {"org": w.organisation.slug}


def _term(w: World) -> dict[str, object]:
    found = _glossary(w)
    return found | {"term_id": w.objects["glossary_term"].pk}


def _term_body(w: World) -> dict[str, str]:
    return {"term": "Co-opt", "meaning": "To invite someone onto the board without a vote."}


def _boards(w: World) -> dict[str, str]:
    if "board" not in w.objects:
        w.objects["board"] = BoardFactory(organisation=w.organisation, name=long_name("board"))
    return {"org": w.organisation.slug}


def _board(w: World) -> dict[str, object]:
    """A board with long names everywhere: a young chair, a professional, a vacant seat, and
    no resident, so its page warns it could never be quorate."""
    _boards(w)
    board = w.objects["board"]
    if "seats" not in w.objects:
        Board.objects.filter(pk=board.pk).update(
            purpose=long_name("purpose"), terms_of_reference=long_name("terms")
        )
        w.objects["seats"] = [
            seat_for(board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR),
            seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("officer")),
            Seat.objects.create(board=board, constituency=Constituency.YOUNG_PERSON),
        ]
    return {"org": w.organisation.slug, "board_id": board.public_id}


def _create_body(w: World) -> dict[str, str]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "kind": Board.Kind.YOUTH_COUNCIL,
        "name": "Youth council",
        "purpose": "Young people speak for young people across the town.",
        "terms_of_reference": "",
    }


def _quorum_body(w: World) -> dict[str, str]:
    return {
        "minimum": "4",
        "residents": "2",
        "professionals": "1",
        "young_people": "1",
        "young_chair": "on",
    }


MATRIX_ROWS = [
    R("governance:board-list", _boards),
    R("governance:board-create", org, body=_create_body),
    R("governance:board-quorum", _board, body=_quorum_body),
    R("governance:board-detail", _board),
    R("governance:glossary", _glossary),
    R("governance:glossary-add", _glossary, body=_term_body),
    R("governance:glossary-change", _term, body=_term_body),
    R("governance:glossary-remove", _term, body=lambda w: {}),
]

PAGE_STATES = [
    # No boards yet: the page says what will appear.
    PageState(
        "governance-boards-empty",
        "governance:board-list",
        lambda w: {"org": w.organisation.slug},
        Role.YOUNG_PERSON.value,
    ),
    # No words yet: the page says what will appear.
    PageState(
        "governance-glossary-empty",
        "governance:glossary",
        lambda w: {"org": w.organisation.slug},
        Role.YOUNG_PERSON.value,
    ),
]

TYPED_TEXT = [
    (Board, "name"),
    (Board, "purpose"),
    (Board, "terms_of_reference"),
    (GlossaryTerm, "term"),
    (GlossaryTerm, "meaning"),
]
