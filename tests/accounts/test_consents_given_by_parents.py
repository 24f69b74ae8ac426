"""A parent or carer who is signed in when they agree by link is recorded as the giver: the one
tie between their account and their child's consent, which lets them withdraw it themselves."""

from __future__ import annotations

import pytest

from alongside.accounts import selectors, services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent
from alongside.accounts.roles import Role
from alongside.core.errors import NotFound, NotPermitted
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(organisation):
    return factories.offline_person(organisation, age=9, display_name="Jaz")


@pytest.fixture
def parent(organisation):
    return factories.person_with_role(Role.PARENT_CARER, organisation, display_name="Dee")


def give_by_link(organisation, child, signed_in=None) -> None:
    worker = factories.person_with_role(Role.WORKER, organisation)
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART],
        given_by_name="Dee Adams",
        relationship=Consent.Relationship.PARENT,
        signed_in=signed_in,
    )


def test_a_signed_in_parent_is_recorded_as_giving_consent(organisation, child, parent):
    since = last_sequence()
    # When a signed-in parent agrees through the link
    give_by_link(organisation, child, parent)
    # Then the consent names them as the giver, and the audit event has them as its actor
    consent = Consent.objects.get(person=child)
    assert (consent.given_by, consent.given_by_person_id) == (
        Consent.GivenBy.PARENT_ONLINE,
        parent.pk,
    )
    (event,) = [e for e in events_after(since) if e.action == "accounts.consent.give"]
    assert event.actor_id == parent.pk
    assert_names_nobody([event], "Jaz", "Dee")
    assert list(selectors.consents_given_for_others(person=parent)) == [consent]


def test_a_parent_who_is_not_signed_in_is_recorded_as_nobody(organisation, child):
    give_by_link(organisation, child)
    assert Consent.objects.get(person=child).given_by_person is None


def test_the_parent_who_gave_a_consent_may_withdraw_it(organisation, child, parent):
    give_by_link(organisation, child, parent)
    consent = Consent.objects.get(person=child)
    since = last_sequence()

    withdrawn = services.consent_withdraw(actor=actor_for_person(parent), consent=consent)

    assert (withdrawn.withdrawn_by_id, withdrawn.is_active) == (parent.pk, False)
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.summary) == (
        "accounts.consent.withdraw",
        parent.pk,
        "Consent to take_part withdrawn by the parent or carer who gave it",
    )
    assert_trail_intact()


def test_another_parent_may_not_withdraw_it(organisation, child, parent, unchanged):
    give_by_link(organisation, child, parent)
    consent = Consent.objects.get(person=child)
    other = factories.person_with_role(Role.PARENT_CARER, organisation)

    with unchanged():
        with pytest.raises(NotPermitted):
            services.consent_withdraw(actor=actor_for_person(other), consent=consent)
        with pytest.raises(NotFound):
            selectors.consent_given_for_other_get(person=other, pk=consent.pk)


def test_a_consent_recorded_from_a_paper_form_has_no_giver_account(
    organisation, child, parent, worker
):
    # A worker records a paper form: no account is tied to it, even if the parent has one
    services.consent_record_from_form(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=child,
        purposes=[Consent.Purpose.TAKE_PART],
    )
    assert list(selectors.consents_given_for_others(person=parent)) == []


def test_a_parents_data_download_includes_the_consents_they_gave(organisation, child, parent):
    give_by_link(organisation, child, parent)

    data = services.person_export_data(actor=actor_for_person(parent))

    (given,) = data["consents_given_for_a_child"]
    assert (given["child"], given["organisation"], given["purpose"], given["withdrawn_at"]) == (
        "Jaz",
        "Riverside Youth Service",
        Consent.Purpose.TAKE_PART,
        None,
    )


def test_a_parent_no_longer_sees_the_consent_of_a_child_whose_account_was_erased(
    organisation, child, parent, admin
):
    give_by_link(organisation, child, parent)

    services.person_erase(actor=actor_for_person(admin), organisation=organisation, person=child)

    assert list(selectors.consents_given_for_others(person=parent)) == []
