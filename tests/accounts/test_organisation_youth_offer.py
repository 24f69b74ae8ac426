"""An admin changes the age young people take part until (ADR 0012): lowering it moves those
now past it on to community members at once, and the confirm page says how many first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests.accounts.support import assert_trail_intact

pytestmark = pytest.mark.django_db


def _roles(person: Person, organisation: Organisation) -> set[str]:
    return set(
        Membership.objects.filter(person=person, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def test_lowering_the_age_moves_on_those_past_it_and_no_one_else(
    organisation, admin, person_with_role
):
    # Given young people of 15, 18 and 18 with an offer extended to 25, at an upper age of 19
    fifteen = person_with_role(Role.YOUNG_PERSON, age=15)
    eighteen = person_with_role(Role.YOUNG_PERSON, age=18)
    extended = person_with_role(Role.YOUNG_PERSON, age=18)
    Person.objects.filter(pk=extended.pk).update(youth_offer_extended=True)
    # When the admin lowers it to 17
    moved = services.organisation_youth_offer_set(
        actor=actor_for_person(admin), organisation=organisation, upper_age=17
    )
    # Then the 18-year-old without an extension is a community member, and nobody else moved
    assert moved == 1
    assert _roles(eighteen, organisation) == {Role.COMMUNITY_MEMBER}
    assert _roles(fifteen, organisation) == {Role.YOUNG_PERSON}
    assert _roles(extended, organisation) == {Role.YOUNG_PERSON}
    organisation.refresh_from_db()
    assert organisation.youth_offer_upper_age == 17
    # And the change is in the trail, with the ages it moved between
    event = AuditEvent.objects.filter(action="accounts.organisation.youth_offer_set").get()
    assert event.data == {"from": 19, "to": 17}
    assert_trail_intact()


def test_raising_the_age_moves_nobody_and_the_same_age_writes_nothing(organisation, admin):
    actor = actor_for_person(admin)
    services.organisation_youth_offer_set(actor=actor, organisation=organisation, upper_age=21)
    assert (
        services.organisation_youth_offer_set(actor=actor, organisation=organisation, upper_age=21)
        == 0
    )
    assert AuditEvent.objects.filter(action="accounts.organisation.youth_offer_set").count() == 1


@pytest.mark.parametrize("age", [15, 26])
def test_an_age_outside_16_to_25_is_refused(organisation, admin, age):
    with pytest.raises(ValidationFailed, match="from 16 to 25"):
        services.organisation_youth_offer_set(
            actor=actor_for_person(admin), organisation=organisation, upper_age=age
        )
    organisation.refresh_from_db()
    assert organisation.youth_offer_upper_age == 19


def test_a_worker_cannot_change_it(organisation, worker):
    with pytest.raises(NotPermitted):
        services.organisation_youth_offer_set(
            actor=actor_for_person(worker), organisation=organisation, upper_age=17
        )


def test_the_confirm_page_says_how_many_will_move_before_anything_changes(
    client_for, organisation, admin, person_with_role
):
    person_with_role(Role.YOUNG_PERSON, age=18)
    person_with_role(Role.YOUNG_PERSON, age=18)
    client = client_for(admin)
    # Given the admin asks for 17 on the settings page
    response = client.post(
        reverse("accounts:organisation-youth-offer", args=[organisation.slug]), {"upper_age": "17"}
    )
    confirm = reverse("accounts:organisation-youth-offer-confirm", args=[organisation.slug, 17])
    assert response.url == confirm
    # Then the confirm page says two young people will become community members
    content = client.get(confirm).content.decode()
    assert "2 young people here are older than 17" in content
    organisation.refresh_from_db()
    assert organisation.youth_offer_upper_age == 19
    # And confirming changes it and says so
    response = client.post(confirm, follow=True)
    assert "Young people now take part here until they are 17." in response.content.decode()
    assert "2 are now community members." in response.content.decode()


def test_a_wrong_age_is_shown_on_its_field(client_for, organisation, admin):
    response = client_for(admin).post(
        reverse("accounts:organisation-youth-offer", args=[organisation.slug]), {"upper_age": "12"}
    )
    assert response.status_code == 200
    assert "The age must be from 16 to 25" in response.content.decode()
