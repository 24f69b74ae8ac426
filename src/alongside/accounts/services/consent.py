"""Consent: recorded by staff, given by a parent or carer by link or email, withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alongside.accounts import codes, tasks
from alongside.accounts.actor import Actor
from alongside.accounts.models import (
    Consent,
    Organisation,
    ParentConsentRequest,
    Person,
)
from alongside.accounts.rules import (
    CONSENT_RECORD,
)
from alongside.accounts.services.guards import require, require_member
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed

# Consent ----------------------------------------------------------------------------------


def consent_record_unchecked(
    *,
    person: Person,
    organisation: Organisation,
    purpose: str,
    given_by: str,
    recorded_by: Person | None,
) -> Consent | None:
    """Record one consent unless the same one is already in force. Caller holds the transaction."""
    if Consent.objects.filter(
        person=person, organisation=organisation, purpose=purpose, withdrawn_at__isnull=True
    ).exists():
        return None
    consent = Consent.objects.create(
        person=person,
        organisation=organisation,
        purpose=purpose,
        given_by=given_by,
        recorded_by=recorded_by,
    )
    audit_record(
        action="accounts.consent.give",
        summary=f"Consent to {purpose} recorded ({given_by})",
        actor_id=recorded_by.pk if recorded_by else None,
        organisation_id=organisation.pk,
        target=person,
        data={"purpose": purpose, "given_by": given_by, "consent": consent.pk},
    )
    return consent


@transaction.atomic
def consent_record_from_form(
    *, actor: Actor, organisation: Organisation, person: Person, purposes: Iterable[str]
) -> list[Consent]:
    """A worker saw a consent form signed by the parent or carer (or by a young person 13+)."""
    require(actor, CONSENT_RECORD, organisation)
    require_member(person, organisation)
    purposes = list(purposes)
    if not purposes:
        raise ValidationFailed("Select what the signed form agrees to.", field="purposes")
    given_by = (
        Consent.GivenBy.PARENT_FORM if person.needs_parental_consent else Consent.GivenBy.SELF
    )
    recorded = []
    for purpose in purposes:
        consent = consent_record_unchecked(
            person=person,
            organisation=organisation,
            purpose=Consent.Purpose(purpose),
            given_by=given_by,
            recorded_by=actor.person,
        )
        if consent:
            recorded.append(consent)
    return recorded


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent: Consent) -> Consent:
    """Withdrawal takes effect at once: the next page the person opens is without it."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    own = consent.person_id == actor.person_id
    if not own:
        require(actor, CONSENT_RECORD, consent.organisation)
    if consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor.person
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit_record(
        action="accounts.consent.withdraw",
        summary=f"Consent to {consent.purpose} withdrawn" + (" by the person" if own else ""),
        actor_id=actor.person_id,
        organisation_id=consent.organisation_id,
        target=consent.person,
        data={"purpose": consent.purpose, "consent": consent.pk},
    )
    return consent


@transaction.atomic
def parent_consent_link_create(*, actor: Actor, organisation: Organisation, person: Person) -> str:
    """Make a link for a parent or carer; return the secret token (shown once, stored hashed)."""
    require(actor, CONSENT_RECORD, organisation)
    require_member(person, organisation)
    if not person.needs_parental_consent:
        raise ValidationFailed("This person is 13 or over and can agree for themselves.")
    token = codes.new_token()
    ParentConsentRequest.objects.create(
        person=person,
        organisation=organisation,
        token_hash=codes.digest(token),
        expires_at=timezone.now() + dt.timedelta(days=settings.ALONGSIDE_PARENT_CONSENT_DAYS),
        created_by=actor.person,
    )
    audit_record(
        action="accounts.consent.link_create",
        summary="Consent link for a parent or carer created",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )
    return token


@transaction.atomic
def parent_consent_email_request(
    *, actor: Actor, organisation: Organisation, person: Person, email: str, base_url: str
) -> ParentConsentRequest:
    """Queue an email with a consent link to a parent or carer (sent by `alongside worker`)."""
    require(actor, CONSENT_RECORD, organisation)
    require_member(person, organisation)
    if not person.needs_parental_consent:
        raise ValidationFailed("This person is 13 or over and can agree for themselves.")
    email = email.strip()
    if not email:
        raise ValidationFailed("Enter the parent's or carer's email address.", field="email")
    consent_request = ParentConsentRequest.objects.create(
        person=person,
        organisation=organisation,
        send_to=email,
        expires_at=timezone.now() + dt.timedelta(days=settings.ALONGSIDE_PARENT_CONSENT_DAYS),
        created_by=actor.person,
    )
    audit_record(
        action="accounts.consent.link_email_queued",
        summary="Consent link queued to email to a parent or carer",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )
    request_id = consent_request.pk
    transaction.on_commit(
        lambda: tasks.parent_consent_email_send.enqueue(request_id=request_id, base_url=base_url)
    )
    return consent_request


def parent_consent_request_get(*, token: str) -> ParentConsentRequest:
    request = (
        ParentConsentRequest.objects.select_related("person", "organisation")
        .filter(token_hash=codes.digest(token))
        .first()
    )
    if request is None or request.used_at or request.expires_at <= timezone.now():
        raise NotFound(
            "This link has expired or has already been used. Ask the youth worker for a new one."
        )
    return request


@transaction.atomic
def parent_consent_give(*, token: str, purposes: Iterable[str]) -> ParentConsentRequest:
    purposes = list(purposes)
    request = parent_consent_request_get(token=token)
    request = ParentConsentRequest.objects.select_for_update().get(pk=request.pk)
    if request.used_at:
        raise Conflict("This link has already been used.")
    if Consent.Purpose.TAKE_PART not in purposes:
        raise ValidationFailed(
            "To let your child take part online, tick 'Taking part online'.", field="purposes"
        )
    for purpose in purposes:
        consent_record_unchecked(
            person=request.person,
            organisation=request.organisation,
            purpose=Consent.Purpose(purpose),
            given_by=Consent.GivenBy.PARENT_ONLINE,
            recorded_by=None,
        )
    request.used_at = timezone.now()
    request.save(update_fields=["used_at", "updated_at"])
    return request
