"""Consent: from a signed form, by a parent's link, and withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alongside.accounts import codes, services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, ParentConsentRequest
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

PARENT = {"given_by_name": "Mo Khan", "relationship": Consent.Relationship.PARENT}
LINK_DOES_NOT_WORK = (
    "This link has expired or has already been used. Ask the youth worker for a new one."
)


@pytest.fixture
def child(organisation):
    """An 11-year-old recorded offline, waiting for a parent to agree."""
    return factories.offline_person(organisation, age=11, display_name="Jaz")


# consent_record_from_form ---------------------------------------------------------------------


def test_a_worker_records_a_parents_signed_form_for_a_child_under_13(organisation, worker, child):
    since = last_sequence()
    # When a worker records the parent's signed form
    recorded = services.consent_record_from_form(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=child,
        purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.CONTACT],
    )
    # Then both consents are recorded as given by the parent on a form, seen by the worker
    assert sorted((c.purpose, c.given_by, c.recorded_by_id) for c in recorded) == [
        (Consent.Purpose.CONTACT, Consent.GivenBy.PARENT_FORM, worker.pk),
        (Consent.Purpose.TAKE_PART, Consent.GivenBy.PARENT_FORM, worker.pk),
    ]
    # And the child now takes part
    assert actor_for_person(child).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    # And each consent has its event, with ids but no names
    events = events_after(since)
    assert [e.action for e in events] == ["accounts.consent.give"] * 2
    take_part = next(e for e in events if e.data["purpose"] == "take_part")
    assert (take_part.actor_id, take_part.organisation_id, take_part.object_id) == (
        worker.pk,
        organisation.pk,
        str(child.pk),
    )
    assert take_part.summary == "Consent to take_part recorded (parent_form)"
    assert take_part.data["given_by"] == "parent_form"
    assert_names_nobody(events, "Jaz", worker.display_name)
    assert_trail_intact()


def test_a_form_signed_by_a_young_person_13_or_over_is_their_own_consent(organisation, worker):
    teenager = factories.offline_person(organisation, age=14)

    (consent,) = services.consent_record_from_form(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=teenager,
        purposes=[Consent.Purpose.TAKE_PART],
    )

    assert consent.given_by == Consent.GivenBy.SELF


def test_a_consent_already_in_force_is_not_recorded_twice(organisation, worker, child):
    actor = actor_for_person(worker)
    services.consent_record_from_form(
        actor=actor, organisation=organisation, person=child, purposes=[Consent.Purpose.TAKE_PART]
    )
    since = last_sequence()

    recorded = services.consent_record_from_form(
        actor=actor,
        organisation=organisation,
        person=child,
        purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.PHOTOS],
    )

    assert [c.purpose for c in recorded] == [Consent.Purpose.PHOTOS]
    assert Consent.objects.filter(person=child, purpose=Consent.Purpose.TAKE_PART).count() == 1
    assert [e.data["purpose"] for e in events_after(since)] == ["photos"]


def test_recording_a_form_needs_at_least_one_purpose(organisation, worker, child, unchanged):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.consent_record_from_form(
            actor=actor_for_person(worker), organisation=organisation, person=child, purposes=[]
        )
    assert (error.value.message, error.value.field) == (
        "Select what the signed form agrees to.",
        "purposes",
    )


def test_recording_a_form_for_someone_in_another_organisation_is_not_found(
    organisation, other_organisation, worker, unchanged
):
    stranger = factories.offline_person(other_organisation, age=11)
    with unchanged(), pytest.raises(NotFound):
        services.consent_record_from_form(
            actor=actor_for_person(worker),
            organisation=organisation,
            person=stranger,
            purposes=[Consent.Purpose.TAKE_PART],
        )


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.PARENT_CARER, Role.COMMISSIONER])
def test_recording_a_form_is_refused_without_the_role(
    organisation, person_with_role, child, unchanged, role
):
    actor = actor_for_person(person_with_role(role))
    with unchanged(), pytest.raises(NotPermitted):
        services.consent_record_from_form(
            actor=actor,
            organisation=organisation,
            person=child,
            purposes=[Consent.Purpose.TAKE_PART],
        )


# Parent consent links -------------------------------------------------------------------------


def test_parent_consent_link_create_stores_only_a_hash_of_the_token(
    organisation, worker, child, settings
):
    since = last_sequence()

    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )

    request = ParentConsentRequest.objects.get(person=child)
    assert request.token_hash == codes.digest(token)
    assert token not in request.token_hash
    expected_expiry = timezone.now() + dt.timedelta(days=settings.ALONGSIDE_PARENT_CONSENT_DAYS)
    assert abs(request.expires_at - expected_expiry) < dt.timedelta(minutes=1)
    assert (request.created_by, request.used_at) == (worker, None)
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.consent.link_create",
        worker.pk,
        organisation.pk,
        str(child.pk),
    )
    assert_names_nobody([event], token, "Jaz")


def test_parent_consent_link_is_not_for_someone_13_or_over(organisation, worker, unchanged):
    teenager = factories.offline_person(organisation, age=13)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.parent_consent_link_create(
            actor=actor_for_person(worker), organisation=organisation, person=teenager
        )
    assert error.value.message == "This person is 13 or over and can agree for themselves."


def test_parent_consent_link_create_is_refused_without_the_role(
    organisation, person_with_role, child, unchanged
):
    actor = actor_for_person(person_with_role(Role.COUNCILLOR))
    with unchanged(), pytest.raises(NotPermitted):
        services.parent_consent_link_create(actor=actor, organisation=organisation, person=child)


def test_a_parent_agrees_through_the_link(organisation, worker, child):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    since = last_sequence()
    # When the parent ticks taking part and contact
    request = services.parent_consent_give(
        token=token, purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.CONTACT], **PARENT
    )
    # Then both are recorded as given by the parent online, and the link is used up
    consents = Consent.objects.filter(person=child).order_by("purpose")
    assert [(c.purpose, c.given_by, c.recorded_by_id) for c in consents] == [
        (Consent.Purpose.CONTACT, Consent.GivenBy.PARENT_ONLINE, None),
        (Consent.Purpose.TAKE_PART, Consent.GivenBy.PARENT_ONLINE, None),
    ]
    assert request.used_at is not None
    assert actor_for_person(child).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    # And the events have no actor (the parent has no account) and no names
    events = events_after(since)
    assert [(e.action, e.actor_id, e.organisation_id) for e in events] == [
        ("accounts.consent.give", None, organisation.pk)
    ] * 2
    assert {e.data["given_by"] for e in events} == {"parent_online"}
    assert_names_nobody(events, "Jaz", token)
    assert_trail_intact()


def test_a_parent_must_agree_to_taking_part(organisation, worker, child, unchanged):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.parent_consent_give(token=token, purposes=[Consent.Purpose.PHOTOS], **PARENT)
    assert (error.value.message, error.value.field) == (
        "To let your child take part online, tick 'Taking part online'.",
        "purposes",
    )
    # And the link still works afterwards
    services.parent_consent_give(token=token, purposes=[Consent.Purpose.TAKE_PART], **PARENT)


def test_a_consent_link_works_only_once(organisation, worker, child, unchanged):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    services.parent_consent_give(token=token, purposes=[Consent.Purpose.TAKE_PART], **PARENT)

    with unchanged(), pytest.raises(NotFound) as error:
        services.parent_consent_give(token=token, purposes=[Consent.Purpose.TAKE_PART], **PARENT)

    assert error.value.message == LINK_DOES_NOT_WORK


def test_an_expired_consent_link_does_not_work(organisation, worker, child, unchanged):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    ParentConsentRequest.objects.filter(person=child).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with unchanged(), pytest.raises(NotFound) as error:
        services.parent_consent_give(token=token, purposes=[Consent.Purpose.TAKE_PART], **PARENT)
    assert error.value.message == LINK_DOES_NOT_WORK


def test_a_made_up_consent_link_does_not_work(unchanged):
    with unchanged(), pytest.raises(NotFound) as error:
        services.parent_consent_give(
            token=codes.new_token(), purposes=[Consent.Purpose.TAKE_PART], **PARENT
        )
    assert error.value.message == LINK_DOES_NOT_WORK


# consent_withdraw -----------------------------------------------------------------------------


def test_a_young_person_withdraws_their_own_consent(organisation, person_with_role):
    person = person_with_role(Role.YOUNG_PERSON, age=15, display_name="Rivvy")
    consent = Consent.objects.get(person=person)
    since = last_sequence()

    withdrawn = services.consent_withdraw(actor=actor_for_person(person), consent=consent)

    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == person
    assert actor_for_person(person).roles_in(organisation.pk) == frozenset()
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.consent.withdraw",
        person.pk,
        organisation.pk,
        str(person.pk),
    )
    assert event.summary == "Consent to take_part withdrawn by the person"
    assert event.data == {"purpose": "take_part", "consent": consent.pk}
    assert_names_nobody([event], "Rivvy", person.user.username)


def test_a_worker_records_a_withdrawal(organisation, worker, young_person):
    consent = Consent.objects.get(person=young_person)
    since = last_sequence()

    withdrawn = services.consent_withdraw(actor=actor_for_person(worker), consent=consent)

    assert withdrawn.withdrawn_by == worker
    (event,) = events_after(since)
    assert (event.actor_id, event.summary) == (worker.pk, "Consent to take_part withdrawn")


def test_withdrawing_twice_changes_nothing_the_second_time(young_person, unchanged):
    actor = actor_for_person(young_person)
    consent = Consent.objects.get(person=young_person)
    first = services.consent_withdraw(actor=actor, consent=consent)

    with unchanged():
        second = services.consent_withdraw(actor=actor, consent=consent)

    assert second.withdrawn_at == first.withdrawn_at


def test_consent_can_be_given_again_after_it_was_withdrawn(organisation, worker, child):
    actor = actor_for_person(worker)
    (consent,) = services.consent_record_from_form(
        actor=actor, organisation=organisation, person=child, purposes=[Consent.Purpose.TAKE_PART]
    )
    services.consent_withdraw(actor=actor, consent=consent)

    (again,) = services.consent_record_from_form(
        actor=actor, organisation=organisation, person=child, purposes=[Consent.Purpose.TAKE_PART]
    )

    assert again.pk != consent.pk
    assert actor_for_person(child).roles_in(organisation.pk) == {Role.YOUNG_PERSON}


def test_a_worker_of_another_organisation_cannot_withdraw_consent(
    other_organisation, person_with_role, young_person, unchanged
):
    outsider = actor_for_person(person_with_role(Role.WORKER, org=other_organisation))
    consent = Consent.objects.get(person=young_person)
    with unchanged(), pytest.raises(NotPermitted):
        services.consent_withdraw(actor=outsider, consent=consent)


def test_another_young_person_cannot_withdraw_someone_elses_consent(
    person_with_role, young_person, unchanged
):
    other = actor_for_person(person_with_role(Role.YOUNG_PERSON))
    consent = Consent.objects.get(person=young_person)
    with unchanged(), pytest.raises(NotPermitted):
        services.consent_withdraw(actor=other, consent=consent)
