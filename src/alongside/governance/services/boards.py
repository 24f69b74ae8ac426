"""Boards and their seats. Staff set a board up with its quorum rule, then add seats and give
them to people of the right kind. One chair, one vice-chair and one seat per person per board:
the database constraints decide, and their refusals become plain messages."""

from __future__ import annotations

import uuid
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts import selectors as account_selectors
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import STAFF_ROLES, Role
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.rules import BOARD_MANAGE

# Which roles may hold a seat of each constituency. Young people are residents too.
HOLDER_ROLES = {
    Constituency.YOUNG_PERSON: {Role.YOUNG_PERSON},
    Constituency.RESIDENT: {Role.PARENT_CARER, Role.COMMUNITY_MEMBER, Role.YOUNG_PERSON},
    Constituency.PROFESSIONAL: set(STAFF_ROLES),
}
ROLE_TAKEN: dict[str, str] = {
    Seat.Role.CHAIR: "This board already has a chair. Change the chair's seat first.",
    Seat.Role.VICE_CHAIR: (
        "This board already has a vice-chair. Change the vice-chair's seat first."
    ),
}


def _check_open(board: Board) -> None:
    if board.closed_at is not None:
        raise ValidationFailed("This board has closed, so its seats cannot change.")


def _quorum(board: Board) -> dict[str, int | bool]:
    return {
        "minimum": board.quorum_minimum,
        "residents": board.quorum_residents,
        "professionals": board.quorum_professionals,
        "young_people": board.quorum_young_people,
        "young_chair": board.quorum_young_chair,
    }


@transaction.atomic
def board_create(
    *,
    actor: Actor,
    organisation: Organisation,
    kind: str,
    name: str,
    purpose: str,
    terms_of_reference: str = "",
    idempotency_key: uuid.UUID,
) -> Board:
    """Set up a board. A form sent twice with the same key is one board."""
    require(actor, BOARD_MANAGE, organisation)
    if kind not in Board.Kind.values:
        raise ValidationFailed("Select what kind of board it is.", field="kind")
    if not name.strip():
        raise ValidationFailed("Enter the board's name.", field="name")
    if not purpose.strip():
        raise ValidationFailed("Enter what the board is for.", field="purpose")

    def create() -> Board:
        board = Board.objects.create(
            organisation=organisation,
            kind=kind,
            name=name.strip(),
            purpose=purpose.strip(),
            terms_of_reference=terms_of_reference.strip(),
            created_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.board.create",
            summary=f"Board set up: {board.name}",
            actor_id=actor.person_id,
            organisation_id=board.organisation_id,
            target=board,
            data={"kind": kind, "quorum": _quorum(board)},
        )
        return board

    board, _created = create_once(
        Board,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.organisation_id == organisation.pk
            and earlier.name == name.strip()
            and earlier.kind == kind
        ),
    )
    return board


@transaction.atomic
def board_set_quorum(
    *,
    actor: Actor,
    board: Board,
    minimum: int,
    residents: int,
    professionals: int,
    young_people: int,
    young_chair: bool,
) -> Board:
    """Change the quorum rule; the audit event keeps the old rule and the new."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    _check_open(board)
    if not 1 <= minimum <= 100:
        raise ValidationFailed(
            "The least number of voting members must be from 1 to 100.", field="minimum"
        )
    if not 1 <= residents <= 10:
        raise ValidationFailed(
            "Young people and residents in the ratio must be from 1 to 10.", field="residents"
        )
    if not 1 <= professionals <= 10:
        raise ValidationFailed(
            "Professionals in the ratio must be from 1 to 10.", field="professionals"
        )
    if not 0 <= young_people <= 100:
        raise ValidationFailed(
            "The least number of young people must be from 0 to 100.", field="young_people"
        )
    old = _quorum(board)
    board.quorum_minimum = minimum
    board.quorum_residents = residents
    board.quorum_professionals = professionals
    board.quorum_young_people = young_people
    board.quorum_young_chair = young_chair
    board.save(
        update_fields=[
            "quorum_minimum",
            "quorum_residents",
            "quorum_professionals",
            "quorum_young_people",
            "quorum_young_chair",
            "updated_at",
        ]
    )
    audit_record(
        action="governance.board.quorum",
        summary=f"Quorum rule changed: {board.name}",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=board,
        data={"old": old, "new": _quorum(board)},
    )
    return board


@transaction.atomic
def board_close(*, actor: Actor, board: Board) -> Board:
    """Close a board: it takes no new seats, calls or meetings."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is None:
        board.closed_at = timezone.now()
        board.save(update_fields=["closed_at", "updated_at"])
        audit_record(
            action="governance.board.close",
            summary=f"Board closed: {board.name}",
            actor_id=actor.person_id,
            organisation_id=board.organisation_id,
            target=board,
        )
    return board


