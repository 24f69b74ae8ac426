"""Join codes, and joining with one: a young person or parent makes their own sign-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts import codes, tasks
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import (
    JoinCode,
    Membership,
    Organisation,
    Person,
    User,
)
from alongside.accounts.roles import JOIN_CODE_ROLES, Role
from alongside.accounts.rules import (
    JOIN_CODE_MANAGE,
    PERSON_INVITE,
)
from alongside.accounts.services.consent import own_consents_replace_parents
from alongside.accounts.services.guards import (
    KIND_FOR_ROLE,
    check_birth,
    require_member,
    revoke_once,
)
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed

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
    require(actor, PERSON_INVITE if claim_person else JOIN_CODE_MANAGE, organisation)
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
    if Role(role) not in JOIN_CODE_ROLES:
        raise ValidationFailed("Join codes are for young people and parents.", field="role")
    if claim_person is not None:
        require_member(claim_person, organisation)
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
    require(actor, JOIN_CODE_MANAGE, organisation)
    if join_code.organisation_id != organisation.pk:
        raise NotFound("That code is not in this organisation.")
    revoke_once(
        join_code,
        action="accounts.join_code.revoke",
        summary="Join code revoked",
        actor=actor,
        organisation=organisation,
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


USERNAME_TAKEN = "That username is taken. Try adding a number or a word."


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
        raise Conflict(USERNAME_TAKEN, field="username")
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
    base_url: str = "",
) -> Person:
    """Make an account from a join code, all at once or not at all.

    The code's use count goes up with an F() update guarded by its limit, so two people using
    the last place at the same moment cannot both get it. ``base_url`` (where the site is, as
    the visitor reached it) is needed with an ``email``, to mail the link that verifies it.
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
        check_birth(birth_month, birth_year)
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
    try:
        # username_check looked, but someone may take the name between that look and this
        # insert; the unique constraint decides, in a savepoint so the failure is ours to word.
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationFailed(USERNAME_TAKEN, field="username") from None
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
        if not base_url:
            raise ValueError("base_url is needed to mail the link that verifies the address")
        # Unverified, and not the account's email until its owner opens the link we mail:
        # anyone can type an address. Whether it is someone else's already is never said
        # here; the link cannot verify an address another account holds.
        address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        address_id = address.pk
        transaction.on_commit(
            lambda: tasks.email_verification_send.enqueue(
                email_address_id=address_id, base_url=base_url
            )
        )
    audit_record(
        action="accounts.join",
        summary="Joined with a claim code" if claim else "Joined with a join code",
        actor_id=person.pk,
        organisation_id=join_code.organisation_id,
        target=person,
        data={"join_code": join_code.pk},
    )
    consent_purposes = list(consent_purposes)
    if consent_purposes and not person.needs_parental_consent:
        # Someone claiming a record at 13 or over may have a parent's consent from when they
        # were younger: their own choices now replace it.
        own_consents_replace_parents(
            person=person,
            organisation=join_code.organisation,
            purposes=consent_purposes,
            recorded_by=person,
            end_the_rest=True,
        )
    return person
