"""Join codes: making and revoking them, and making an account with one."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, JoinCode, Membership, Person, User
from alongside.accounts.roles import Role
from alongside.accounts.services import consent as consent_services
from alongside.accounts.services import joining as joining_services
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from tests import factories
from tests.accounts.support import (
    PASSPHRASE,
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)

pytestmark = pytest.mark.django_db

INVALID_CODE = "That code is not right, has expired or has been used up. Check it with your worker."


@pytest.fixture
def join_code(organisation):
    return factories.JoinCodeFactory(organisation=organisation)


def redeem(code: JoinCode | str, **overrides):
    arguments = {
        "code": code.code if isinstance(code, JoinCode) else code,
        "username": "river.fox",
        "passphrase": PASSPHRASE,
        "display_name": "Rivvy",
        **factories.birth_for_age(15),
    }
    arguments.update(overrides)
    return services.join_code_redeem(**arguments)


# join_code_create -----------------------------------------------------------------------------


def test_join_code_create_makes_a_code_with_the_default_limits(organisation, worker, settings):
    # Given a worker
    since = last_sequence()
    # When they make a join code for a group
    join_code = services.join_code_create(
        actor=actor_for_person(worker), organisation=organisation, label="  Tuesday youth club "
    )
    # Then it works for the default number of days and people
    assert join_code.label == "Tuesday youth club"
    assert join_code.role == Role.YOUNG_PERSON
    assert join_code.max_uses == settings.ALONGSIDE_JOIN_CODE_MAX_USES == 30
    expected_expiry = timezone.now() + dt.timedelta(days=settings.ALONGSIDE_JOIN_CODE_DAYS)
    assert abs(join_code.expires_at - expected_expiry) < dt.timedelta(minutes=1)
    assert join_code.uses == 0
    assert join_code.created_by == worker
    assert join_code.status == "active"
    # And the audit trail records it, without the code itself
    (event,) = events_after(since)
    assert event.action == "accounts.join_code.create"
    assert (event.organisation_id, event.actor_id) == (organisation.pk, worker.pk)
    assert (event.object_type, event.object_id) == ("accounts.joincode", str(join_code.pk))
    assert event.summary == "Join code made for 30 uses over 14 days"
    assert_names_nobody([event], join_code.code, worker.display_name, worker.user.username)
    assert_trail_intact()


def test_join_code_create_for_parents(organisation, worker):
    join_code = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Parents' evening",
        role=Role.PARENT_CARER,
        days=1,
        max_uses=1,
    )
    assert (join_code.role, join_code.max_uses) == (Role.PARENT_CARER, 1)


@pytest.mark.parametrize(("days", "max_uses"), [(1, 1), (90, 500)])
def test_join_code_create_accepts_the_limits(organisation, worker, days, max_uses):
    join_code = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Group",
        days=days,
        max_uses=max_uses,
    )
    assert join_code.max_uses == max_uses


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"days": 0}, "days", "A code can last from 1 to 90 days."),
        ({"days": 91}, "days", "A code can last from 1 to 90 days."),
        ({"max_uses": 0}, "max_uses", "A code can be used from 1 to 500 times."),
        ({"max_uses": 501}, "max_uses", "A code can be used from 1 to 500 times."),
        ({"label": "   "}, "label", "Enter a name for the group, like 'Tuesday youth club'."),
        ({"role": Role.WORKER}, "role", "Join codes are for young people and parents."),
    ],
)
def test_join_code_create_refuses_values_outside_the_limits(
    organisation, worker, unchanged, arguments, field, message
):
    arguments = {"label": "Group", **arguments}
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.join_code_create(
            actor=actor_for_person(worker), organisation=organisation, **arguments
        )
    assert (error.value.message, error.value.field) == (message, field)


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.COMMISSIONER, Role.COUNCILLOR])
def test_join_code_create_is_refused_without_the_role(
    organisation, person_with_role, unchanged, role
):
    actor = actor_for_person(person_with_role(role))
    with unchanged(), pytest.raises(NotPermitted) as error:
        services.join_code_create(actor=actor, organisation=organisation, label="Group")
    assert error.value.message == "You do not have permission to do this in this organisation."


def test_join_code_create_is_refused_for_a_worker_of_another_organisation(
    organisation, other_organisation, person_with_role, unchanged
):
    outsider = person_with_role(Role.WORKER, org=other_organisation)
    with unchanged(), pytest.raises(NotPermitted):
        services.join_code_create(
            actor=actor_for_person(outsider), organisation=organisation, label="Group"
        )


def test_a_claim_code_is_for_one_use_and_takes_the_persons_role(organisation, worker):
    # Given a parent a worker recorded offline
    parent = factories.offline_person(organisation, role=Role.PARENT_CARER)
    since = last_sequence()
    # When the worker makes a claim code for them
    join_code = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Claim code",
        days=7,
        max_uses=30,
        claim_person=parent,
    )
    # Then it can be used once, as a parent, and only to claim that record
    assert (join_code.max_uses, join_code.role, join_code.claim_person) == (
        1,
        Role.PARENT_CARER,
        parent,
    )
    (event,) = events_after(since)
    assert event.summary == "Claim code made for an offline person"
    assert_names_nobody([event], join_code.code, parent.display_name)


def test_a_claim_code_is_refused_for_someone_who_can_already_sign_in(
    organisation, worker, young_person, unchanged
):
    with unchanged(), pytest.raises(Conflict) as error:
        services.join_code_create(
            actor=actor_for_person(worker),
            organisation=organisation,
            label="Claim code",
            claim_person=young_person,
        )
    assert error.value.message == "This person can already sign in."


def test_a_claim_code_is_refused_for_someone_in_another_organisation(
    organisation, other_organisation, worker, unchanged
):
    stranger = factories.offline_person(other_organisation)
    with unchanged(), pytest.raises(NotFound) as error:
        services.join_code_create(
            actor=actor_for_person(worker),
            organisation=organisation,
            label="Claim code",
            claim_person=stranger,
        )
    assert error.value.message == "That person is not part of this organisation."


# join_code_revoke -----------------------------------------------------------------------------


def test_join_code_revoke_stops_the_code_once(organisation, worker, join_code):
    since = last_sequence()
    actor = actor_for_person(worker)
    # When a worker revokes a code, twice
    services.join_code_revoke(actor=actor, organisation=organisation, join_code=join_code)
    services.join_code_revoke(actor=actor, organisation=organisation, join_code=join_code)
    # Then it is revoked, and only one event is written
    join_code.refresh_from_db()
    assert join_code.status == "revoked"
    (event,) = events_after(since)
    assert (event.action, event.organisation_id, event.actor_id) == (
        "accounts.join_code.revoke",
        organisation.pk,
        worker.pk,
    )
    with pytest.raises(ValidationFailed):
        redeem(join_code)


def test_two_revokes_from_pages_loaded_at_the_same_time_write_one_event(
    organisation, worker, join_code
):
    # Given two workers who each loaded the code while it was still open
    first_copy = JoinCode.objects.get(pk=join_code.pk)
    second_copy = JoinCode.objects.get(pk=join_code.pk)
    since = last_sequence()
    actor = actor_for_person(worker)
    # When both revoke it from what they loaded
    services.join_code_revoke(actor=actor, organisation=organisation, join_code=first_copy)
    services.join_code_revoke(actor=actor, organisation=organisation, join_code=second_copy)
    # Then one revocation is recorded, and both copies show the one time it happened
    (event,) = events_after(since)
    assert event.action == "accounts.join_code.revoke"
    assert second_copy.revoked_at == first_copy.revoked_at is not None


def test_join_code_revoke_of_another_organisations_code_is_not_found(
    organisation, other_organisation, worker, unchanged
):
    elsewhere = factories.JoinCodeFactory(organisation=other_organisation)
    with unchanged(), pytest.raises(NotFound):
        services.join_code_revoke(
            actor=actor_for_person(worker), organisation=organisation, join_code=elsewhere
        )


def test_join_code_revoke_is_refused_for_a_young_person(
    organisation, young_person, join_code, unchanged
):
    with unchanged(), pytest.raises(NotPermitted):
        services.join_code_revoke(
            actor=actor_for_person(young_person), organisation=organisation, join_code=join_code
        )


# join_code_redeem -----------------------------------------------------------------------------


def test_joining_at_13_or_over_makes_an_account_that_can_take_part(organisation, join_code):
    since = last_sequence()
    # When a 15-year-old joins, typing the code loosely, and agrees to taking part and photos
    person = redeem(
        join_code.code.lower().replace("-", " "),
        username="  River.Fox ",
        consent_purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.PHOTOS],
    )
    # Then they are a young person with a sign-in and the role, and the code has one use fewer
    person.refresh_from_db()
    assert person.kind == Person.Kind.YOUNG_PERSON
    assert person.display_name == "Rivvy"
    assert (person.birth_month, person.birth_year) == tuple(factories.birth_for_age(15).values())
    assert person.user.username == "river.fox"
    assert person.user.check_password(PASSPHRASE)
    assert person.user.email == ""
    assert list(Membership.objects.filter(person=person).values_list("organisation", "role")) == [
        (organisation.pk, Role.YOUNG_PERSON)
    ]
    join_code.refresh_from_db()
    assert join_code.uses == 1
    # And their own consent counts, so they take part at once
    consents = Consent.objects.filter(person=person).order_by("purpose")
    assert [(c.purpose, c.given_by, c.recorded_by_id) for c in consents] == [
        (Consent.Purpose.PHOTOS, Consent.GivenBy.SELF, person.pk),
        (Consent.Purpose.TAKE_PART, Consent.GivenBy.SELF, person.pk),
    ]
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    # And the trail has the join and both consents, naming nobody
    events = events_after(since)
    assert [e.action for e in events] == [
        "accounts.join",
        "accounts.consent.give",
        "accounts.consent.give",
    ]
    join_event = events[0]
    assert (join_event.actor_id, join_event.organisation_id) == (person.pk, organisation.pk)
    assert (join_event.summary, join_event.data) == (
        "Joined with a join code",
        {"join_code": join_code.pk},
    )
    assert_names_nobody(events, "Rivvy", "river.fox", join_code.code)
    assert_trail_intact()


def test_joining_under_13_holds_the_role_until_a_parent_agrees(organisation, join_code):
    since = last_sequence()
    # When an 11-year-old joins and ticks every box
    person = redeem(
        join_code, consent_purposes=list(Consent.Purpose), **factories.birth_for_age(11)
    )
    # Then no consent of theirs is recorded, and they wait for a parent
    assert not Consent.objects.filter(person=person).exists()
    actor = actor_for_person(person)
    assert actor.held_roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    assert actor.roles_in(organisation.pk) == frozenset()
    assert actor.awaiting_consent_in() == [organisation]
    assert [e.action for e in events_after(since)] == ["accounts.join"]


def test_joining_at_exactly_13_counts_as_13(organisation, join_code):
    person = redeem(
        join_code, consent_purposes=[Consent.Purpose.TAKE_PART], **factories.birth_for_age(13)
    )
    assert not person.needs_parental_consent
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}


def test_joining_with_a_parent_code_makes_a_parent_without_a_birth_date(organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation, role=Role.PARENT_CARER)

    person = redeem(
        join_code,
        birth_month=None,
        birth_year=None,
        display_name="",
        consent_purposes=[Consent.Purpose.TAKE_PART],
    )

    assert person.kind == Person.Kind.PARENT_CARER
    assert (person.birth_month, person.birth_year) == (None, None)
    assert person.display_name == "river.fox"  # no display name given: the username is shown
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.PARENT_CARER}


def test_joining_with_an_email_at_13_or_over_keeps_it_unverified(join_code):
    person = redeem(join_code, email=" River@Example.org ", base_url="http://testserver/")

    # Not the account's email until its owner opens the link mailed to it (test_recovery.py)
    assert person.user.email == ""
    address = EmailAddress.objects.get(user=person.user)
    assert (address.email, address.primary, address.verified) == ("river@example.org", True, False)
    assert_names_nobody(events_after(0), "river@example.org")


def test_joining_with_a_claim_code_attaches_the_sign_in_to_the_offline_record(organisation, worker):
    # Given an 11-year-old recorded offline, with a parent's form, and a claim code for them
    offline = factories.offline_person(organisation, age=11, display_name="Sky")
    factories.ConsentFactory(
        person=offline, organisation=organisation, given_by=Consent.GivenBy.PARENT_FORM
    )
    claim = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Claim",
        claim_person=offline,
    )
    people_before = Person.objects.count()
    since = last_sequence()
    # When they claim it (no birth date asked: the worker recorded it)
    person = redeem(claim, display_name="", birth_month=None, birth_year=None)
    # Then the same record now signs in, keeping its name, membership and consent
    assert person.pk == offline.pk
    assert Person.objects.count() == people_before
    person.refresh_from_db()
    assert person.user.username == "river.fox"
    assert person.display_name == "Sky"
    assert Membership.objects.filter(person=person).count() == 1
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    claim.refresh_from_db()
    assert claim.status == "used up"
    (event,) = events_after(since)
    assert (event.action, event.summary, event.actor_id) == (
        "accounts.join",
        "Joined with a claim code",
        person.pk,
    )
    assert_names_nobody([event], "Sky", "river.fox")


def test_a_claim_code_can_set_a_new_display_name(organisation, worker):
    offline = factories.offline_person(organisation, age=15, display_name="Sky")
    claim = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Claim",
        claim_person=offline,
    )

    person = redeem(claim, display_name=" Skylar ")

    person.refresh_from_db()
    assert person.display_name == "Skylar"


@pytest.mark.parametrize(
    "make_code",
    [
        pytest.param(
            lambda org: factories.JoinCodeFactory(
                organisation=org, expires_at=timezone.now() - dt.timedelta(seconds=1)
            ),
            id="expired",
        ),
        pytest.param(
            lambda org: factories.JoinCodeFactory(organisation=org, revoked_at=timezone.now()),
            id="revoked",
        ),
        pytest.param(
            lambda org: factories.JoinCodeFactory(organisation=org, max_uses=3, uses=3),
            id="used-up",
        ),
        pytest.param(lambda org: JoinCode(code="ABCD-EFGH"), id="unknown"),
    ],
)
def test_joining_with_a_code_that_does_not_work_changes_nothing(organisation, unchanged, make_code):
    join_code = make_code(organisation)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code)
    assert (error.value.message, error.value.field) == (INVALID_CODE, "code")


def test_the_last_use_of_a_code_cannot_be_taken_twice(organisation, unchanged):
    # Given a code with one use left
    join_code = factories.JoinCodeFactory(organisation=organisation, max_uses=5, uses=4)
    # When two people use it one after the other
    first = redeem(join_code, username="first.person")
    # Then the first gets the place, and the second is told the code does not work
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code, username="second.person")
    assert error.value.message == INVALID_CODE
    join_code.refresh_from_db()
    assert join_code.uses == 5
    assert first.user.username == "first.person"
    assert not User.objects.filter(username="second.person").exists()


def test_the_last_use_is_guarded_in_the_database_even_if_the_check_saw_it_free(
    organisation, unchanged
):
    # Given a code with one use left, read by two people at the same moment
    join_code = factories.JoinCodeFactory(organisation=organisation, max_uses=5, uses=4)
    seen_by_second = services.join_code_check(code=join_code.code)
    redeem(join_code, username="first.person")
    # When the second carries on with what they read before the first finished
    with (
        unchanged(),
        mock.patch.object(joining_services, "join_code_check", return_value=seen_by_second),
        pytest.raises(Conflict) as error,
    ):
        redeem(join_code, username="second.person")
    # Then the guarded update refuses the place, and no account is made
    assert (error.value.message, error.value.field) == (INVALID_CODE, "code")
    join_code.refresh_from_db()
    assert join_code.uses == 5


def test_joining_with_a_taken_username_is_refused_whatever_the_case(join_code, unchanged):
    factories.UserFactory(username="river.fox")
    with unchanged(), pytest.raises(Conflict) as error:
        redeem(join_code, username="River.Fox")
    assert (error.value.message, error.value.field) == (
        "That username is taken. Try adding a number or a word.",
        "username",
    )


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ab", "Username must be between 3 and 30 characters."),
        ("a" * 31, "Username must be between 3 and 30 characters."),
        ("river fox", "Username can only use letters, numbers, dots, dashes and underscores."),
        ("rivér", "Username can only use letters, numbers, dots, dashes and underscores."),
        ("river@example.org", "Username cannot be an email address."),
    ],
)
def test_joining_with_an_unusable_username_is_refused(join_code, unchanged, username, message):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code, username=username)
    assert (error.value.message, error.value.field) == (message, "username")


@pytest.mark.parametrize(
    ("passphrase", "message"),
    [
        (
            "password",
            "This password is too short. It must contain at least 10 characters. "
            "This password is too common.",
        ),
        ("739184620573", "This password is entirely numeric."),
        ("river.fox.river", "The password is too similar to the username."),
    ],
)
def test_joining_with_a_weak_passphrase_is_refused(join_code, unchanged, passphrase, message):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code, passphrase=passphrase)
    assert (error.value.message, error.value.field) == (message, "passphrase")


def test_joining_with_a_passphrase_hashed_earlier_uses_that_hash(join_code):
    # The join pages hash the passphrase on its own page, so the plain text is never stored
    from django.contrib.auth.hashers import make_password

    person = redeem(join_code, passphrase="", passphrase_hash=make_password(PASSPHRASE))

    assert person.user.check_password(PASSPHRASE)


@pytest.mark.parametrize(
    ("birth", "field", "message"),
    [
        (
            {"birth_month": None, "birth_year": None},
            "birth_month",
            "Enter your month and year of birth.",
        ),
        (
            {"birth_month": 3, "birth_year": None},
            "birth_month",
            "Enter your month and year of birth.",
        ),
        (
            {"birth_month": None, "birth_year": 2012},
            "birth_month",
            "Enter both the month and the year of birth.",
        ),
        (
            {"birth_month": 13, "birth_year": 2012},
            "birth_month",
            "Month of birth must be a number from 1 to 12.",
        ),
        (
            {"birth_month": 0, "birth_year": 2012},
            "birth_month",
            "Month of birth must be a number from 1 to 12.",
        ),
    ],
)
def test_joining_as_a_young_person_needs_a_real_month_and_year(
    join_code, unchanged, birth, field, message
):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code, **birth)
    assert (error.value.message, error.value.field) == (message, field)


def test_joining_with_a_birth_year_out_of_range_or_in_the_future_is_refused(join_code, unchanged):
    today = timezone.localdate()
    with unchanged():
        with pytest.raises(ValidationFailed) as too_old:
            redeem(join_code, birth_month=1, birth_year=today.year - 31)
        with pytest.raises(ValidationFailed) as too_young:
            redeem(join_code, birth_month=1, birth_year=today.year + 1)
    expected = f"Year of birth must be between {today.year - 30} and {today.year}."
    assert too_old.value.message == too_young.value.message == expected
    if today.month < 12:
        with unchanged(), pytest.raises(ValidationFailed) as future:
            redeem(join_code, birth_month=today.month + 1, birth_year=today.year)
        assert future.value.message == "Month and year of birth must be in the past."


def test_an_email_under_13_is_refused_and_the_whole_join_rolls_back(join_code, unchanged):
    # Given a code with uses left; the email is checked only after the use is counted and the
    # sign-in made, so this is a failure half-way through
    with unchanged(), pytest.raises(ValidationFailed) as error:
        redeem(join_code, email="kid@example.org", **factories.birth_for_age(12))
    # Then nothing is left behind: no use counted, no sign-in, person, membership or event
    assert (error.value.message, error.value.field) == (
        "You can add an email address when you are 13 or older.",
        "email",
    )
    join_code.refresh_from_db()
    assert join_code.uses == 0


def test_a_failure_while_recording_consent_rolls_the_whole_join_back(join_code, unchanged):
    # Given something fails after the account was made, while writing the consent's audit event
    real_audit_record = consent_services.audit_record

    def fail_on_consent(**kwargs):
        if kwargs["action"] == "accounts.consent.give":
            raise RuntimeError("the database went away")
        return real_audit_record(**kwargs)

    with (
        unchanged(),
        mock.patch.object(consent_services, "audit_record", side_effect=fail_on_consent),
        pytest.raises(RuntimeError),
    ):
        redeem(join_code, consent_purposes=[Consent.Purpose.TAKE_PART])
    # Then the code's use, the sign-in and the person are all gone too
    join_code.refresh_from_db()
    assert join_code.uses == 0
