"""A board's seats. Staff add seats and give them to people of the right kind, change them,
make them vacant and take empty ones off. One chair, one vice-chair and one seat per person per
board: the database constraints decide, and their refusals become plain messages."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import IntegrityError, transaction

from alongside.accounts import selectors as account_selectors
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Membership, Person
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.rules import BOARD_MANAGE
from alongside.governance.selectors_seats import HOLDER_ROLES
from alongside.governance.services.boards import check_board_open

MOST_SEATS_AT_ONCE = 20
ROLE_TAKEN: dict[str, str] = {
    Seat.Role.CHAIR: "This board already has a chair. Change the chair's seat first.",
    Seat.Role.VICE_CHAIR: (
        "This board already has a vice-chair. Change the vice-chair's seat first."
    ),
}


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
        if (
            seat.idempotency_key is not None
            and Seat.objects.filter(idempotency_key=seat.idempotency_key)
            .exclude(pk=seat.pk)
            .exists()
        ):
            raise  # the same form sent again: create_once answers with the first seat
        others = Seat.objects.filter(board_id=seat.board_id).exclude(pk=seat.pk)
        if seat.holder_id is not None and others.filter(holder_id=seat.holder_id).exists():
            raise ValidationFailed(
                "That person already has a seat on this board. Change their seat instead.",
                field="holder",
            ) from error
        if seat.role in ROLE_TAKEN and others.filter(role=seat.role).exists():
            raise ValidationFailed(ROLE_TAKEN[seat.role], field="role") from error
        raise


def _check_term(term_starts: dt.date | None, term_ends: dt.date | None) -> None:
    if term_starts and term_ends and term_ends <= term_starts:
        raise ValidationFailed("The end of the term must be after its start.", field="term_ends")


def _check_role(role: str) -> None:
    if role not in Seat.Role.values:
        raise ValidationFailed("Select the seat's role.", field="role")


def _locked(actor: Actor, seat: Seat) -> tuple[Board, Seat]:
    """The seat's board and the seat, both locked (the board first, as every seat write)."""
    require(actor, BOARD_MANAGE, seat.board.organisation)
    board = Board.objects.select_for_update().get(pk=seat.board_id)
    check_board_open(board)
    return board, cast("Seat", Seat.objects.select_for_update().get(pk=seat.pk))


@transaction.atomic
def seat_add(
    *,
    actor: Actor,
    board: Board,
    constituency: str,
    role: str = Seat.Role.MEMBER,
    holder: Person | None = None,
    term_starts: dt.date | None = None,
    term_ends: dt.date | None = None,
    idempotency_key: uuid.UUID,
) -> Seat:
    """Add one seat, vacant or held. A form sent twice with the same key is one seat."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    check_board_open(board)
    if constituency not in Constituency.values:
        raise ValidationFailed("Select who the seat is for.", field="constituency")
    _check_role(role)
    _check_term(term_starts, term_ends)
    if holder is not None:
        _check_holder(board, constituency, holder)

    def create() -> Seat:
        seat = Seat(
            board=board,
            constituency=constituency,
            role=role,
            holder=holder,
            term_starts=term_starts,
            term_ends=term_ends,
            idempotency_key=idempotency_key,
        )
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

    seat, _created = create_once(
        Seat,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.board_id == board.pk
            and earlier.constituency == constituency
            and earlier.role == role
        ),
    )
    return seat


@transaction.atomic
def seats_add(
    *,
    actor: Actor,
    board: Board,
    constituency: str,
    role: str,
    count: int,
    term_starts: dt.date | None = None,
    term_ends: dt.date | None = None,
    idempotency_key: uuid.UUID,
) -> list[Seat]:
    """Add ``count`` vacant seats alike (1 to 20). Each seat's key comes from the form's key,
    so the form sent twice adds them once."""
    require(actor, BOARD_MANAGE, board.organisation)
    if not 1 <= count <= MOST_SEATS_AT_ONCE:
        raise ValidationFailed(
            f"You can add from 1 to {MOST_SEATS_AT_ONCE} seats at a time.", field="count"
        )
    if role in ROLE_TAKEN and count > 1:
        raise ValidationFailed(
            "A board has one chair and one vice-chair. Add that seat on its own.", field="count"
        )
    return [
        seat_add(
            actor=actor,
            board=board,
            constituency=constituency,
            role=role,
            term_starts=term_starts,
            term_ends=term_ends,
            idempotency_key=uuid.uuid5(idempotency_key, str(number)),
        )
        for number in range(count)
    ]


@transaction.atomic
def seat_change(
    *,
    actor: Actor,
    seat: Seat,
    holder: Person | None,
    role: str,
    term_starts: dt.date | None = None,
    term_ends: dt.date | None = None,
) -> Seat:
    """Give a seat to someone (or someone else), and set its role and term. Someone new is
    checked as ``seat_add`` checks a holder; one chair and one vice-chair, as ever."""
    board, seat = _locked(actor, seat)
    _check_role(role)
    _check_term(term_starts, term_ends)
    new_holder = (holder.pk if holder else None) != seat.holder_id
    if holder is not None and new_holder:
        _check_holder(board, seat.constituency, holder)
    old = {"role": seat.role, "holder": seat.holder_id is not None}
    seat.holder = holder
    seat.role = role
    seat.term_starts = term_starts
    seat.term_ends = term_ends
    _save_seat(seat, update_fields=["holder", "role", "term_starts", "term_ends", "updated_at"])
    audit_record(
        action="governance.seat.assign" if holder and new_holder else "governance.seat.change",
        summary=f"Seat on {board.name} "
        + ("given to someone" if holder and new_holder else "changed"),
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=seat,
        data={
            "old": old,
            "new": {"role": role, "holder": holder is not None},
            "new_holder": new_holder,
        },
    )
    return seat


@transaction.atomic
def seat_vacate(*, actor: Actor, seat: Seat) -> Seat:
    """Make a seat vacant: its holder and term go; the meetings they went to stay on the
    record (attendance copies the constituency). Vacant already: nothing changes."""
    board, seat = _locked(actor, seat)
    if seat.holder_id is None:
        return seat
    seat.holder = None
    seat.term_starts = None
    seat.term_ends = None
    seat.save(update_fields=["holder", "term_starts", "term_ends", "updated_at"])
    audit_record(
        action="governance.seat.vacate",
        summary=f"Seat on {board.name} left vacant",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=seat,
    )
    return seat


@transaction.atomic
def seat_remove(*, actor: Actor, seat: Seat) -> None:
    """Take an empty seat off a board. A seat someone holds is made vacant first."""
    board, seat = _locked(actor, seat)
    if seat.holder_id is not None:
        raise ValidationFailed(
            "Someone holds this seat. Make it vacant before you take it off the board."
        )
    audit_record(
        action="governance.seat.remove",
        summary=f"Seat taken off {board.name}",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=seat,
        data={"constituency": seat.constituency, "role": seat.role},
    )
    seat.delete()
