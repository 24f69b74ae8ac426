"""Boards. Staff set a board up with its quorum rule, change its details and close it. Its
seats, and who holds them, are in ``seats.py``."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import STAFF_ROLES
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Board
from alongside.governance.rules import BOARD_MANAGE
from alongside.initiatives.models import Initiative


def check_board_open(board: Board) -> None:
    """Refuse a change to a closed board's seats or quorum (``seats.py`` asks it too)."""
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
    check_board_open(board)
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


BOARD_FIELDS = ("kind", "name", "purpose", "terms_of_reference", "support_worker", "initiative")


@transaction.atomic
def board_change(
    *,
    actor: Actor,
    board: Board,
    kind: str,
    name: str,
    purpose: str,
    terms_of_reference: str = "",
    support_worker: Person | None = None,
    initiative: Initiative | None = None,
) -> Board:
    """Change a board's details; the audit event names the fields that changed."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is not None:
        raise ValidationFailed("This board has closed, so its details cannot change.")
    if kind not in Board.Kind.values:
        raise ValidationFailed("Select what kind of board it is.", field="kind")
    if not name.strip():
        raise ValidationFailed("Enter the board's name.", field="name")
    if not purpose.strip():
        raise ValidationFailed("Enter what the board is for.", field="purpose")
    if (
        support_worker is not None
        and not Membership.objects.filter(
            person=support_worker, organisation=board.organisation, role__in=STAFF_ROLES
        ).exists()
    ):
        raise ValidationFailed(
            "The support worker must be a member of this organisation's staff.",
            field="support_worker",
        )
    if initiative is not None and initiative.organisation_id != board.organisation_id:
        raise ValidationFailed("Select one of this organisation's initiatives.", field="initiative")
    new = {
        "kind": kind,
        "name": name.strip(),
        "purpose": purpose.strip(),
        "terms_of_reference": terms_of_reference.strip(),
        "support_worker_id": support_worker.pk if support_worker else None,
        "initiative_id": initiative.pk if initiative else None,
    }
    changed = [field for field, value in new.items() if getattr(board, field) != value]
    if changed:
        for field in changed:
            setattr(board, field, new[field])
        board.save(update_fields=[*changed, "updated_at"])
        audit_record(
            action="governance.board.update",
            summary=f"Board details changed: {board.name}",
            actor_id=actor.person_id,
            organisation_id=board.organisation_id,
            target=board,
            data={"changed": [field.removesuffix("_id") for field in changed]},
        )
    return board


@transaction.atomic
def board_close(*, actor: Actor, board: Board) -> Board:
    """Close a board: it takes no new seats, calls or meetings. Its meetings and decisions stay."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is not None:
        raise ValidationFailed("This board has already closed.")
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
