"""No check-then-act: two joins, two consents or two uses of one link at the same moment end
with one success and a plain message, never a 500.

The two-connection tests run on PostgreSQL (tests/concurrency.py); the ones below them show the
same guard on any database by making the check miss what the other request just wrote.
"""

from __future__ import annotations

import pytest

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, JoinCode, ParentConsentRequest, User
from alongside.accounts.roles import Role
from alongside.accounts.services import joining
from alongside.core.errors import Conflict, NotFound, ValidationFailed
from tests import factories
from tests.accounts.support import PASSPHRASE
from tests.concurrency import needs_postgres, run_concurrently

USERNAME_TAKEN = "That username is taken. Try adding a number or a word."


def _join(code: str, username: str = "sam_rivers"):
    def run():
        return services.join_code_redeem(
            code=code,
            username=username,
            passphrase=PASSPHRASE,
            display_name="Sam",
            birth_month=1,
            birth_year=factories.birth_for_age(15)["birth_year"],
            consent_purposes=[Consent.Purpose.TAKE_PART],
        )

    return run


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_choosing_one_username_at_once_get_one_account_and_a_clear_message():
    # Given a join code for a group, and two young people who chose the same username
    join_code = factories.JoinCodeFactory()
    # When both press "Join" at the same moment
    first, second = run_concurrently(_join(join_code.code), _join(join_code.code))
    # Then the first has an account, and the second is told the name is taken, on its field
    assert first.ok, first.error
    assert isinstance(second.error, ValidationFailed), second.error
    assert (second.error.message, second.error.field) == (USERNAME_TAKEN, "username")
    # And the second used up no place on the code and left no half-made account behind
    assert User.objects.filter(username="sam_rivers").count() == 1
    assert JoinCode.objects.get(pk=join_code.pk).uses == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_recording_one_consent_at_once_record_it_once():
    organisation = factories.OrganisationFactory()
    workers = [factories.person_with_role(Role.WORKER, organisation) for _ in range(2)]
    child = factories.offline_person(organisation, age=11)

    def record(worker):
        return lambda: services.consent_record_from_form(
            actor=actor_for_person(worker),
            organisation=organisation,
            person=child,
            purposes=[Consent.Purpose.TAKE_PART],
        )

    first, second = run_concurrently(record(workers[0]), record(workers[1]))

    assert first.ok, first.error
    assert second.ok, second.error
    assert (len(first.result), second.result) == (1, [])
    assert Consent.objects.in_force().filter(person=child).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_consent_link_used_twice_at_once_is_used_once():
    organisation = factories.OrganisationFactory()
    worker = factories.person_with_role(Role.WORKER, organisation)
    child = factories.offline_person(organisation, age=11)
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )

    def agree(name):
        return lambda: services.parent_consent_give(
            token=token,
            purposes=[Consent.Purpose.TAKE_PART],
            given_by_name=name,
            relationship=Consent.Relationship.PARENT,
        )

    first, second = run_concurrently(agree("Mo Khan"), agree("Sam Khan"))

    assert first.ok, first.error
    assert isinstance(second.error, NotFound)
    assert "already been used" in second.error.message
    assert list(Consent.objects.filter(person=child).values_list("given_by_name", flat=True)) == [
        "Mo Khan"
    ]
    assert ParentConsentRequest.objects.get(person=child).used_at is not None


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_13_year_old_saving_their_choices_twice_at_once_saves_once():
    organisation = factories.OrganisationFactory()
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=13, consent=False)
    factories.ConsentFactory(
        person=person, organisation=organisation, given_by=Consent.GivenBy.PARENT_ONLINE
    )

    def save():
        return services.own_consent_give(
            actor=actor_for_person(person), organisation=organisation, purposes=["take_part"]
        )

    first, second = run_concurrently(save, save)

    assert first.ok, first.error
    assert isinstance(second.error, Conflict)
    assert Consent.objects.in_force().get(person=person).given_by == Consent.GivenBy.SELF


# The same guards on any database: the check is made to miss the other request's row.


@pytest.mark.django_db
def test_a_username_taken_after_the_check_is_a_message_not_a_crash(monkeypatch):
    join_code = factories.JoinCodeFactory()
    factories.UserFactory(username="sam_rivers")
    # Given the check ran before the other person's account was saved
    monkeypatch.setattr(joining, "username_check", lambda username: username)

    with pytest.raises(ValidationFailed) as error:
        _join(join_code.code)()

    assert (error.value.message, error.value.field) == (USERNAME_TAKEN, "username")
    assert JoinCode.objects.get(pk=join_code.pk).uses == 0


@pytest.mark.django_db
def test_a_consent_already_in_force_is_not_recorded_twice(organisation, worker):
    child = factories.offline_person(organisation, age=11)
    factories.ConsentFactory(
        person=child, organisation=organisation, given_by=Consent.GivenBy.PARENT_FORM
    )

    recorded = services.consent_record_from_form(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=child,
        purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.CONTACT],
    )

    assert [c.purpose for c in recorded] == [Consent.Purpose.CONTACT]
    assert Consent.objects.in_force().filter(person=child).count() == 2
