"""Organisations and the people in them: staff accounts, people who take part
offline, seeing, exporting and erasing a person's record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts import ages
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import (
    Consent,
    Membership,
    Organisation,
    ParentConsentRequest,
    Person,
    User,
)
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.accounts.rules import (
    PERSON_CREATE,
    PERSON_ERASE,
)
from alongside.accounts.services.guards import check_birth, require_member
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed

# Organisations ----------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *,
    slug: str,
    name: str,
    kind: str,
    area: str = "",
    parent: Organisation | None = None,
    created_by: Person | None = None,
    youth_offer_upper_age: int = ages.DEFAULT_YOUTH_OFFER_UPPER_AGE,
) -> Organisation:
    """Set up a new organisation (done by whoever runs the installation, from the command line)."""
    low, high = ages.LOWEST_YOUTH_OFFER_UPPER_AGE, ages.EXTENDED_YOUTH_OFFER_UPPER_AGE
    if not low <= youth_offer_upper_age <= high:
        raise ValidationFailed(
            f"The youth offer's upper age must be from {low} to {high}.",
            field="youth_offer_upper_age",
        )
    if Organisation.objects.filter(slug=slug).exists():
        raise Conflict(f"An organisation with the short name {slug!r} already exists.")
    organisation = Organisation.objects.create(
        slug=slug,
        name=name,
        kind=kind,
        area=area,
        parent=parent,
        youth_offer_upper_age=youth_offer_upper_age,
    )
    audit_record(
        action="accounts.organisation.create",
        summary=f"Organisation {organisation.slug} created",
        actor_id=created_by.pk if created_by else None,
        organisation_id=organisation.pk,
        target=organisation,
    )
    return organisation


# People -----------------------------------------------------------------------------------


def staff_account_create(
    *, email: str, display_name: str, password: str | None, created_by: Person | None
) -> Person:
    """A professional's sign-in: the email is the username and is verified (an admin vouches
    for it on the command line, or its owner opened the invitation mailed to it)."""
    user = User(username=email, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address added twice at the same moment
        raise Conflict(
            "An account with this email address already exists.", field="email"
        ) from None
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return Person.objects.create(
        kind=Person.Kind.PROFESSIONAL, display_name=display_name, user=user, created_by=created_by
    )


@transaction.atomic
def staff_person_create(
    *,
    organisation: Organisation,
    display_name: str,
    email: str,
    password: str,
    roles: Iterable[str],
    created_by: Person | None = None,
) -> Person:
    """Create a staff member who signs in with email, password and (on first sign-in) 2FA."""
    roles = [Role(role) for role in roles]
    if any(role in PARTICIPANT_ROLES for role in roles):
        raise ValidationFailed("Staff accounts cannot hold young person or parent roles.")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("An account with this email address already exists.", field="email")
    person = staff_account_create(
        email=email, display_name=display_name, password=password, created_by=created_by
    )
    for role in roles:
        Membership.objects.create(person=person, organisation=organisation, role=role)
    audit_record(
        action="accounts.person.create",
        summary=f"Staff account created with roles {', '.join(sorted(roles))}",
        actor_id=created_by.pk if created_by else None,
        organisation_id=organisation.pk,
        target=person,
    )
    return person


@transaction.atomic
def person_create_offline(
    *,
    actor: Actor,
    organisation: Organisation,
    display_name: str,
    kind: str,
    birth_month: int | None = None,
    birth_year: int | None = None,
    contact_email: str = "",
) -> Person:
    """Record someone who takes part face to face and has no sign-in (yet)."""
    require(actor, PERSON_CREATE, organisation)
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("Enter a display name.", field="display_name")
    if kind == Person.Kind.PROFESSIONAL:
        raise ValidationFailed(
            "Invite staff with “Invite a member of staff” on the People page instead.",
            field="kind",
        )
    if kind not in (Person.Kind.YOUNG_PERSON, Person.Kind.PARENT_CARER):
        # Anything else would silently be given the young person role below.
        raise ValidationFailed(
            "Select whether they are a young person or a parent or carer.", field="kind"
        )
    if kind == Person.Kind.YOUNG_PERSON and birth_year is None:
        raise ValidationFailed(
            "Enter the month and year of birth, so we know if a parent or carer must agree.",
            field="birth_month",
        )
    check_birth(birth_month, birth_year)
    person = Person.objects.create(
        kind=kind,
        display_name=display_name,
        birth_month=birth_month,
        birth_year=birth_year,
        contact_email=contact_email.strip(),
        created_by=actor.person,
    )
    role = Role.PARENT_CARER if kind == Person.Kind.PARENT_CARER else Role.YOUNG_PERSON
    Membership.objects.create(person=person, organisation=organisation, role=role)
    audit_record(
        action="accounts.person.create",
        summary=f"Offline {person.get_kind_display().lower()} recorded",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )
    return person


def person_record_view(*, actor: Actor, organisation: Organisation, person: Person) -> None:
    """Seeing a young person's details is itself recorded (Working Together; Children's Code)."""
    audit_record(
        action="accounts.person.view",
        summary="Person's details viewed",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )


@transaction.atomic
def person_export_data(*, actor: Actor) -> dict[str, Any]:
    """Everything we hold about the signed-in person, for the 'download my data' button."""
    person = actor.person
    if person is None:
        raise NotPermitted("Sign in to download your data.")
    memberships = Membership.objects.filter(person=person).select_related("organisation")
    consents = Consent.objects.filter(person=person).select_related("organisation")
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": str(person.public_id),
            "kind": person.kind,
            "display_name": person.display_name,
            "birth_month": person.birth_month,
            "birth_year": person.birth_year,
            "contact_email": person.contact_email,
            "created_at": person.created_at.isoformat(),
            "deletion_requested_at": (
                person.deletion_requested_at.isoformat() if person.deletion_requested_at else None
            ),
        },
        "sign_in": {
            "username": person.user.username if person.user else None,
            "email": person.user.email if person.user else None,
            # Including an address typed at join and not checked yet: we hold it all the same.
            "email_addresses": [
                {"email": address.email, "checked": address.verified}
                for address in EmailAddress.objects.filter(user_id=person.user_id)
            ]
            if person.user
            else [],
            "last_login": (
                person.user.last_login.isoformat()
                if person.user and person.user.last_login
                else None
            ),
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in memberships
        ],
        "consents": [
            {
                "organisation": c.organisation.name,
                "purpose": c.purpose,
                "given_by": c.given_by,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                "given_by_relationship": c.given_by_relationship or None,
                "superseded_at": c.superseded_at.isoformat() if c.superseded_at else None,
            }
            for c in consents
        ],
        # A parent's own record of agreeing for their child (only the child's display name).
        "consents_given_for_a_child": [
            {
                "child": c.person.display_name,
                "organisation": c.organisation.name,
                "purpose": c.purpose,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Consent.objects.filter(given_by_person=person)
            .exclude(person=person)
            .select_related("person", "organisation")
        ],
    }
    audit_record(
        action="accounts.person.export",
        summary="Person downloaded their own data",
        actor_id=person.pk,
        target=person,
    )
    return data


@transaction.atomic
def person_request_deletion(*, actor: Actor) -> Person:
    person = actor.person
    if person is None:
        raise NotPermitted("Sign in to ask for your account to be deleted.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.deletion_requested_at is None:
        person.deletion_requested_at = timezone.now()
        person.save(update_fields=["deletion_requested_at", "updated_at"])
        audit_record(
            action="accounts.person.deletion_request",
            summary="Person asked for their account and data to be deleted",
            actor_id=person.pk,
            target=person,
        )
    return person


ERASED_NAME = "Deleted account"


@transaction.atomic
def person_erase(*, actor: Actor, organisation: Organisation, person: Person) -> Person:
    """Delete someone's sign-in and personal details, as they asked (UK GDPR Article 17).

    The Person row stays, anonymous, so ballots and counts they were part of still add up; their
    roles everywhere end, their consents are withdrawn and their sign-in is deleted. Consent
    links not yet used stop working, and an email still queued forgets its address, so the
    task that would send it finds nothing to send.
    """
    require(actor, PERSON_ERASE, organisation)
    require_member(person, organisation)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.kind == Person.Kind.PROFESSIONAL:
        raise ValidationFailed("Staff accounts are closed by whoever runs Alongside.")
    if person.pk == actor.person_id:
        raise ValidationFailed("You cannot delete your own account here.")
    now = timezone.now()
    user = person.user
    Consent.objects.filter(person=person, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor.person, updated_at=now
    )
    cancelled = ParentConsentRequest.objects.filter(
        person=person, used_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now, token_hash=None, send_to="", updated_at=now)
    Membership.objects.filter(person=person).delete()
    person.user = None
    person.display_name = ERASED_NAME
    person.birth_month = person.birth_year = None
    person.contact_email = ""
    person.erased_at = now
    person.save()
    if user is not None:
        user.delete()  # with it go sessions, email addresses and authenticators
    audit_record(
        action="accounts.person.erase",
        summary="Account and personal details deleted",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
        data={"consent_requests_cancelled": cancelled},
    )
    return person
