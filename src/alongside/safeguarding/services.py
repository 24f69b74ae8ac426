"""Writes for safeguarding concerns. A concern reaches the organisation's designated
safeguarding leads at once (a notice that carries none of its words), must be picked up by a
set time, and is escalated once to the organisation's admins if it is not. Admins are told
that, never what it says: only leads read concerns."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.core.policy import Action
from alongside.notices.services import notice_send
from alongside.safeguarding import selectors
from alongside.safeguarding.models import Concern
from alongside.safeguarding.rules import CONCERN_HANDLE, CONCERN_RAISE, CONCERN_RAISE_SELF
from alongside.voice.models import Contribution

DEFAULT_ACKNOWLEDGE_WITHIN_HOURS = 24

NEW_NOTICE = "A new safeguarding concern is waiting for you"
LATE_NOTICE = (
    "A safeguarding concern has not been picked up in time. You cannot read it: ask your "
    "safeguarding leads to look at it now."
)
NO_LEAD_NOTICE = (
    "A safeguarding concern was raised but nobody here is a designated safeguarding lead. "
    "Give someone that role now: only a lead can read it."
)
REPLY_NOTICE = "Someone has replied to what you told us"


def acknowledge_within() -> dt.timedelta:
    """How long leads have to pick a concern up (``SAFEGUARDING_ACKNOWLEDGE_WITHIN_HOURS``)."""
    hours = getattr(
        settings, "SAFEGUARDING_ACKNOWLEDGE_WITHIN_HOURS", DEFAULT_ACKNOWLEDGE_WITHIN_HOURS
    )
    return dt.timedelta(hours=int(hours))


def reference(concern: Concern) -> str:
    """A short reference to quote to a lead, from the concern's public id (not its text): digits
    only, so it reads out the same in English and Welsh."""
    digits = f"{concern.public_id.int % 10**8:08d}"
    return f"{digits[:4]} {digits[4:]}"


def _require(actor: Actor, action: Action, organisation: Organisation) -> None:
    if not actor.can(action, organisation):
        raise NotPermitted("You do not have permission to do this in this organisation.")


def _text(value: str, *, field: str, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(missing, field=field)
    return value


def _check_contribution(
    organisation: Organisation, contribution: Contribution | None
) -> Contribution | None:
    if contribution is not None and contribution.organisation_id != organisation.pk:
        raise NotFound("That contribution is not in this organisation.")
    return contribution


def _concern_url(concern: Concern, organisation: Organisation) -> str:
    return reverse("safeguarding:concern-detail", args=[organisation.slug, concern.public_id])


def _tell_admins(concern: Concern, organisation: Organisation, *, text: str, event: str) -> None:
    url = reverse("accounts:person-list", args=[organisation.slug])
    for admin in selectors.people_with_role(organisation=organisation, role=Role.ORG_ADMIN):
        notice_send(
            person=admin,
            kind="safeguarding.escalated",
            text=text,
            event_key=f"{event}:{concern.pk}",
            url=url,
            organisation=organisation,
        )


def _tell_leads(concern: Concern, organisation: Organisation, *, raised_by: int | None) -> None:
    for lead in selectors.people_with_role(organisation=organisation, role=Role.SAFEGUARDING_LEAD):
        if lead.pk == raised_by:
            continue
        notice_send(
            person=lead,
            kind="safeguarding.new",
            text=NEW_NOTICE,
            event_key=f"safeguarding.new:{concern.pk}",
            url=_concern_url(concern, organisation),
            organisation=organisation,
        )


def _raise(
    *,
    actor: Actor,
    organisation: Organisation,
    kind: Concern.Kind,
    about: Person | None,
    text: str,
    contribution: Contribution | None,
    idempotency_key: uuid.UUID,
) -> Concern:
    text = _text(text, field="text", missing="Tell us what is wrong")
    contribution = _check_contribution(organisation, contribution)
    now = timezone.now()
    has_lead = selectors.has_lead(organisation=organisation)

    def create() -> Concern:
        concern = Concern.objects.create(
            organisation=organisation,
            kind=kind,
            about=about,
            raised_by=actor.person,
            text=text,
            contribution=contribution,
            acknowledge_by=now + acknowledge_within(),
            # With no lead to read it, the admins are told at once.
            escalated_at=None if has_lead else now,
            idempotency_key=idempotency_key,
        )
        # A young person's own concern is recorded without them as the actor: the audit trail
        # is read by admins, who must not learn who asked for help. The concern keeps it.
        audit_record(
            action="safeguarding.concern.raise",
            summary="Safeguarding concern raised",
            actor_id=None if kind == Concern.Kind.SELF else actor.person_id,
            organisation_id=organisation.pk,
            target=concern,
            data={"kind": str(kind)},
        )
        if not has_lead:
            audit_record(
                action="safeguarding.concern.escalate",
                summary="Admins told: the organisation has no safeguarding lead",
                organisation_id=organisation.pk,
                target=concern,
                data={"reason": "no_lead"},
            )
        return concern

    concern, created = create_once(
        Concern,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.organisation_id == organisation.pk
            and earlier.raised_by_id == actor.person_id
            and earlier.kind == kind
            and earlier.text == text
        ),
    )
    if created:
        raised_by = actor.person_id
        if has_lead:
            transaction.on_commit(lambda: _tell_leads(concern, organisation, raised_by=raised_by))
        else:
            transaction.on_commit(
                lambda: _tell_admins(
                    concern, organisation, text=NO_LEAD_NOTICE, event="safeguarding.no_lead"
                )
            )
    return concern


@transaction.atomic
def concern_raise_self(
    *,
    actor: Actor,
    organisation: Organisation,
    text: str,
    contribution: Contribution | None = None,
    idempotency_key: uuid.UUID,
) -> Concern:
    """A young person, parent or community member says they feel unsafe or unhappy."""
    _require(actor, CONCERN_RAISE_SELF, organisation)
    if not actor.roles_in(organisation.pk) & PARTICIPANT_ROLES:
        raise NotPermitted("You can only tell an organisation you take part in.")
    return _raise(
        actor=actor,
        organisation=organisation,
        kind=Concern.Kind.SELF,
        about=actor.person,
        text=text,
        contribution=contribution,
        idempotency_key=idempotency_key,
    )


@transaction.atomic
def concern_raise(
    *,
    actor: Actor,
    organisation: Organisation,
    about: Person | None = None,
    text: str,
    contribution: Contribution | None = None,
    idempotency_key: uuid.UUID,
) -> Concern:
    """A worker or admin raises what they saw or read. They cannot read it afterwards."""
    _require(actor, CONCERN_RAISE, organisation)
    if about is not None and not selectors.is_member(organisation=organisation, person=about):
        raise NotFound("That person is not part of this organisation.")
    return _raise(
        actor=actor,
        organisation=organisation,
        kind=Concern.Kind.RAISED,
        about=about,
        text=text,
        contribution=contribution,
        idempotency_key=idempotency_key,
    )


@transaction.atomic
def concern_record_view(*, actor: Actor, organisation: Organisation, concern: Concern) -> None:
    """Every look at a concern by a lead is on the record (never its words)."""
    _require(actor, CONCERN_HANDLE, organisation)
    audit_record(
        action="safeguarding.concern.view",
        summary="Safeguarding concern looked at",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=concern,
    )


def _acknowledge(actor: Actor, organisation: Organisation, locked: Concern) -> bool:
    if locked.acknowledged_at is not None or locked.status == Concern.Status.CLOSED:
        return False
    locked.status = Concern.Status.ACKNOWLEDGED
    locked.acknowledged_at = timezone.now()
    locked.acknowledged_by = actor.person
    locked.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    audit_record(
        action="safeguarding.concern.acknowledge",
        summary="Safeguarding concern picked up",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=locked,
        data={"late": locked.acknowledged_at > locked.acknowledge_by},
    )
    return True


@transaction.atomic
def concern_acknowledge(*, actor: Actor, organisation: Organisation, concern: Concern) -> Concern:
    """A lead picks the concern up. Two leads at once make one acknowledgement: the row is
    locked, and the second finds it already done."""
    _require(actor, CONCERN_HANDLE, organisation)
    locked = selectors.concern_locked(organisation=organisation, concern=concern)
    _acknowledge(actor, organisation, locked)
    return locked


def _who_is_told(concern: Concern) -> Person | None:
    person = concern.about
    if person is None or person.user_id is None or person.erased_at is not None:
        return None
    return person


@transaction.atomic
def concern_respond(
    *,
    actor: Actor,
    organisation: Organisation,
    concern: Concern,
    response: str,
    share: bool = False,
) -> Concern:
    """A lead writes what the young person is told; ``share`` shows it to them (once shared,
    it stays shared, and a change to it shows at once)."""
    _require(actor, CONCERN_HANDLE, organisation)
    response = _text(response, field="response", missing="Enter what to tell them")
    locked = selectors.concern_locked(organisation=organisation, concern=concern)
    if locked.status == Concern.Status.CLOSED:
        raise Conflict("This concern is closed, so its response cannot change.")
    told = _who_is_told(locked)
    if share and told is None:
        raise ValidationFailed(
            "Nobody can see a response to this concern: it is not about someone who signs in.",
            field="share",
        )
    _acknowledge(actor, organisation, locked)
    if locked.response != response:
        locked.response = response
        locked.save(update_fields=["response", "updated_at"])
        audit_record(
            action="safeguarding.concern.respond",
            summary="Response to a safeguarding concern written",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=locked,
        )
    if share and locked.response_shared_at is None and told is not None:
        locked.response_shared_at = timezone.now()
        locked.save(update_fields=["response_shared_at", "updated_at"])
        audit_record(
            action="safeguarding.concern.share",
            summary="Response to a safeguarding concern shared",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=locked,
        )
        event_key = f"safeguarding.reply:{locked.pk}"
        transaction.on_commit(
            lambda: notice_send(
                person=told,
                kind="safeguarding.reply",
                text=REPLY_NOTICE,
                event_key=event_key,
                url=reverse("safeguarding:my-concerns"),
                organisation=organisation,
            )
        )
    return locked


@transaction.atomic
def concern_close(
    *, actor: Actor, organisation: Organisation, concern: Concern, note: str
) -> Concern:
    """A lead closes the concern with a note for the record (never shown to the young person)."""
    _require(actor, CONCERN_HANDLE, organisation)
    note = _text(note, field="note", missing="Enter why you are closing it")
    locked = selectors.concern_locked(organisation=organisation, concern=concern)
    if locked.status == Concern.Status.CLOSED:
        return locked
    _acknowledge(actor, organisation, locked)
    locked.status = Concern.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor.person
    locked.close_note = note
    locked.save(update_fields=["status", "closed_at", "closed_by", "close_note", "updated_at"])
    audit_record(
        action="safeguarding.concern.close",
        summary="Safeguarding concern closed",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=locked,
    )
    return locked


def _after_escalation(concern: Concern, organisation: Organisation) -> Callable[[], None]:
    def tell() -> None:
        _tell_admins(concern, organisation, text=LATE_NOTICE, event="safeguarding.late")

    return tell


def concerns_escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """Tell the admins, once, of each concern past its deadline that no lead picked up.

    Run every 15 minutes (``alongside safeguarding escalate``). A guarded update sets
    ``escalated_at`` only where it is still empty, so two runs at once, or a run repeated,
    escalate each concern once. Returns how many were escalated now.
    """
    now = now or timezone.now()
    escalated = 0
    for pk in selectors.overdue_unescalated(now=now):
        with transaction.atomic():
            updated = Concern.objects.filter(
                pk=pk,
                escalated_at__isnull=True,
                acknowledged_at__isnull=True,
                status=Concern.Status.NEW,
            ).update(escalated_at=now, updated_at=now)
            if not updated:
                continue
            concern = selectors.escalation_candidate(pk=pk)
            assert concern is not None
            organisation = concern.organisation
            audit_record(
                action="safeguarding.concern.escalate",
                summary="Admins told: a safeguarding concern was not picked up in time",
                organisation_id=organisation.pk,
                target=concern,
                data={"reason": "late"},
            )
            transaction.on_commit(_after_escalation(concern, organisation))
            escalated += 1
    return escalated
