"""Raising, picking up, answering and closing a concern, and who may do each."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import TestCase, override_settings
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.notices.models import Notice
from alongside.safeguarding import selectors, services
from alongside.safeguarding.models import Concern
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)
from tests.safeguarding.factories import TEXT, concern_by_staff, concern_from, lead

pytestmark = pytest.mark.django_db


def test_a_young_persons_concern_reaches_every_lead_and_names_nobody_in_the_trail(
    organisation, young_person, admin
):
    # Given two leads and an admin
    first, second = lead(organisation), lead(organisation)
    mark = last_sequence()

    # When the young person says what is wrong
    with TestCase.captureOnCommitCallbacks(execute=True):
        concern = concern_from(young_person, organisation)

    # Then it waits for a lead, with a day to pick it up
    assert concern.status == Concern.Status.NEW
    assert concern.kind == Concern.Kind.SELF
    assert concern.about == young_person
    assert concern.raised_by == young_person
    assert concern.escalated_at is None
    hours = (concern.acknowledge_by - concern.created_at).total_seconds() / 3600
    assert 23.9 < hours < 24.1
    # And each lead (not the admin) has a notice with none of its words
    notices = list(Notice.objects.filter(kind="safeguarding.new"))
    assert {n.person_id for n in notices} == {first.pk, second.pk}
    for notice in notices:
        assert notice.text == "A new safeguarding concern is waiting for you"
        assert str(concern.public_id) in notice.url
        assert "phone" not in notice.text
    # And the trail says a concern was raised, without who raised it or what it says
    (event,) = events_after(mark)
    assert event.action == "safeguarding.concern.raise"
    assert event.actor_id is None
    assert_names_nobody([event], young_person.display_name, "phone", "bus stop")
    assert_trail_intact()


@override_settings(SAFEGUARDING_ACKNOWLEDGE_WITHIN_HOURS=4)
def test_the_time_to_pick_up_comes_from_the_setting(organisation, young_person):
    lead(organisation)
    concern = concern_from(young_person, organisation)
    assert concern.acknowledge_by - concern.created_at < dt.timedelta(hours=4, seconds=5)


def test_sending_the_same_form_twice_stores_one_concern(organisation, young_person):
    # Given one form, sent twice with its key
    lead(organisation)
    key = uuid.uuid4()
    actor = factories.actor(young_person)

    def send():
        return services.concern_raise_self(
            actor=actor, organisation=organisation, text=TEXT, idempotency_key=key
        )

    # Then there is one concern
    assert send() == send()
    assert Concern.objects.count() == 1
    # And the key cannot be used by someone else to read it
    other = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    with pytest.raises(Conflict):
        services.concern_raise_self(
            actor=factories.actor(other), organisation=organisation, text=TEXT, idempotency_key=key
        )


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.WORKER, Role.SAFEGUARDING_LEAD])
def test_staff_cannot_raise_a_concern_as_a_young_person(organisation, role):
    staff = factories.person_with_role(role, organisation)
    with pytest.raises(NotPermitted):
        concern_from(staff, organisation)
    assert not Concern.objects.exists()


def test_a_young_person_without_consent_or_elsewhere_cannot_raise_there(
    organisation, other_organisation, young_person
):
    # A young person of another organisation
    with pytest.raises(NotPermitted):
        concern_from(young_person, other_organisation)
    # One whose parent has not agreed yet holds no participant role in effect
    waiting = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=11, consent=False)
    with pytest.raises(NotPermitted):
        concern_from(waiting, organisation)
    assert not Concern.objects.exists()


def test_an_empty_concern_is_refused_on_its_field(organisation, young_person):
    with pytest.raises(ValidationFailed) as error:
        concern_from(young_person, organisation, text="   ")
    assert error.value.field == "text"


def test_a_worker_raises_a_concern_about_someone_in_the_organisation(
    organisation, other_organisation, worker, young_person
):
    lead(organisation)
    mark = last_sequence()
    concern = concern_by_staff(worker, organisation, about=young_person)
    assert concern.kind == Concern.Kind.RAISED
    assert concern.raised_by == worker
    assert concern.about == young_person
    (event,) = events_after(mark)
    assert event.actor_id == worker.pk
    assert_names_nobody([event], young_person.display_name, "phone")
    # Never about someone of another organisation
    stranger = factories.person_with_role(Role.YOUNG_PERSON, other_organisation)
    with pytest.raises(NotFound):
        concern_by_staff(worker, organisation, about=stranger)


@pytest.mark.parametrize(
    "role", [Role.COMMISSIONER, Role.COUNCILLOR, Role.PROVIDER, Role.YOUNG_PERSON]
)
def test_only_workers_and_admins_raise_concerns_as_staff(organisation, role):
    with pytest.raises(NotPermitted):
        concern_by_staff(factories.person_with_role(role, organisation), organisation)


def test_with_no_lead_the_admins_are_told_at_once_to_name_one(organisation, young_person, admin):
    # Given an organisation with no designated safeguarding lead
    with TestCase.captureOnCommitCallbacks(execute=True):
        concern = concern_from(young_person, organisation)

    # Then the concern is escalated as it is raised, and the admin told to name a lead
    assert concern.escalated_at is not None
    (notice,) = Notice.objects.filter(person=admin)
    assert "nobody here is a designated safeguarding lead" in notice.text
    assert "phone" not in notice.text
    # And the regular run does not escalate it again
    assert services.concerns_escalate_overdue(now=timezone.now() + dt.timedelta(days=2)) == 0


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SAFEGUARDING_LEAD])
def test_nobody_but_a_lead_handles_a_concern(organisation, young_person, role, unchanged):
    # Given a concern, and someone of any other role (the admin and workers included)
    lead(organisation)
    concern = concern_from(young_person, organisation)
    actor = factories.actor(factories.person_with_role(role, organisation))

    # Then every handling service refuses them and changes nothing
    with unchanged():
        for act in (
            lambda: services.concern_record_view(
                actor=actor, organisation=organisation, concern=concern
            ),
            lambda: services.concern_acknowledge(
                actor=actor, organisation=organisation, concern=concern
            ),
            lambda: services.concern_respond(
                actor=actor, organisation=organisation, concern=concern, response="Hi"
            ),
            lambda: services.concern_close(
                actor=actor, organisation=organisation, concern=concern, note="Done"
            ),
        ):
            with pytest.raises(NotPermitted):
                act()


def test_a_lead_of_another_organisation_cannot_reach_the_concern(
    organisation, other_organisation, young_person
):
    lead(organisation)
    concern = concern_from(young_person, organisation)
    elsewhere = factories.actor(lead(other_organisation))
    with pytest.raises(NotPermitted):
        services.concern_acknowledge(actor=elsewhere, organisation=organisation, concern=concern)
    with pytest.raises(NotFound):
        services.concern_acknowledge(
            actor=elsewhere, organisation=other_organisation, concern=concern
        )
    with pytest.raises(NotFound):
        selectors.concern_get(organisation=other_organisation, public_id=concern.public_id)


def test_acknowledging_twice_is_one_acknowledgement(organisation, young_person):
    first, second = lead(organisation), lead(organisation)
    concern = concern_from(young_person, organisation)
    mark = last_sequence()
    services.concern_acknowledge(
        actor=factories.actor(first), organisation=organisation, concern=concern
    )
    again = services.concern_acknowledge(
        actor=factories.actor(second), organisation=organisation, concern=concern
    )
    assert again.acknowledged_by == first
    assert again.status == Concern.Status.ACKNOWLEDGED
    assert [e.action for e in events_after(mark)] == ["safeguarding.concern.acknowledge"]


def test_a_response_is_seen_only_once_shared_and_never_the_close_note(organisation, young_person):
    # Given a concern a lead has answered but not shared
    the_lead = factories.actor(lead(organisation))
    concern = concern_from(young_person, organisation)
    mark = last_sequence()
    concern = services.concern_respond(
        actor=the_lead, organisation=organisation, concern=concern, response="Let's talk."
    )
    # Then answering picked it up too, and the young person is not told yet
    assert concern.acknowledged_at is not None
    assert concern.response_shared_at is None
    assert not Notice.objects.filter(person=young_person).exists()

    # When the lead shares it
    with TestCase.captureOnCommitCallbacks(execute=True):
        concern = services.concern_respond(
            actor=the_lead,
            organisation=organisation,
            concern=concern,
            response="Let's talk on Tuesday.",
            share=True,
        )
    # Then they are told there is a reply (not what it says), and can read it
    (notice,) = Notice.objects.filter(person=young_person)
    assert notice.text == "Someone has replied to what you told us"
    (own,) = selectors.own_concerns(person=young_person)
    assert own.response == "Let's talk on Tuesday."
    assert own.response_shared_at

    # When the lead closes it with a note
    concern = services.concern_close(
        actor=the_lead, organisation=organisation, concern=concern, note="Spoke to school."
    )
    assert concern.status == Concern.Status.CLOSED
    actions = [e.action for e in events_after(mark)]
    assert actions == [
        "safeguarding.concern.acknowledge",
        "safeguarding.concern.respond",
        "safeguarding.concern.respond",
        "safeguarding.concern.share",
        "safeguarding.concern.close",
    ]
    assert_names_nobody(events_after(mark), young_person.display_name, "Tuesday", "school")
    # And a closed concern's response cannot change
    with pytest.raises(Conflict):
        services.concern_respond(
            actor=the_lead, organisation=organisation, concern=concern, response="More"
        )
    assert_trail_intact()


def test_a_concern_raised_about_someone_shows_to_them_only_when_a_lead_shares_it(
    organisation, worker, young_person
):
    the_lead = factories.actor(lead(organisation))
    concern = concern_by_staff(worker, organisation, about=young_person)
    assert not selectors.own_concerns(person=young_person).exists()
    services.concern_respond(
        actor=the_lead, organisation=organisation, concern=concern, response="Hello", share=True
    )
    assert list(selectors.own_concerns(person=young_person)) == [concern]
    # And it never shows to the worker who raised it
    assert not selectors.own_concerns(person=worker).exists()


def test_a_response_cannot_be_shared_with_nobody(organisation, worker):
    the_lead = factories.actor(lead(organisation))
    concern = concern_by_staff(worker, organisation)
    with pytest.raises(ValidationFailed) as error:
        services.concern_respond(
            actor=the_lead, organisation=organisation, concern=concern, response="Hi", share=True
        )
    assert error.value.field == "share"


def test_waiting_counts_new_and_overdue_for_leads(organisation, other_organisation, young_person):
    lead(organisation)
    concern_from(young_person, organisation)
    late = concern_from(young_person, organisation)
    Concern.objects.filter(pk=late.pk).update(acknowledge_by=timezone.now() - dt.timedelta(hours=1))
    (here, there) = selectors.waiting_for_leads(organisations=[organisation, other_organisation])
    assert (here.waiting, here.overdue) == (2, 1)
    assert (there.waiting, there.overdue) == (0, 0)
    assert AuditEvent.objects.filter(action="safeguarding.concern.view").count() == 0
