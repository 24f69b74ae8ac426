"""Who is asking: roles in effect, consent, API-token scope and staff status."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from alongside.accounts import rules, services
from alongside.accounts.actor import ANONYMOUS, actor_for_person, actor_for_user
from alongside.accounts.models import Consent
from alongside.accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_young_person_without_consent_to_take_part_holds_no_role_yet(
    organisation, person_with_role
):
    # Given a young person who joined but has not agreed to take part
    person = person_with_role(Role.YOUNG_PERSON, age=15, consent=False)
    # When their actor is built
    actor = actor_for_person(person)
    # Then the role is held but not in effect, and the organisation waits for consent
    assert actor.held_roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    assert actor.roles_in(organisation.pk) == frozenset()
    assert not actor.can(rules.ORGANISATION_VIEW, organisation)
    assert actor.awaiting_consent_in() == [organisation]


def test_a_young_person_13_or_over_can_consent_for_themselves(organisation, person_with_role):
    person = person_with_role(Role.YOUNG_PERSON, age=13, consent=False)
    factories.ConsentFactory(
        person=person, organisation=organisation, given_by=Consent.GivenBy.SELF
    )

    actor = actor_for_person(person)

    assert actor.roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    assert actor.can(rules.ORGANISATION_VIEW, organisation)
    assert actor.awaiting_consent_in() == []


def test_under_13_consent_given_by_themselves_does_not_count(organisation, person_with_role):
    # Given a 12-year-old whose only consent is one they gave themselves
    person = person_with_role(Role.YOUNG_PERSON, age=12, consent=False)
    factories.ConsentFactory(
        person=person, organisation=organisation, given_by=Consent.GivenBy.SELF
    )
    # When their actor is built
    actor = actor_for_person(person)
    # Then they hold no role in effect: a child under 13 cannot consent alone
    assert actor.roles_in(organisation.pk) == frozenset()
    assert actor.awaiting_consent_in() == [organisation]


@pytest.mark.parametrize("given_by", [Consent.GivenBy.PARENT_FORM, Consent.GivenBy.PARENT_ONLINE])
def test_under_13_consent_given_by_a_parent_counts(organisation, person_with_role, given_by):
    person = person_with_role(Role.YOUNG_PERSON, age=12, consent=False)
    factories.ConsentFactory(person=person, organisation=organisation, given_by=given_by)

    actor = actor_for_person(person)

    assert actor.roles_in(organisation.pk) == {Role.YOUNG_PERSON}


def test_a_young_person_with_no_birth_date_is_treated_as_under_13(organisation, person_with_role):
    person = person_with_role(Role.YOUNG_PERSON, consent=False, birth_year=None, birth_month=None)
    factories.ConsentFactory(
        person=person, organisation=organisation, given_by=Consent.GivenBy.SELF
    )

    assert actor_for_person(person).roles_in(organisation.pk) == frozenset()


def test_consent_to_something_else_or_elsewhere_does_not_count(
    organisation, other_organisation, person_with_role
):
    # Given consent to photos here, and to taking part in another organisation
    person = person_with_role(Role.YOUNG_PERSON, age=15, consent=False)
    factories.ConsentFactory(
        person=person, organisation=organisation, purpose=Consent.Purpose.PHOTOS
    )
    factories.MembershipFactory(person=person, organisation=other_organisation)
    factories.ConsentFactory(person=person, organisation=other_organisation)
    # When their actor is built
    actor = actor_for_person(person)
    # Then they take part only in the other organisation
    assert actor.roles_in(organisation.pk) == frozenset()
    assert actor.roles_in(other_organisation.pk) == {Role.YOUNG_PERSON}
    assert actor.awaiting_consent_in() == [organisation]


def test_staff_roles_do_not_depend_on_consent(organisation, person_with_role):
    worker = person_with_role(Role.WORKER)
    assert not Consent.objects.filter(person=worker).exists()

    assert actor_for_person(worker).roles_in(organisation.pk) == {Role.WORKER}


def test_withdrawing_consent_takes_effect_on_the_next_actor_built(organisation, person_with_role):
    # Given a young person taking part, with the actor of their current request
    person = person_with_role(Role.YOUNG_PERSON, age=15)
    current = actor_for_person(person)
    assert current.roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    # When they withdraw consent to take part
    consent = Consent.objects.get(person=person, purpose=Consent.Purpose.TAKE_PART)
    services.consent_withdraw(actor=current, consent=consent)
    # Then the very next actor (the next page they open) has no role there
    assert actor_for_person(person).roles_in(organisation.pk) == frozenset()
    assert actor_for_person(person).awaiting_consent_in() == [organisation]


def test_an_api_token_actor_has_no_roles_outside_its_organisation(
    organisation, other_organisation, person_with_role
):
    # Given an admin of two organisations
    admin = person_with_role(Role.ORG_ADMIN)
    factories.MembershipFactory(person=admin, organisation=other_organisation, role=Role.ORG_ADMIN)
    assert actor_for_person(admin).roles_in(other_organisation.pk) == {Role.ORG_ADMIN}
    # When they act through a token made for the first one
    actor = actor_for_person(admin, only_organisation_id=organisation.pk)
    # Then they keep their roles there and hold none anywhere else
    assert actor.roles_in(organisation.pk) == {Role.ORG_ADMIN}
    assert actor.roles_in(other_organisation.pk) == frozenset()
    assert actor.held_roles_in(other_organisation.pk) == frozenset()
    assert actor.can(rules.AUDIT_VIEW, organisation)
    assert not actor.can(rules.AUDIT_VIEW, other_organisation)


def test_is_staff_means_a_staff_role_anywhere(organisation, other_organisation, person_with_role):
    assert actor_for_person(person_with_role(Role.WORKER)).is_staff
    assert actor_for_person(person_with_role(Role.COUNCILLOR)).is_staff
    assert not actor_for_person(person_with_role(Role.YOUNG_PERSON)).is_staff
    assert not actor_for_person(person_with_role(Role.PARENT_CARER)).is_staff
    provider_elsewhere = person_with_role(Role.PROVIDER, org=other_organisation)
    factories.MembershipFactory(
        person=provider_elsewhere, organisation=organisation, role=Role.COMMISSIONER
    )
    assert actor_for_person(provider_elsewhere).is_staff
    assert not ANONYMOUS.is_staff


def test_organisations_are_listed_once_each_by_name(
    organisation, other_organisation, person_with_role
):
    # Given someone with two roles in one organisation and one in another
    admin = person_with_role(Role.ORG_ADMIN)
    factories.MembershipFactory(person=admin, organisation=organisation, role=Role.WORKER)
    factories.MembershipFactory(person=admin, organisation=other_organisation, role=Role.WORKER)
    # Then each organisation is listed once, in name order
    actor = actor_for_person(admin)
    assert actor.organisations == [other_organisation, organisation]  # Elsewhere, Riverside
    assert actor.organisations_where(rules.MEMBERSHIP_MANAGE) == [organisation]


def test_an_organisation_action_without_an_organisation_is_refused(organisation, person_with_role):
    actor = actor_for_person(person_with_role(Role.ORG_ADMIN))
    assert not actor.can(rules.PEOPLE_VIEW)
    assert actor.can(rules.OWN_ACCOUNT)


def test_the_anonymous_actor_can_only_do_public_things(organisation):
    assert not ANONYMOUS.is_authenticated
    assert ANONYMOUS.person_id is None
    assert ANONYMOUS.roles_in(organisation.pk) == frozenset()
    assert ANONYMOUS.can(rules.JOIN)
    assert not ANONYMOUS.can(rules.OWN_ACCOUNT)


def test_actor_for_user_without_a_person_or_signed_out_is_anonymous():
    assert actor_for_user(AnonymousUser()) is ANONYMOUS
    assert actor_for_user(factories.UserFactory()) is ANONYMOUS


def test_actor_for_user_finds_their_person(young_person):
    actor = actor_for_user(young_person.user)
    assert actor.person == young_person
    assert actor.person_id == young_person.pk


def test_building_an_actor_takes_a_fixed_number_of_queries(
    organisation, other_organisation, person_with_role, django_assert_num_queries
):
    # Given a young person in two organisations
    person = person_with_role(Role.YOUNG_PERSON, age=15)
    factories.MembershipFactory(person=person, organisation=other_organisation)
    # Then their memberships (with organisations) and consents take two queries
    with django_assert_num_queries(2):
        actor = actor_for_person(person)
        assert [o.name for o in actor.organisations]
        assert actor.roles_in(organisation.pk)
    # And staff, who need no consent, take one
    worker = person_with_role(Role.WORKER, with_totp=False)
    with django_assert_num_queries(1):
        actor_for_person(worker).roles_in(organisation.pk)
