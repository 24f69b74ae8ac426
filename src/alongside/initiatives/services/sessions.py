"""Sessions and attendance: the face-to-face half of an initiative.

A worker records a session (a date, a kind of place, never an address, and how long it ran),
then who came and for how many minutes. One row per person per session: the unique
constraint decides, so adding someone twice changes their minutes rather than doubling
them, and two workers adding the same person at once make one row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts import services as accounts
from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.core.policy import Action
from alongside.credits.models import Basis
from alongside.initiatives.models import Attendance, Initiative, Session
from alongside.initiatives.rules import SESSION_RECORD

MAX_MINUTES = 24 * 60


def _require(actor: Actor, action: Action, organisation: Organisation) -> None:
    if not actor.can(action, organisation):
        raise NotPermitted("You do not have permission to do this in this organisation.")


def _check_duration(duration_minutes: int) -> None:
    if not 1 <= duration_minutes <= MAX_MINUTES:
        raise ValidationFailed(
            f"How long it ran must be from 1 to {MAX_MINUTES} minutes (24 hours).",
            field="duration_minutes",
        )


def _check_minutes(session: Session, minutes: int) -> None:
    if not 1 <= minutes <= session.duration_minutes:
        raise ValidationFailed(
            f"Minutes must be from 1 to {session.duration_minutes}, "
            "as the session did not run for longer.",
            field="minutes",
        )


def _check_member(person: Person, organisation: Organisation) -> None:
    if not Person.objects.for_organisation(organisation).filter(pk=person.pk).exists():
        raise NotFound("That person is not part of this organisation.")


@transaction.atomic
def session_record(
    *,
    actor: Actor,
    initiative: Initiative,
    held_on: dt.date,
    place: str,
    duration_minutes: int,
    idempotency_key: uuid.UUID,
    basis: str = Basis.CHOSEN,
) -> Session:
    """Record a session that was held. A form sent twice with the same key is one session."""
    organisation = initiative.organisation
    _require(actor, SESSION_RECORD, organisation)
    if initiative.stage == Initiative.Stage.CLOSED:
        raise ValidationFailed("This initiative has closed, so no more sessions can be added.")
    if held_on > timezone.localdate():
        raise ValidationFailed(
            "The date of the session must be today or in the past.", field="held_on"
        )
    if initiative.starts_on is not None and held_on < initiative.starts_on:
        raise ValidationFailed(
            "The date of the session must be on or after the day the initiative began, "
            f"{initiative.starts_on.day} {initiative.starts_on:%B %Y}.",
            field="held_on",
        )
    if place not in Session.Place.values:
        raise ValidationFailed("Select the kind of place it was held.", field="place")
    _check_duration(duration_minutes)
    if basis not in Basis.values:
        raise ValidationFailed("Select why people were there.", field="basis")

    def create() -> Session:
        session = Session.objects.create(
            initiative=initiative,
            held_on=held_on,
            place=place,
            duration_minutes=duration_minutes,
            basis=basis,
            recorded_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="initiatives.session.record",
            summary=f"Session of {duration_minutes} minutes recorded",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=session,
            data={"initiative": str(initiative.public_id), "place": place},
        )
        return session

    session, _created = create_once(
        Session,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.initiative_id == initiative.pk
            and earlier.recorded_by_id == actor.person_id
            and earlier.held_on == held_on
            and earlier.place == place
            and earlier.duration_minutes == duration_minutes
            and earlier.basis == basis
        ),
    )
    return session


def session_record_view(*, actor: Actor, session: Session) -> None:
    """Seeing who came to a session is itself recorded: it is personal data."""
    audit_record(
        action="initiatives.session.view",
        summary="Who came to a session was looked at",
        actor_id=actor.person_id,
        organisation_id=session.initiative.organisation_id,
        target=session,
    )


@transaction.atomic
def attendance_record(
    *, actor: Actor, session: Session, person: Person, minutes: int
) -> tuple[Attendance, bool]:
    """Put ``person`` on the session for ``minutes``; ``(row, True)`` if they were not on it.

    If they were (a form sent twice, two workers at once, or a change of minutes), their one
    row takes the new minutes: the unique constraint decides, never a check beforehand.
    """
    organisation = session.initiative.organisation
    _require(actor, SESSION_RECORD, organisation)
    _check_member(person, organisation)
    _check_minutes(session, minutes)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(session=session, person=person, minutes=minutes)
    except IntegrityError:
        attendance = cast(
            Attendance,
            Attendance.objects.select_for_update().get(session=session, person=person),
        )
        if attendance.minutes != minutes:
            was = attendance.minutes
            attendance.minutes = minutes
            attendance.save(update_fields=["minutes", "updated_at"])
            audit_record(
                action="initiatives.attendance.change",
                summary=f"Minutes changed from {was} to {minutes}",
                actor_id=actor.person_id,
                organisation_id=organisation.pk,
                target=attendance,
                data={"session": str(session.public_id)},
            )
        return attendance, False
    audit_record(
        action="initiatives.attendance.record",
        summary=f"Added to a session for {minutes} minutes",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=attendance,
        data={"session": str(session.public_id)},
    )
    return attendance, True


@transaction.atomic
def attendance_record_new_person(
    *,
    actor: Actor,
    session: Session,
    display_name: str,
    birth_month: int,
    birth_year: int,
    minutes: int,
    idempotency_key: uuid.UUID,
) -> Attendance:
    """Add a young person who has no sign-in, met at this session, and put them on it.

    They are recorded by the accounts service, which flags an under-13 as waiting for a
    parent's consent. The form's key makes a form sent twice one person, not two.
    """
    organisation = session.initiative.organisation
    _require(actor, SESSION_RECORD, organisation)
    _check_minutes(session, minutes)
    display_name = display_name.strip()

    def create() -> Attendance:
        person = accounts.person_create_offline(
            actor=actor,
            organisation=organisation,
            display_name=display_name,
            kind=Person.Kind.YOUNG_PERSON,
            birth_month=birth_month,
            birth_year=birth_year,
        )
        attendance = Attendance.objects.create(
            session=session, person=person, minutes=minutes, idempotency_key=idempotency_key
        )
        audit_record(
            action="initiatives.attendance.record",
            summary=f"Someone new added to a session for {minutes} minutes",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=attendance,
            data={"session": str(session.public_id)},
        )
        return attendance

    attendance, _created = create_once(
        Attendance,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.session_id == session.pk
            and earlier.person.created_by_id == actor.person_id
            and earlier.person.display_name == display_name
        ),
    )
    return attendance


@transaction.atomic
def attendance_remove(*, actor: Actor, attendance: Attendance) -> None:
    """Take someone off a session (they were added by mistake). Their record stays."""
    session = attendance.session
    organisation = session.initiative.organisation
    _require(actor, SESSION_RECORD, organisation)
    removed = Attendance.objects.filter(pk=attendance.pk).delete()[0]
    if not removed:
        return  # someone else took them off a moment ago
    audit_record(
        action="initiatives.attendance.remove",
        summary="Taken off a session",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=attendance,
        data={"session": str(session.public_id)},
    )
