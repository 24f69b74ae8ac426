"""An admin deletes an account someone asked to be deleted."""

from __future__ import annotations

import pytest

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Membership, Person, User
from alongside.accounts.roles import Role
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_erasing_removes_sign_in_and_details_but_keeps_an_anonymous_row(organisation, admin):
    # Given a young person who asked to be deleted
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    services.person_request_deletion(actor=actor_for_person(child))
    user_id = child.user_id
    # When an admin deletes the account
    services.person_erase(actor=actor_for_person(admin), organisation=organisation, person=child)
    # Then the sign-in and personal details are gone, and the row is anonymous
    child.refresh_from_db()
    assert child.display_name == services.ERASED_NAME
    assert child.birth_year is None
    assert child.user_id is None
    assert child.erased_at is not None
    assert not User.objects.filter(pk=user_id).exists()
    assert not Membership.objects.filter(person=child).exists()
    assert not Consent.objects.filter(person=child, withdrawn_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="accounts.person.erase")
    assert event.organisation_id == organisation.pk
    assert "Person" not in event.summary


def test_only_an_admin_can_erase_and_a_refusal_changes_nothing(organisation, worker):
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    with pytest.raises(NotPermitted):
        services.person_erase(
            actor=actor_for_person(worker), organisation=organisation, person=child
        )
    assert Person.objects.get(pk=child.pk).user_id is not None
    assert not AuditEvent.objects.filter(action="accounts.person.erase").exists()


def test_staff_accounts_are_not_erased_here(organisation, admin, worker):
    with pytest.raises(ValidationFailed, match="Staff accounts"):
        services.person_erase(
            actor=actor_for_person(admin), organisation=organisation, person=worker
        )


def test_deletion_requests_are_listed_for_the_organisation(organisation, admin, client_for):
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    services.person_request_deletion(actor=actor_for_person(child))
    response = client_for(admin).get(f"/orgs/{organisation.slug}/people/?deletion=on")
    assert child.display_name in response.content.decode()
    assert b"Showing 1 to 1 of 1" in response.content
