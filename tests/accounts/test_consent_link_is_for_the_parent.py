"""A consent link is for the parent: the child cannot use it, and the parent says who they are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent
from alongside.accounts.roles import Role
from alongside.core.errors import NotPermitted, ValidationFailed
from tests import factories
from tests.accounts.support import assert_names_nobody, events_after, last_sequence

pytestmark = pytest.mark.django_db

NOT_FOR_THE_CHILD = (
    "This link is for your parent or carer. Ask them to open it on their own phone or computer."
)


@pytest.fixture
def child(organisation):
    """An 11-year-old who joined with a code and can sign in, waiting for a parent to agree."""
    return factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=11, consent=False, display_name="Jaz"
    )


@pytest.fixture
def link(organisation, worker, child) -> str:
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    return reverse("accounts:parent-consent", args=[token])


def _answers(**overrides: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "given_by_name": "Mo Khan",
        "relationship": Consent.Relationship.PARENT,
        "relationship_other": "",
        "purposes": [Consent.Purpose.TAKE_PART],
    }
    answers.update(overrides)
    return answers


def test_the_child_signed_in_is_refused_and_nothing_changes(client_for, child, link, unchanged):
    client = client_for(child)
    client.get(link)  # the session exists, as a real visitor's would
    # When the child opens their own consent link, and then posts a "parent's" answer
    with unchanged():
        seen = client.get(link)
        posted = client.post(link, _answers())
    # Then both are refused in plain words, and the child still cannot take part
    for response in (seen, posted):
        assert response.status_code == 403
        assert NOT_FOR_THE_CHILD in response.content.decode()
    assert not Consent.objects.filter(person=child).exists()


def test_another_young_person_signed_in_is_refused(client_for, organisation, link, unchanged):
    friend = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    client = client_for(friend)
    client.get(link)
    with unchanged():
        response = client.post(link, _answers())
    assert response.status_code == 403
    assert NOT_FOR_THE_CHILD in response.content.decode()


def test_the_service_refuses_the_child_whatever_the_edge_does(organisation, worker, child):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    with pytest.raises(NotPermitted) as error:
        services.parent_consent_give(
            token=token,
            purposes=[Consent.Purpose.TAKE_PART],
            given_by_name="Mum",
            relationship=Consent.Relationship.PARENT,
            signed_in=child,
        )
    assert error.value.message == NOT_FOR_THE_CHILD
    assert not Consent.objects.filter(person=child).exists()


def test_the_parent_says_who_they_are_and_the_record_keeps_it(client, child, link):
    since = last_sequence()
    # When a parent, not signed in, gives their name and relationship and agrees
    response = client.post(link, _answers(purposes=["take_part", "contact"]))
    # Then the consent says who gave it
    assert response.status_code == 200
    consent = Consent.objects.get(person=child, purpose=Consent.Purpose.TAKE_PART)
    assert (consent.given_by, consent.given_by_name, consent.given_by_relationship) == (
        Consent.GivenBy.PARENT_ONLINE,
        "Mo Khan",
        Consent.Relationship.PARENT,
    )
    # And the audit trail says the relationship but never the parent's name
    events = events_after(since)
    assert {e.data["relationship"] for e in events} == {"parent"}
    assert events[0].summary == "Consent to take_part recorded (parent_online, parent)"
    assert_names_nobody(events, "Mo Khan", "Jaz")


def test_other_relationship_needs_words_and_keeps_them_off_the_trail(client, child, link):
    since = last_sequence()
    missing = client.post(link, _answers(relationship="other"))
    assert missing.status_code == 200
    assert "Say how you are related to the young person" in missing.content.decode()
    assert not Consent.objects.filter(person=child).exists()

    client.post(link, _answers(relationship="other", relationship_other="Nan, Mo Khan"))

    consent = Consent.objects.get(person=child)
    assert consent.given_by_relationship_other == "Nan, Mo Khan"
    assert_names_nobody(events_after(since), "Mo Khan", "Nan")


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"given_by_name": "  "}, "given_by_name", "Enter your full name"),
        ({"relationship": "aunt"}, "relationship", "Select how you are related"),
    ],
)
def test_the_parent_must_say_who_they_are(client, child, link, answers, field, message, unchanged):
    with unchanged():
        response = client.post(link, _answers(**answers))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_link_made_before_the_child_turned_13_is_refused_after(organisation, worker, child):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    child.birth_year -= 3
    child.save()
    with pytest.raises(NotPermitted, match="13 or over"):
        services.parent_consent_give(
            token=token,
            purposes=[Consent.Purpose.TAKE_PART],
            given_by_name="Mo Khan",
            relationship=Consent.Relationship.PARENT,
        )


def test_the_service_checks_the_name_even_without_the_form(organisation, worker, child):
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    with pytest.raises(ValidationFailed) as error:
        services.parent_consent_give(
            token=token, purposes=["take_part"], given_by_name="", relationship="parent"
        )
    assert error.value.field == "given_by_name"
