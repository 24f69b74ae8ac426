"""Recruiting new members of a board: staff open a call, young people (or residents) apply in
their own words, and staff select them for a vacant seat or tell them "not this time".

Locks are always taken in one order: the call, then the application, then the board and the
seat (as ``seat_change`` takes them), so two staff deciding at once, or a call closing while
someone applies, go one at a time. The applicant's words are never copied into the audit
trail: it records who did what, to which application, and the outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Membership, Person
from alongside.core.audit import audit_record
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Application, Board, Call, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.rules import BOARD_MANAGE, CALL_APPLY
from alongside.governance.selectors_recruitment import call_is_open
from alongside.governance.selectors_seats import HOLDER_ROLES
from alongside.governance.services.seats import seat_change

# Calls are for the resident side: professionals are appointed, not recruited here.
CALL_CONSTITUENCIES = (Constituency.YOUNG_PERSON, Constituency.RESIDENT)
WHY_MAX, BRING_MAX, SUPPORT_MAX, MESSAGE_MAX = 2000, 2000, 1000, 2000
ALREADY_APPLIED = (
    "You have already applied through this call. You can see your application in "
    "“Your applications”."
)


def _locked_call(call: Call) -> Call:
    return cast("Call", Call.objects.select_related("board").select_for_update().get(pk=call.pk))


@transaction.atomic
def call_open(
    *,
    actor: Actor,
    board: Board,
    title: str,
    description: str,
    constituency: str,
    places: int,
    closes_on: dt.date,
    idempotency_key: uuid.UUID,
) -> Call:
    """Open a call for new members of ``board``. A form sent twice with one key is one call."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is not None:
        raise ValidationFailed("This board has closed, so it cannot look for new members.")
    title, description = title.strip(), description.strip()
    if not title:
        raise ValidationFailed("Enter a title for the call.", field="title")
    if len(title) > 120:
        raise ValidationFailed("The title must be 120 characters or fewer.", field="title")
    if not description:
        raise ValidationFailed("Enter what joining the board means.", field="description")
    if len(description) > 3000:
        raise ValidationFailed(
            "What joining means must be 3000 characters or fewer.", field="description"
        )
    if constituency not in CALL_CONSTITUENCIES:
        raise ValidationFailed("Select who the call is for.", field="constituency")
    if not 1 <= places <= 50:
        raise ValidationFailed("The number of places must be from 1 to 50.", field="places")
    if closes_on <= timezone.localdate():
        raise ValidationFailed("The closing date must be in the future.", field="closes_on")

    def create() -> Call:
        call = Call.objects.create(
            board=board,
            constituency=constituency,
            title=title,
            description=description,
            places=places,
            closes_on=closes_on,
            created_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.call.open",
            summary=f"Call for members opened: {board.name}",
            actor_id=actor.person_id,
            organisation_id=board.organisation_id,
            target=call,
            data={
                "board": str(board.public_id),
                "constituency": constituency,
                "places": places,
                "closes_on": closes_on.isoformat(),
            },
        )
        return call

    call, _created = create_once(
        Call,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.board_id == board.pk and earlier.title == title,
    )
    return call


@transaction.atomic
def call_close(*, actor: Actor, call: Call) -> Call:
    """Close a call before its closing date. Closing it again changes nothing."""
    require(actor, BOARD_MANAGE, call.board.organisation)
    call = _locked_call(call)
    if call.closed_at is None:
        call.closed_at = timezone.now()
        call.save(update_fields=["closed_at", "updated_at"])
        audit_record(
            action="governance.call.close",
            summary=f"Call for members closed: {call.board.name}",
            actor_id=actor.person_id,
            organisation_id=call.board.organisation_id,
            target=call,
        )
    return call


