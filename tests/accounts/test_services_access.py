"""Getting back in and letting machines in: reset codes, API tokens, sign-in events."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from alongside.accounts import codes, services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import ApiToken, ResetCode
from alongside.accounts.roles import Role
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)

pytestmark = pytest.mark.django_db

NEW_PASSPHRASE = "orange kite mountain"
WRONG_CODE = (
    "That username and code do not match, or the code has expired. Ask your worker for a new code."
)


# reset_code_create ----------------------------------------------------------------------------


def test_reset_code_create_gives_a_one_time_code_stored_as_a_hash(
    organisation, worker, young_person, settings
):
    since = last_sequence()

    code = services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )

    assert re.fullmatch(rf"[{codes.ALPHABET}]{{4}}(-[{codes.ALPHABET}]{{4}}){{2}}", code)
    reset = ResetCode.objects.get(person=young_person)
    assert reset.code_hash == codes.digest(code)
    expected_expiry = timezone.now() + dt.timedelta(hours=settings.ALONGSIDE_RESET_CODE_HOURS)
    assert abs(reset.expires_at - expected_expiry) < dt.timedelta(minutes=1)
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.reset_code.create",
        worker.pk,
        organisation.pk,
        str(young_person.pk),
    )
    assert_names_nobody([event], code, young_person.display_name, young_person.user.username)


def test_reset_code_create_needs_someone_who_can_sign_in(organisation, worker, unchanged):
    offline = factories.offline_person(organisation)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_create(
            actor=actor_for_person(worker), organisation=organisation, person=offline
        )
    assert error.value.message == "This person has no sign-in yet. Give them a claim code instead."


def test_reset_code_create_is_not_for_staff(organisation, worker, person_with_role, unchanged):
    colleague = person_with_role(Role.WORKER)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_create(
            actor=actor_for_person(worker), organisation=organisation, person=colleague
        )
    assert error.value.message == "Staff reset their password by email from the sign-in page."


def test_reset_code_create_for_someone_in_another_organisation_is_not_found(
    organisation, other_organisation, worker, person_with_role, unchanged
):
    stranger = person_with_role(Role.YOUNG_PERSON, org=other_organisation)
    with unchanged(), pytest.raises(NotFound):
        services.reset_code_create(
            actor=actor_for_person(worker), organisation=organisation, person=stranger
        )


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.COMMISSIONER])
def test_reset_code_create_is_refused_without_the_role(
    organisation, person_with_role, young_person, unchanged, role
):
    actor = actor_for_person(person_with_role(role))
    with unchanged(), pytest.raises(NotPermitted):
        services.reset_code_create(actor=actor, organisation=organisation, person=young_person)


# reset_code_redeem ----------------------------------------------------------------------------


def test_a_reset_code_changes_the_passphrase_once(organisation, worker, young_person, unchanged):
    code = services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )
    since = last_sequence()
    # When the young person types it loosely, with their username in another case
    person = services.reset_code_redeem(
        username=young_person.user.username.upper(),
        code=code.lower().replace("-", " "),
        passphrase=NEW_PASSPHRASE,
    )
    # Then their passphrase is changed and the code is used
    assert person == young_person
    young_person.user.refresh_from_db()
    assert young_person.user.check_password(NEW_PASSPHRASE)
    assert ResetCode.objects.get(person=young_person).used_at is not None
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.reset_code.redeem",
        young_person.pk,
        organisation.pk,
        str(young_person.pk),
    )
    assert_names_nobody([event], code, young_person.display_name, young_person.user.username)
    # And the same code does not work again
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_redeem(
            username=young_person.user.username, code=code, passphrase="another long passphrase"
        )
    assert (error.value.message, error.value.field) == (WRONG_CODE, "code")
    assert_trail_intact()


def test_a_new_reset_code_stops_the_old_one_working(organisation, worker, young_person, unchanged):
    actor = actor_for_person(worker)
    old = services.reset_code_create(actor=actor, organisation=organisation, person=young_person)
    new = services.reset_code_create(actor=actor, organisation=organisation, person=young_person)

    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_redeem(
            username=young_person.user.username, code=old, passphrase=NEW_PASSPHRASE
        )
    assert error.value.message == WRONG_CODE

    services.reset_code_redeem(
        username=young_person.user.username, code=new, passphrase=NEW_PASSPHRASE
    )


def test_a_reset_code_with_the_wrong_username_does_not_work(
    organisation, worker, young_person, person_with_role, unchanged
):
    code = services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )
    someone_else = person_with_role(Role.YOUNG_PERSON)

    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_redeem(
            username=someone_else.user.username, code=code, passphrase=NEW_PASSPHRASE
        )

    assert error.value.message == WRONG_CODE
    # And the code still works for its own person
    services.reset_code_redeem(
        username=young_person.user.username, code=code, passphrase=NEW_PASSPHRASE
    )


def test_an_expired_reset_code_does_not_work(organisation, worker, young_person, unchanged):
    code = services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )
    ResetCode.objects.filter(person=young_person).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_redeem(
            username=young_person.user.username, code=code, passphrase=NEW_PASSPHRASE
        )

    assert error.value.message == WRONG_CODE


def test_a_reset_code_with_a_weak_passphrase_is_refused_and_stays_usable(
    organisation, worker, young_person, unchanged
):
    code = services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.reset_code_redeem(
            username=young_person.user.username, code=code, passphrase="short"
        )
    assert (error.value.message, error.value.field) == (
        "This password is too short. It must contain at least 10 characters.",
        "passphrase",
    )
    services.reset_code_redeem(
        username=young_person.user.username, code=code, passphrase=NEW_PASSPHRASE
    )


# API tokens -----------------------------------------------------------------------------------


def test_api_token_create_shows_the_secret_once_and_stores_a_hash(organisation, admin):
    since = last_sequence()

    token, secret = services.api_token_create(
        actor=actor_for_person(admin), organisation=organisation, name="  Youth survey import "
    )

    assert secret.startswith("als_")
    assert len(secret) > 40
    assert (token.name, token.person, token.organisation) == (
        "Youth survey import",
        admin,
        organisation,
    )
    assert token.prefix == secret[:10]
    assert token.key_hash == codes.digest(secret)
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.api_token.create",
        admin.pk,
        organisation.pk,
        str(token.pk),
    )
    assert_names_nobody([event], secret, token.prefix, admin.display_name)


def test_api_token_create_needs_a_name(organisation, admin, unchanged):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.api_token_create(
            actor=actor_for_person(admin), organisation=organisation, name=" "
        )
    assert (error.value.message, error.value.field) == (
        "Enter a name for the token, like 'Youth survey import'.",
        "name",
    )


@pytest.mark.parametrize("role", [Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON])
def test_api_token_create_is_for_admins_only(organisation, person_with_role, unchanged, role):
    actor = actor_for_person(person_with_role(role))
    with unchanged(), pytest.raises(NotPermitted):
        services.api_token_create(actor=actor, organisation=organisation, name="Import")


def test_api_token_authenticate_finds_the_token_and_notes_its_use(organisation, admin):
    token, secret = services.api_token_create(
        actor=actor_for_person(admin), organisation=organisation, name="Import"
    )
    assert token.last_used_at is None

    found = services.api_token_authenticate(secret=secret)

    assert found == token
    found.refresh_from_db()
    assert found.last_used_at is not None
    # And the actor it gives is limited to the token's organisation
    actor = actor_for_person(found.person, only_organisation_id=found.organisation_id)
    assert actor.roles_in(organisation.pk) == {Role.ORG_ADMIN}


def test_api_token_authenticate_refuses_wrong_and_revoked_secrets(organisation, admin):
    actor = actor_for_person(admin)
    token, secret = services.api_token_create(actor=actor, organisation=organisation, name="Import")

    assert services.api_token_authenticate(secret=secret + "x") is None
    assert services.api_token_authenticate(secret="") is None

    services.api_token_revoke(actor=actor, organisation=organisation, token=token)
    assert services.api_token_authenticate(secret=secret) is None


def test_api_token_revoke_is_recorded_once(organisation, admin):
    actor = actor_for_person(admin)
    token, _secret = services.api_token_create(
        actor=actor, organisation=organisation, name="Import"
    )
    since = last_sequence()

    services.api_token_revoke(actor=actor, organisation=organisation, token=token)
    services.api_token_revoke(actor=actor, organisation=organisation, token=token)

    token.refresh_from_db()
    assert token.revoked_at is not None
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.api_token.revoke",
        admin.pk,
        organisation.pk,
        str(token.pk),
    )


def test_api_token_revoke_of_another_organisations_token_is_not_found(
    organisation, other_organisation, admin, person_with_role, unchanged
):
    other_admin = person_with_role(Role.ORG_ADMIN, org=other_organisation)
    token, _secret = services.api_token_create(
        actor=actor_for_person(other_admin), organisation=other_organisation, name="Import"
    )
    with unchanged(), pytest.raises(NotFound) as error:
        services.api_token_revoke(
            actor=actor_for_person(admin), organisation=organisation, token=token
        )
    assert error.value.message == "That token is not in this organisation."


def test_api_token_revoke_is_refused_for_a_worker(organisation, admin, worker, unchanged):
    token, _secret = services.api_token_create(
        actor=actor_for_person(admin), organisation=organisation, name="Import"
    )
    with unchanged(), pytest.raises(NotPermitted):
        services.api_token_revoke(
            actor=actor_for_person(worker), organisation=organisation, token=token
        )


# Sign-in events -------------------------------------------------------------------------------


def test_sign_in_and_out_are_recorded_without_names(young_person):
    since = last_sequence()

    services.sign_in_record(user=young_person.user)
    services.sign_in_failed_record(login=young_person.user.username.upper())
    services.sign_out_record(user=young_person.user)

    events = events_after(since)
    assert [(e.action, e.actor_id, e.organisation_id) for e in events] == [
        ("accounts.sign_in", young_person.pk, None),
        ("accounts.sign_in_failed", None, None),
        ("accounts.sign_out", young_person.pk, None),
    ]
    assert_names_nobody(events, young_person.display_name, young_person.user.username)
    assert events[1].object_id == events[0].object_id != ""


def test_a_failed_sign_in_for_no_account_records_nothing(young_person):
    since = last_sequence()

    services.sign_in_failed_record(login="nobody_here")
    services.sign_in_failed_record(login="  ")

    assert events_after(since) == []
