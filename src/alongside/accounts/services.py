"""Every change to accounts data goes through a function here.

Each is keyword-only, typed, runs in one transaction and writes its audit event in that same
transaction, so a change and its record stand or fall together. Views, the API, commands and
tasks call these; none of them saves a model itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts import codes, tasks
from alongside.accounts.actor import Actor
from alongside.accounts.models import (
    ApiToken,
    Consent,
    JoinCode,
    Membership,
    Organisation,
    ParentConsentRequest,
    Person,
    ResetCode,
    User,
)
from alongside.accounts.roles import PARTICIPANT_ROLES, STAFF_ROLES, Role
from alongside.accounts.rules import (
    API_TOKEN_MANAGE,
    CONSENT_RECORD,
    JOIN_CODE_MANAGE,
    MEMBERSHIP_MANAGE,
    PERSON_CREATE,
    PERSON_ERASE,
    PERSON_INVITE,
)
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.policy import Action

KIND_FOR_ROLE = {
    Role.YOUNG_PERSON: Person.Kind.YOUNG_PERSON,
    Role.PARENT_CARER: Person.Kind.PARENT_CARER,
}


def _require(actor: Actor, action: Action, organisation: Organisation) -> None:
    if not actor.can(action, organisation):
        raise NotPermitted("You do not have permission to do this in this organisation.")


def _require_member(person: Person, organisation: Organisation) -> None:
    if not Membership.objects.filter(person=person, organisation=organisation).exists():
        raise NotFound("That person is not part of this organisation.")


def _check_birth(month: int | None, year: int | None) -> None:
    if (month is None) != (year is None):
        raise ValidationFailed("Enter both the month and the year of birth.", field="birth_month")
    if month is None or year is None:
        return
    today = timezone.localdate()
    if not 1 <= month <= 12:
        raise ValidationFailed("Month of birth must be a number from 1 to 12.", field="birth_month")
    if not today.year - 30 <= year <= today.year:
        raise ValidationFailed(
            f"Year of birth must be between {today.year - 30} and {today.year}.", field="birth_year"
        )
    if (year, month) > (today.year, today.month):
        raise ValidationFailed("Month and year of birth must be in the past.", field="birth_year")


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
) -> Organisation:
    """Set up a new organisation (done by whoever runs the installation, from the command line)."""
    if Organisation.objects.filter(slug=slug).exists():
        raise Conflict(f"An organisation with the short name {slug!r} already exists.")
    organisation = Organisation.objects.create(
        slug=slug, name=name, kind=kind, area=area, parent=parent
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


def _staff_account_create(
    *, email: str, display_name: str, password: str | None, created_by: Person | None
) -> Person:
    """A professional's sign-in: the email is the username and is verified (an admin vouches
    for it, and an invitation's link, the only way in without a password, proves it)."""
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
    person = _staff_account_create(
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
def staff_invite(
    *,
    actor: Actor,
    organisation: Organisation,
    display_name: str,
    email: str,
    role: str,
    base_url: str,
) -> tuple[Person, bool]:
    """Give someone a staff role, inviting them by email when they have no account yet.

    Returns the person and whether an invitation is being emailed. A new account has no
    usable password: the invitation's link lets them choose one, and they set up two-factor
    the first time they sign in. Someone who already has a staff account is given the role.
    """
    _require(actor, MEMBERSHIP_MANAGE, organisation)
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("Enter their name.", field="display_name")
    email = email.strip().lower()
    if not email:
        raise ValidationFailed("Enter their work email address.", field="email")
    if role not in STAFF_ROLES:
        raise ValidationFailed("Select a staff role.", field="role")

    existing = (
        Person.objects.select_for_update().filter(user__email__iexact=email).first()
        or Person.objects.select_for_update()
        .filter(user__emailaddress__email__iexact=email)
        .first()
    )
    if existing is not None:
        if existing.kind != Person.Kind.PROFESSIONAL:
            raise Conflict(
                "This email address belongs to a young person's or parent's account. "
                "Staff need their own work email address.",
                field="email",
            )
        if Membership.objects.filter(
            person=existing, organisation=organisation, role=role
        ).exists():
            raise Conflict("They already have this role here.", field="role")
        Membership.objects.create(person=existing, organisation=organisation, role=role)
        audit_record(
            action="accounts.membership.grant",
            summary=f"Role {role} given to an existing staff account",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=existing,
        )
        return existing, False

    person = _staff_account_create(
        email=email, display_name=display_name, password=None, created_by=actor.person
    )
    Membership.objects.create(person=person, organisation=organisation, role=role)
    audit_record(
        action="accounts.staff.invite",
        summary=f"Staff member invited with role {role}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )
    person_id, organisation_id = person.pk, organisation.pk
    transaction.on_commit(
        lambda: tasks.staff_invitation_email_send.enqueue(
            person_id=person_id, organisation_id=organisation_id, base_url=base_url
        )
    )
    return person, True


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
    _require(actor, PERSON_CREATE, organisation)
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
    _check_birth(birth_month, birth_year)
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
            }
            for c in consents
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
    roles everywhere end, their consents are withdrawn and their sign-in is deleted.
    """
    _require(actor, PERSON_ERASE, organisation)
    _require_member(person, organisation)
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
    )
    return person


# Roles ------------------------------------------------------------------------------------


@transaction.atomic
def membership_grant(
    *, actor: Actor, organisation: Organisation, person: Person, role: str
) -> Membership:
    _require(actor, MEMBERSHIP_MANAGE, organisation)
    _require_member(person, organisation)
    role = Role(role)
    is_participant = person.kind in (Person.Kind.YOUNG_PERSON, Person.Kind.PARENT_CARER)
    if is_participant != (role in PARTICIPANT_ROLES):
        raise ValidationFailed(
            "Young people and parents can only hold the young person or parent role; "
            "staff roles are for professionals.",
            field="role",
        )
    membership, created = Membership.objects.get_or_create(
        person=person, organisation=organisation, role=role
    )
    if not created:
        raise Conflict(f"They already have the role {role.label}.", field="role")
    audit_record(
        action="accounts.membership.grant",
        summary=f"Role {role} given",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
        data={"role": role.value},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, organisation: Organisation, membership: Membership) -> None:
    _require(actor, MEMBERSHIP_MANAGE, organisation)
    if membership.organisation_id != organisation.pk:
        raise NotFound("That role is not in this organisation.")
    if membership.person_id == actor.person_id and membership.role == Role.ORG_ADMIN:
        raise ValidationFailed("You cannot take away your own admin role. Ask another admin.")
    remaining = Membership.objects.filter(person_id=membership.person_id, organisation=organisation)
    if remaining.count() == 1:
        raise ValidationFailed(
            "This is their only role here. Give them another role first, "
            "or ask for them to be removed from the organisation."
        )
    membership.delete()
    audit_record(
        action="accounts.membership.revoke",
        summary=f"Role {membership.role} taken away",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=membership.person,
        data={"role": membership.role},
    )


# Consent ----------------------------------------------------------------------------------


def _consent_give(
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
    _require(actor, CONSENT_RECORD, organisation)
    _require_member(person, organisation)
    purposes = list(purposes)
    if not purposes:
        raise ValidationFailed("Select what the signed form agrees to.", field="purposes")
    given_by = (
        Consent.GivenBy.PARENT_FORM if person.needs_parental_consent else Consent.GivenBy.SELF
    )
    recorded = []
    for purpose in purposes:
        consent = _consent_give(
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
        _require(actor, CONSENT_RECORD, consent.organisation)
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
    _require(actor, CONSENT_RECORD, organisation)
    _require_member(person, organisation)
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
    _require(actor, CONSENT_RECORD, organisation)
    _require_member(person, organisation)
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
        _consent_give(
            person=request.person,
            organisation=request.organisation,
            purpose=Consent.Purpose(purpose),
            given_by=Consent.GivenBy.PARENT_ONLINE,
            recorded_by=None,
        )
    request.used_at = timezone.now()
    request.save(update_fields=["used_at", "updated_at"])
    return request


# Join codes and joining -------------------------------------------------------------------


@transaction.atomic
def join_code_create(
    *,
    actor: Actor,
    organisation: Organisation,
    label: str,
    role: str = Role.YOUNG_PERSON,
    days: int | None = None,
    max_uses: int | None = None,
    claim_person: Person | None = None,
) -> JoinCode:
    _require(actor, PERSON_INVITE if claim_person else JOIN_CODE_MANAGE, organisation)
    label = label.strip()
    if not label:
        raise ValidationFailed(
            "Enter a name for the group, like 'Tuesday youth club'.", field="label"
        )
    days = settings.ALONGSIDE_JOIN_CODE_DAYS if days is None else days
    max_uses = settings.ALONGSIDE_JOIN_CODE_MAX_USES if max_uses is None else max_uses
    if not 1 <= days <= 90:
        raise ValidationFailed("A code can last from 1 to 90 days.", field="days")
    if not 1 <= max_uses <= 500:
        raise ValidationFailed("A code can be used from 1 to 500 times.", field="max_uses")
    if Role(role) not in PARTICIPANT_ROLES:
        raise ValidationFailed("Join codes are for young people and parents.", field="role")
    if claim_person is not None:
        _require_member(claim_person, organisation)
        if claim_person.user_id:
            raise Conflict("This person can already sign in.")
        max_uses = 1
        role = KIND_TO_ROLE.get(Person.Kind(claim_person.kind), Role.YOUNG_PERSON)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                join_code = JoinCode.objects.create(
                    organisation=organisation,
                    code=codes.new_code(),
                    label=label,
                    role=role,
                    expires_at=timezone.now() + dt.timedelta(days=days),
                    max_uses=max_uses,
                    created_by=actor.person,
                    claim_person=claim_person,
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - 29^8 codes make five collisions in a row practically impossible
        raise Conflict("Could not make a unique code. Try again.")
    audit_record(
        action="accounts.join_code.create",
        summary=(
            "Claim code made for an offline person"
            if claim_person
            else f"Join code made for {max_uses} uses over {days} days"
        ),
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=join_code,
    )
    return join_code


KIND_TO_ROLE = {kind: role for role, kind in KIND_FOR_ROLE.items()}


@transaction.atomic
def join_code_revoke(*, actor: Actor, organisation: Organisation, join_code: JoinCode) -> JoinCode:
    _require(actor, JOIN_CODE_MANAGE, organisation)
    if join_code.organisation_id != organisation.pk:
        raise NotFound("That code is not in this organisation.")
    if join_code.revoked_at is None:
        join_code.revoked_at = timezone.now()
        join_code.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            action="accounts.join_code.revoke",
            summary="Join code revoked",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=join_code,
        )
    return join_code


INVALID_CODE = "That code is not right, has expired or has been used up. Check it with your worker."


def join_code_check(*, code: str) -> JoinCode:
    """Find a usable code, or say plainly that it is not one (without saying why, to not help
    guessing)."""
    join_code = (
        JoinCode.objects.select_related("organisation")
        .filter(code=codes.normalise_code(code))
        .first()
    )
    if join_code is None or join_code.status != "active":
        raise ValidationFailed(INVALID_CODE, field="code")
    return join_code


def username_check(username: str) -> str:
    username = username.strip().lower()
    if not 3 <= len(username) <= 30:
        raise ValidationFailed("Username must be between 3 and 30 characters.", field="username")
    # Checked before the allowed characters, or its own message could never be shown.
    if "@" in username:
        raise ValidationFailed("Username cannot be an email address.", field="username")
    if not all(ch.isalnum() or ch in "._-" for ch in username) or not username.isascii():
        raise ValidationFailed(
            "Username can only use letters, numbers, dots, dashes and underscores.",
            field="username",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict("That username is taken. Try adding a number or a word.", field="username")
    return username


def passphrase_check(passphrase: str, *, username: str = "") -> None:
    try:
        validate_password(passphrase, user=User(username=username))
    except ValidationError as error:
        raise ValidationFailed(" ".join(error.messages), field="passphrase") from error


@transaction.atomic
def join_code_redeem(
    *,
    code: str,
    username: str,
    passphrase: str = "",
    passphrase_hash: str = "",
    display_name: str,
    birth_month: int | None = None,
    birth_year: int | None = None,
    email: str = "",
    consent_purposes: Iterable[str] = (),
) -> Person:
    """Make an account from a join code, all at once or not at all.

    The code's use count goes up with an F() update guarded by its limit, so two people using
    the last place at the same moment cannot both get it.
    """
    join_code = join_code_check(code=code)
    username = username_check(username)
    if not passphrase_hash:
        passphrase_check(passphrase, username=username)
    is_young = join_code.role == Role.YOUNG_PERSON
    claim = join_code.claim_person
    if is_young and claim is None:
        if birth_year is None:
            raise ValidationFailed("Enter your month and year of birth.", field="birth_month")
        _check_birth(birth_month, birth_year)
    claimed = JoinCode.objects.filter(
        pk=join_code.pk, revoked_at__isnull=True, uses__lt=F("max_uses")
    ).update(uses=F("uses") + 1)
    if not claimed:
        raise Conflict(INVALID_CODE, field="code")
    user = User(username=username, email="")
    if passphrase_hash:
        # Checked and hashed on the passphrase page, so the plain text never sat in a session.
        user.password = passphrase_hash
    else:
        user.set_password(passphrase)
    user.save()
    if claim is not None:
        person = Person.objects.select_for_update().get(pk=claim.pk)
        if person.user_id:
            raise Conflict("This person can already sign in.")
        person.user = user
        if display_name.strip():
            person.display_name = display_name.strip()
        person.save(update_fields=["user", "display_name", "updated_at"])
    else:
        person = Person.objects.create(
            kind=KIND_FOR_ROLE[Role(join_code.role)],
            display_name=display_name.strip() or username,
            birth_month=birth_month if is_young else None,
            birth_year=birth_year if is_young else None,
            user=user,
        )
        Membership.objects.create(
            person=person, organisation=join_code.organisation, role=join_code.role
        )
    email = email.strip().lower()
    if email:
        if person.needs_parental_consent:
            raise ValidationFailed(
                "You can add an email address when you are 13 or older.", field="email"
            )
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise Conflict("That email address is already used by another account.", field="email")
        user.email = email
        user.save(update_fields=["email"])
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    audit_record(
        action="accounts.join",
        summary="Joined with a claim code" if claim else "Joined with a join code",
        actor_id=person.pk,
        organisation_id=join_code.organisation_id,
        target=person,
        data={"join_code": join_code.pk},
    )
    if not person.needs_parental_consent:
        for purpose in consent_purposes:
            _consent_give(
                person=person,
                organisation=join_code.organisation,
                purpose=Consent.Purpose(purpose),
                given_by=Consent.GivenBy.SELF,
                recorded_by=person,
            )
    return person


# Passphrase resets by a worker ------------------------------------------------------------


@transaction.atomic
def reset_code_create(*, actor: Actor, organisation: Organisation, person: Person) -> str:
    """A one-time code for a person without email who forgot their passphrase."""
    _require(actor, PERSON_INVITE, organisation)
    _require_member(person, organisation)
    if person.user_id is None:
        raise ValidationFailed("This person has no sign-in yet. Give them a claim code instead.")
    if person.kind == Person.Kind.PROFESSIONAL:
        raise ValidationFailed("Staff reset their password by email from the sign-in page.")
    ResetCode.objects.filter(person=person, used_at__isnull=True).update(used_at=timezone.now())
    code = codes.new_code(groups=3)
    ResetCode.objects.create(
        person=person,
        organisation=organisation,
        code_hash=codes.digest(code),
        expires_at=timezone.now() + dt.timedelta(hours=settings.ALONGSIDE_RESET_CODE_HOURS),
        created_by=actor.person,
    )
    audit_record(
        action="accounts.reset_code.create",
        summary="Passphrase reset code made",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
    )
    return code


@transaction.atomic
def reset_code_redeem(*, username: str, code: str, passphrase: str) -> Person:
    wrong = ValidationFailed(
        "That username and code do not match, or the code has expired. "
        "Ask your worker for a new code.",
        field="code",
    )
    reset = (
        ResetCode.objects.select_for_update()
        .select_related("person__user")
        .filter(
            code_hash=codes.digest(codes.normalise_code(code)),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            person__user__username__iexact=username.strip(),
        )
        .first()
    )
    if reset is None:
        raise wrong
    user = reset.person.user
    assert user is not None
    passphrase_check(passphrase, username=user.username)
    user.set_password(passphrase)
    user.save(update_fields=["password"])
    reset.used_at = timezone.now()
    reset.save(update_fields=["used_at", "updated_at"])
    audit_record(
        action="accounts.reset_code.redeem",
        summary="Passphrase changed with a reset code",
        actor_id=reset.person_id,
        organisation_id=reset.organisation_id,
        target=reset.person,
    )
    return reset.person


# Sign-in events ---------------------------------------------------------------------------


def sign_in_record(*, user: User) -> None:
    person = Person.objects.filter(user=user).only("pk").first()
    audit_record(
        action="accounts.sign_in",
        summary="Signed in",
        actor_id=person.pk if person else None,
        target=person,
    )


def sign_in_failed_record(*, login: str) -> None:
    """Record a failed sign-in against the account it named, so its owner's trail shows it.

    What was typed is never stored. A name that matches no account records nothing: the rate
    limits already hold back whoever is guessing, and the trail is about people.
    """
    login = login.strip()
    if not login:
        return
    person = (
        Person.objects.filter(user__username__iexact=login).only("pk").first()
        or Person.objects.filter(
            user__emailaddress__email__iexact=login, user__emailaddress__verified=True
        )
        .only("pk")
        .first()
    )
    if person is None:
        return
    audit_record(
        action="accounts.sign_in_failed",
        summary="Sign-in failed: wrong passphrase or password",
        actor_id=None,
        target=person,
    )


def sign_out_record(*, user: User) -> None:
    person = Person.objects.filter(user=user).only("pk").first()
    audit_record(
        action="accounts.sign_out",
        summary="Signed out",
        actor_id=person.pk if person else None,
        target=person,
    )


# API tokens -------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(
    *, actor: Actor, organisation: Organisation, name: str
) -> tuple[ApiToken, str]:
    """Return the token and its secret; the secret is shown once and stored only as a hash."""
    _require(actor, API_TOKEN_MANAGE, organisation)
    assert actor.person is not None
    name = name.strip()
    if not name:
        raise ValidationFailed(
            "Enter a name for the token, like 'Youth survey import'.", field="name"
        )
    secret = "als_" + codes.new_token()
    token = ApiToken.objects.create(
        organisation=organisation,
        person=actor.person,
        name=name,
        prefix=secret[:10],
        key_hash=codes.digest(secret),
    )
    audit_record(
        action="accounts.api_token.create",
        summary="API token made",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=token,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Actor, organisation: Organisation, token: ApiToken) -> ApiToken:
    _require(actor, API_TOKEN_MANAGE, organisation)
    if token.organisation_id != organisation.pk:
        raise NotFound("That token is not in this organisation.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            action="accounts.api_token.revoke",
            summary="API token revoked",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=token,
        )
    return token


def api_token_authenticate(*, secret: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("person", "organisation")
        .filter(key_hash=codes.digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        # An F-free update is fine: last-used is informative, not a counter.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