def _check_holder(board: Board, constituency: str, holder: Person) -> None:
    roles = set(
        Membership.objects.filter(person=holder, organisation=board.organisation).values_list(
            "role", flat=True
        )
    )
    if not roles:
        raise ValidationFailed("That person is not part of this organisation.", field="holder")
    if not roles & {r.value for r in HOLDER_ROLES[Constituency(constituency)]}:
        raise ValidationFailed(
            {
                Constituency.YOUNG_PERSON: "A young person's seat can only go to a young person.",
                Constituency.RESIDENT: "A resident's seat can only go to a parent or carer, "
                "a community member or a young person.",
                Constituency.PROFESSIONAL: (
                    "A professional's seat can only go to a member of staff."
                ),
            }[Constituency(constituency)],
            field="holder",
        )
    if constituency == Constituency.YOUNG_PERSON and not account_selectors.consented_people(
        organisation=board.organisation, people=[holder]
    ):
        raise ValidationFailed(
            "This young person cannot take a seat until they (or their parent or carer, "
            "if they are under 13) agree to take part.",
            field="holder",
        )


def _save_seat(seat: Seat, **fields: object) -> None:
    """Save inside a savepoint, so a constraint's refusal becomes a message and the rest of
    the transaction carries on."""
    try:
        with transaction.atomic():
            seat.save(**fields)  # type: ignore[arg-type]
    except IntegrityError as error:
        # The constraint's name is not in every database's message, so ask which one it was
        # (the board row is locked, so the answer cannot change under us).
        others = Seat.objects.filter(board_id=seat.board_id).exclude(pk=seat.pk)
        if seat.holder_id is not None and others.filter(holder_id=seat.holder_id).exists():
            raise ValidationFailed(
                "That person already has a seat on this board. Change their seat instead.",
                field="holder",
            ) from error
        if seat.role in ROLE_TAKEN and others.filter(role=seat.role).exists():
            raise ValidationFailed(ROLE_TAKEN[seat.role], field="role") from error
        raise


@transaction.atomic
def seat_add(
    *,
    actor: Actor,
    board: Board,
    constituency: str,
    role: str = Seat.Role.MEMBER,
    holder: Person | None = None,
) -> Seat:
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    _check_open(board)
    if constituency not in Constituency.values:
        raise ValidationFailed("Select who the seat is for.", field="constituency")
    if role not in Seat.Role.values:
        raise ValidationFailed("Select the seat's role.", field="role")
    if holder is not None:
        _check_holder(board, constituency, holder)
    seat = Seat(board=board, constituency=constituency, role=role, holder=holder)
    _save_seat(seat)
    audit_record(
        action="governance.seat.add",
        summary=f"Seat added to {board.name}",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=seat,
        data={"constituency": constituency, "role": role, "holder": holder is not None},
    )
    return seat


@transaction.atomic
def seat_assign(*, actor: Actor, seat: Seat, holder: Person | None) -> Seat:
    """Give a seat to someone, or leave it vacant (holder None)."""
    require(actor, BOARD_MANAGE, seat.board.organisation)
    board = Board.objects.select_for_update().get(pk=seat.board_id)
    _check_open(board)
    seat = cast("Seat", Seat.objects.select_for_update().get(pk=seat.pk))
    if holder is not None:
        _check_holder(board, seat.constituency, holder)
    seat.holder = holder
    _save_seat(seat, update_fields=["holder", "updated_at"])
    audit_record(
        action="governance.seat.assign" if holder else "governance.seat.vacate",
        summary=f"Seat on {board.name} {'given to someone' if holder else 'left vacant'}",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=seat,
    )
    return seat