def _check_can_apply(actor: Actor, call: Call) -> None:
    organisation = call.board.organisation
    roles = set(
        Membership.objects.filter(person=actor.person, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    wanted = {role.value for role in HOLDER_ROLES[Constituency(call.constituency)]}
    if not roles & wanted:
        raise ValidationFailed(
            "This call is for young people."
            if call.constituency == Constituency.YOUNG_PERSON
            else "This call is for parents and carers, community members and young people."
        )


@transaction.atomic
def application_send(
    *,
    actor: Actor,
    call: Call,
    why: str,
    bring: str = "",
    support_needed: str = "",
    idempotency_key: uuid.UUID,
) -> Application:
    """Apply to join a board through an open call. Once per call and person: the database's
    unique constraint decides, and its refusal is a plain message."""
    require(actor, CALL_APPLY, call.board.organisation)
    call = _locked_call(call)
    if not call_is_open(call, timezone.localdate()) or call.board.closed_at is not None:
        raise ValidationFailed("This call has closed, so it is not taking applications now.")
    _check_can_apply(actor, call)
    why, bring, support_needed = why.strip(), bring.strip(), support_needed.strip()
    if not why:
        raise ValidationFailed("Tell us why you want to join.", field="why")
    if len(why) > WHY_MAX:
        raise ValidationFailed(f"This must be {WHY_MAX} characters or fewer.", field="why")
    if len(bring) > BRING_MAX:
        raise ValidationFailed(f"This must be {BRING_MAX} characters or fewer.", field="bring")
    if len(support_needed) > SUPPORT_MAX:
        raise ValidationFailed(
            f"This must be {SUPPORT_MAX} characters or fewer.", field="support_needed"
        )
    person = cast("Person", actor.person)  # signed in: the policy let them apply

    def create() -> Application:
        application = Application.objects.create(
            call=call,
            person=person,
            why=why,
            bring=bring,
            support_needed=support_needed,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.application.send",
            summary=f"Applied to join {call.board.name}",
            actor_id=actor.person_id,
            organisation_id=call.board.organisation_id,
            target=application,
            data={"call": str(call.public_id)},
        )
        return application

    try:
        application, _created = create_once(
            Application,
            idempotency_key=idempotency_key,
            create=create,
            same=lambda earlier: earlier.call_id == call.pk and earlier.person_id == person.pk,
        )
    except IntegrityError as error:
        # Not this key's row: the one application per call and person is already there.
        raise ValidationFailed(ALREADY_APPLIED) from error
    return application


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application) -> Application:
    """The applicant takes their application back while it waits for a decision."""
    require(actor, CALL_APPLY, application.call.board.organisation)
    _locked_call(application.call)
    application = cast(
        "Application", Application.objects.select_for_update().get(pk=application.pk)
    )
    if application.person_id != actor.person_id:
        raise NotPermitted("Only the person who applied can withdraw this application.")
    if application.status == Application.Status.WITHDRAWN:
        return application
    if application.status != Application.Status.RECEIVED:
        raise ValidationFailed("This application has been decided, so it cannot be withdrawn.")
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        action="governance.application.withdraw",
        summary="An application to join a board was withdrawn",
        actor_id=actor.person_id,
        organisation_id=application.call.board.organisation_id,
        target=application,
    )
    return application


def _locked_to_decide(actor: Actor, application: Application, message: str) -> Application:
    require(actor, BOARD_MANAGE, application.call.board.organisation)
    _locked_call(application.call)
    application = cast(
        "Application",
        Application.objects.select_for_update()
        .select_related("call__board", "person")
        .get(pk=application.pk),
    )
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationFailed("This application was withdrawn, so it cannot be decided.")
    if application.status != Application.Status.RECEIVED:
        raise ValidationFailed("This application has already been decided.")
    if not message.strip():
        raise ValidationFailed(
            "Enter a message to the applicant, in plain words.", field="outcome_message"
        )
    if len(message.strip()) > MESSAGE_MAX:
        raise ValidationFailed(
            f"The message must be {MESSAGE_MAX} characters or fewer.", field="outcome_message"
        )
    return application


def _decided(
    actor: Actor, application: Application, status: str, message: str, seat: Seat | None
) -> Application:
    application.status = status
    application.outcome_message = message.strip()
    application.decided_by = actor.person
    application.decided_at = timezone.now()
    application.seat = seat
    application.save(
        update_fields=[
            "status",
            "outcome_message",
            "decided_by",
            "decided_at",
            "seat",
            "updated_at",
        ]
    )
    audit_record(
        action="governance.application.decide",
        summary=f"Application to join {application.call.board.name}: "
        f"{'selected' if seat else 'not selected this time'}",
        actor_id=actor.person_id,
        organisation_id=application.call.board.organisation_id,
        target=application,
        data={"outcome": status, "seat": seat.pk if seat else None},
    )
    return application


@transaction.atomic
def application_select(
    *, actor: Actor, application: Application, seat: Seat, outcome_message: str
) -> Application:
    """Give the applicant a vacant seat of the call's constituency on its board, and tell them.
    One transaction: if ``seat_change`` refuses (no consent to take part, say), nothing
    changes."""
    application = _locked_to_decide(actor, application, outcome_message)
    call = application.call
    Board.objects.select_for_update().get(pk=call.board_id)
    found = cast("Seat | None", Seat.objects.select_for_update().filter(pk=seat.pk).first())
    if (
        found is None
        or found.board_id != call.board_id
        or found.constituency != call.constituency
        or found.holder_id is not None
    ):
        raise ValidationFailed(
            "Select a vacant seat on this board for the people this call is for.", field="seat"
        )
    taken = Application.objects.filter(call=call, status=Application.Status.SELECTED).count()
    if taken >= call.places:
        raise ValidationFailed(
            f"All {call.places} places on this call have been filled.", field="seat"
        )
    seat = seat_change(
        actor=actor,
        seat=found,
        holder=application.person,
        role=found.role,
        term_starts=found.term_starts,
        term_ends=found.term_ends,
    )
    return _decided(actor, application, Application.Status.SELECTED, outcome_message, seat)


@transaction.atomic
def application_decline(
    *, actor: Actor, application: Application, outcome_message: str
) -> Application:
    """Tell the applicant they were not selected this time, in plain words."""
    application = _locked_to_decide(actor, application, outcome_message)
    return _decided(actor, application, Application.Status.NOT_SELECTED, outcome_message, None)
