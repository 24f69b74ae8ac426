"""Getting back in and keeping out: a worker's reset codes, sign-in events, API tokens."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts import codes
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import (
    ApiToken,
    Organisation,
    Person,
    ResetCode,
    User,
)
from alongside.accounts.rules import (
    API_TOKEN_MANAGE,
    PERSON_INVITE,
)
from alongside.accounts.services.guards import require_member, revoke_once
from alongside.accounts.services.joining import passphrase_check
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed

# Passphrase resets by a worker ------------------------------------------------------------


@transaction.atomic
def reset_code_create(*, actor: Actor, organisation: Organisation, person: Person) -> str:
    """A one-time code for a person without email who forgot their passphrase."""
    require(actor, PERSON_INVITE, organisation)
    require_member(person, organisation)
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


# Email addresses --------------------------------------------------------------------------

EMAIL_LINK_DOES_NOT_WORK = (
    "This link does not work. It may be too old, or the address may be checked already. "
    "Ask your youth worker if you need help."
)


@transaction.atomic
def email_address_verify(*, key: str) -> EmailAddress:
    """Mark an address as its owner's, from the link we mailed to it.

    From then on it signs in and can recover the account. An address another account already
    holds is never given to a second one (the unique index on users' emails decides, not a
    check beforehand), and the refusal names no account.
    """
    confirmation = EmailConfirmationHMAC.from_key(key)
    if confirmation is None:
        raise ValidationFailed(EMAIL_LINK_DOES_NOT_WORK)
    address = (
        EmailAddress.objects.select_for_update()
        .select_related("user")
        .filter(pk=confirmation.email_address.pk, verified=False)
        .first()
    )
    if address is None:
        raise ValidationFailed(EMAIL_LINK_DOES_NOT_WORK)
    user = address.user
    user.email = address.email
    address.verified = True
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
            address.save(update_fields=["verified"])
    except IntegrityError:
        raise Conflict(
            "This address cannot be added to this account. Ask your youth worker for help."
        ) from None
    person = Person.objects.filter(user=user).only("pk").first()
    audit_record(
        action="accounts.email.verify",
        summary="Email address checked by its owner",
        actor_id=person.pk if person else None,
        target=person,
    )
    return address


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
    require(actor, API_TOKEN_MANAGE, organisation)
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
    require(actor, API_TOKEN_MANAGE, organisation)
    if token.organisation_id != organisation.pk:
        raise NotFound("That token is not in this organisation.")
    revoke_once(
        token,
        action="accounts.api_token.revoke",
        summary="API token revoked",
        actor=actor,
        organisation=organisation,
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
