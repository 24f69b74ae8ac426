"""Consent: recorded by staff, given by a parent or carer by link or email, withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alongside.accounts import codes, tasks
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import (
    Consent,
    Organisation,
    ParentConsentRequest,
    Person,
)
from alongside.accounts.rules import (
    CONSENT_RECORD,
)
from alongside.accounts.services.guards import require_member
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed

# Consent ----------------------------------------------------------------------------------


def consent_record_unchecked(
    *,
    person: Person,
    organisation: Organisation,
    purpose: str,
    given_by: str,
    recorded_by: Person | None,
    relationship: str = "",
    relationship_other: str = "",
    given_by_name: str = "",
    given_by_person: Person | None = None,
) -> Consent | None:
    """Record one consent unless the same one is already in force. Caller holds the transaction.

    A conditional unique constraint allows one consent in force per person, organisation and
    purpose; get_or_create inserts in a savepoint, so when two requests record the same consent
    at once the second finds the first's row instead of failing.
    """
    consent, created = Consent.objects.in_force().get_or_create(
        person=person,
        organisation=organisation,
        purpose=purpose,
        defaults={
            "given_by": given_by,
            "recorded_by": recorded_by,
            "given_by_name": given_by_name,
            "given_by_relationship": relationship,
            "given_by_relationship_other": relationship_other,
            "given_by_person": given_by_person,
        },
    )
    if not created:
        return None
    data: dict[str, object] = {"purpose": purpose, "given_by": given_by, "consent": consent.pk}
    how = f"{given_by}, {relationship}" if relationship else given_by
    if relationship:
        # The relationship, never the name or the words typed for "other": those are about
        # the parent, and the trail must be safe to show to an auditor.
        data["relationship"] = relationship
    acting = recorded_by or given_by_person
    audit_record(
        action="accounts.consent.give",
        summary=f"Consent to {purpose} recorded ({how})",
        actor_id=acting.pk if acting else None,
        organisation_id=organisation.pk,
        target=person,
        data=data,
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
    if not person.needs_parental_consent:
        # A young person's own signed form replaces what their parent agreed to for the same
        # purposes, rather than being dropped because the parent's is already in force.
        own = own_consents_replace_parents(
            person=person,
            organisation=organisation,
            purposes=purposes,
            recorded_by=actor.person,
            end_the_rest=False,
        )
        return [consent for consent, created in own if created]
    recorded = []
    for purpose in purposes:
        consent = consent_record_unchecked(
            person=person,
            organisation=organisation,
            purpose=Consent.Purpose(purpose),
            given_by=Consent.GivenBy.PARENT_FORM,
            recorded_by=actor.person,
        )
        if consent:
            recorded.append(consent)
    return recorded


def own_consents_replace_parents(
    *,
    person: Person,
    organisation: Organisation,
    purposes: Iterable[str],
    recorded_by: Person | None,
    end_the_rest: bool,
) -> list[tuple[Consent, bool]]:
    """Record a young person's own consents; the parent's consents they replace end.

    Each parent's consent to one of ``purposes`` is marked superseded by the young person's own;
    with ``end_the_rest``, the parent's consents to anything else end too (superseded by
    nothing), because the young person chose not to agree to them. Returns each own consent
    in force and whether it is new. Caller holds the transaction.
    """
    purposes = [Consent.Purpose(purpose) for purpose in purposes]
    parents = (
        Consent.objects.in_force()
        .select_for_update()
        .filter(person=person, organisation=organisation)
        .exclude(given_by=Consent.GivenBy.SELF)
    )
    if not end_the_rest:
        parents = parents.filter(purpose__in=purposes)
    replaced = list(parents)
    now = timezone.now()
    # Ended first: the one-in-force constraint allows a new consent only once the old has gone.
    Consent.objects.filter(pk__in=[c.pk for c in replaced]).update(
        superseded_at=now, updated_at=now
    )
    own: dict[str, tuple[Consent, bool]] = {}
    for purpose in purposes:
        consent = consent_record_unchecked(
            person=person,
            organisation=organisation,
            purpose=purpose,
            given_by=Consent.GivenBy.SELF,
            recorded_by=recorded_by,
        )
        if consent is not None:
            own[purpose] = (consent, True)
        else:
            existing = Consent.objects.in_force().get(
                person=person, organisation=organisation, purpose=purpose
            )
            own[purpose] = (existing, False)
    for parent in replaced:
        if parent.purpose in own:
            Consent.objects.filter(pk=parent.pk).update(superseded_by=own[parent.purpose][0])
    if replaced:
        audit_record(
            action="accounts.consent.parents_superseded",
            summary="A young person's own consent replaced their parent's",
            actor_id=recorded_by.pk if recorded_by else None,
            organisation_id=organisation.pk,
            target=person,
            data={
                "superseded": sorted(c.pk for c in replaced),
                "not_renewed": sorted({c.purpose for c in replaced} - set(purposes)),
            },
        )
    return list(own.values())


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent: Consent) -> Consent:
    """Withdrawal takes effect at once: the next page the person opens is without it.

    The person themselves, the signed-in parent or carer who gave it, or staff who record
    consent in its organisation may withdraw it.
    """
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    own = consent.person_id == actor.person_id
    gave_it = actor.person_id is not None and consent.given_by_person_id == actor.person_id
    if not (own or gave_it):
        require(actor, CONSENT_RECORD, consent.organisation)
    if not consent.is_active:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor.person
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit_record(
        action="accounts.consent.withdraw",
        summary=f"Consent to {consent.purpose} withdrawn"
        + (" by the person" if own else " by the parent or carer who gave it" if gave_it else ""),
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


LINK_DOES_NOT_WORK = (
    "This link has expired or has already been used. Ask the youth worker for a new one."
)
NOT_FOR_THE_CHILD = (
    "This link is for your parent or carer. Ask them to open it on their own phone or computer."
)


def parent_consent_request_get(*, token: str, for_update: bool = False) -> ParentConsentRequest:
    requests = ParentConsentRequest.objects.select_related("person", "organisation")
    if for_update:
        # Locks the row, so a link used twice at once is used once (the second waits, then
        # finds it used).
        requests = requests.select_for_update(of=("self",))
    request = requests.filter(token_hash=codes.digest(token)).first()
    if (
        request is None
        or request.used_at
        or request.cancelled_at
        or request.expires_at <= timezone.now()
    ):
        raise NotFound(LINK_DOES_NOT_WORK)
    return request


def parent_consent_refusal(
    *, consent_request: ParentConsentRequest, signed_in: Person | None
) -> str | None:
    """Why this visitor may not give the parent's consent, or None if they may.

    The child, or any young person signed in, is not the parent: a child of 11 must not be
    able to agree for themselves by opening the link on their own phone.
    """
    if signed_in is not None and (
        signed_in.pk == consent_request.person_id or signed_in.kind == Person.Kind.YOUNG_PERSON
    ):
        return NOT_FOR_THE_CHILD
    if not consent_request.person.needs_parental_consent:
        return (
            "This link is no longer needed: the young person is now 13 or over and can "
            "agree for themselves."
        )
    return None


@transaction.atomic
def parent_consent_give(
    *,
    token: str,
    purposes: Iterable[str],
    given_by_name: str,
    relationship: str,
    relationship_other: str = "",
    signed_in: Person | None = None,
) -> ParentConsentRequest:
    """A parent or carer agrees through their link, saying who they are. Signed in, they are
    recorded as the giver, which lets them see and withdraw the consent from their home page."""
    purposes = list(purposes)
    request = parent_consent_request_get(token=token, for_update=True)
    refusal = parent_consent_refusal(consent_request=request, signed_in=signed_in)
    if refusal:
        raise NotPermitted(refusal)
    given_by_name = given_by_name.strip()
    if not given_by_name:
        raise ValidationFailed("Enter your full name.", field="given_by_name")
    if relationship not in Consent.Relationship.values:
        raise ValidationFailed(
            "Select how you are related to the young person.", field="relationship"
        )
    relationship_other = (
        relationship_other.strip() if relationship == Consent.Relationship.OTHER else ""
    )
    if relationship == Consent.Relationship.OTHER and not relationship_other:
        raise ValidationFailed(
            "Say how you are related to the young person.", field="relationship_other"
        )
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
            given_by_name=given_by_name,
            relationship=relationship,
            relationship_other=relationship_other,
            given_by_person=signed_in,
        )
    request.used_at = timezone.now()
    request.save(update_fields=["used_at", "updated_at"])
    return request
