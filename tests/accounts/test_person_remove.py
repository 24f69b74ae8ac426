"""An admin removes someone from the organisation: all their roles there end, their record and
history stay, the last admin is never removed, and two removals at once cannot leave an
organisation without an admin or a person with no role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership, Person
from alongside.accounts.roles import Role
from alongside.core.errors import NotPermitted, ValidationFailed
from tests import factories
from tests.accounts.support import assert_names_nobody, events_after, last_sequence
from tests.concurrency import needs_postgres, run_concurrently


def _remove(admin: Person, organisation, person: Person) -> list[str]:
    return services.person_remove_from_organisation(
        actor=actor_for_person(admin), organisation=organisation, person=person
    )


def _admins(organisation) -> set[int]:
    return set(
        Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN).values_list(
            "person_id", flat=True
        )
    )


# The service --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_removing_someone_ends_all_their_roles_here_and_keeps_their_record(
    organisation, other_organisation, admin, worker
):
    # Given a worker who is also a commissioner here, and a worker elsewhere
    factories.MembershipFactory(person=worker, organisation=organisation, role=Role.COMMISSIONER)
    factories.MembershipFactory(person=worker, organisation=other_organisation, role=Role.WORKER)
    since = last_sequence()

    # When an admin removes them from the organisation
    roles = _remove(admin, organisation, worker)

    # Then both roles here end, the role elsewhere stays, and the person and sign-in stay
    assert roles == [Role.COMMISSIONER, Role.WORKER]
    assert not Membership.objects.filter(person=worker, organisation=organisation).exists()
    assert Membership.objects.filter(person=worker, organisation=other_organisation).exists()
    worker.refresh_from_db()
    assert worker.user is not None
    assert worker.erased_at is None
    # And it is audited, naming nobody
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.person.remove",
        admin.pk,
        organisation.pk,
        str(worker.pk),
    )
    assert event.data == {"roles": ["commissioner", "worker"]}
    assert_names_nobody([event], worker.display_name, worker.user.username)


@pytest.mark.django_db
def test_the_only_admin_cannot_leave(organisation, admin, unchanged):
    with unchanged(), pytest.raises(ValidationFailed) as error:
        _remove(admin, organisation, admin)
    assert error.value.message == (
        "You are the only admin of Riverside Youth Service. "
        "Make someone else an admin first, so that someone can still manage it."
    )


@pytest.mark.django_db
def test_an_admin_can_leave_while_another_admin_remains(organisation, admin, person_with_role):
    other = person_with_role(Role.ORG_ADMIN)

    assert _remove(admin, organisation, admin) == [Role.ORG_ADMIN]

    assert _admins(organisation) == {other.pk}


@pytest.mark.django_db
def test_only_admins_may_remove_people(organisation, worker, young_person, unchanged):
    with unchanged(), pytest.raises(NotPermitted):
        _remove(worker, organisation, young_person)


@pytest.mark.django_db
def test_an_admin_whose_role_was_taken_away_meanwhile_is_refused(
    organisation, admin, person_with_role, young_person, unchanged
):
    # Given an admin's actor read at the start of their request
    stale = actor_for_person(admin)
    # When another admin takes their admin role away before they submit
    other = person_with_role(Role.ORG_ADMIN)
    factories.MembershipFactory(person=admin, organisation=organisation, role=Role.WORKER)
    services.membership_revoke(
        actor=actor_for_person(other),
        organisation=organisation,
        membership=Membership.objects.get(person=admin, role=Role.ORG_ADMIN),
    )
    # Then their removal is refused, in plain words
    with unchanged(), pytest.raises(NotPermitted, match="You are no longer an admin here"):
        services.person_remove_from_organisation(
            actor=stale, organisation=organisation, person=young_person
        )


# The page -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_removes_someone_through_a_confirm_page(client_for, organisation, admin, worker):
    detail = reverse("accounts:person-detail", args=[organisation.slug, worker.public_id])
    url = reverse("accounts:person-remove", args=[organisation.slug, worker.public_id])
    client = client_for(admin)

    assert f'href="{url}"' in client.get(detail).content.decode()
    page = client.get(url).content.decode()
    assert "Remove from the organisation" in page
    assert str(Role.WORKER.label) in page

    response = client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "accounts:person-list", args=[organisation.slug]
    )
    assert f"{worker.display_name} has been removed from" in response.content.decode()
    assert not Membership.objects.filter(person=worker, organisation=organisation).exists()


@pytest.mark.django_db
def test_the_page_says_why_the_only_admin_cannot_leave(client_for, organisation, admin):
    url = reverse("accounts:person-remove", args=[organisation.slug, admin.public_id])

    response = client_for(admin).post(url)

    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "You are the only admin of Riverside Youth Service." in body
    assert _admins(organisation) == {admin.pk}


# Two admins at once, on PostgreSQL ----------------------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_removing_each_other_at_once_leave_one_admin():
    # Given an organisation with exactly two admins
    organisation = factories.OrganisationFactory(slug="riverside")
    first = factories.person_with_role(Role.ORG_ADMIN, organisation)
    second = factories.person_with_role(Role.ORG_ADMIN, organisation)

    # When each removes the other at the same moment
    first_removal, second_removal = run_concurrently(
        lambda: _remove(first, organisation, second),
        lambda: _remove(second, organisation, first),
    )

    # Then one removal happened and the other was refused in plain words, not a 500
    assert first_removal.ok, first_removal.error
    assert isinstance(second_removal.error, NotPermitted), second_removal.error
    assert "You are no longer an admin here" in second_removal.error.message
    # And the organisation has exactly one admin
    assert _admins(organisation) == {first.pk}


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_taking_each_others_admin_role_at_once_leave_one_admin():
    organisation = factories.OrganisationFactory(slug="riverside")
    first = factories.person_with_role(Role.ORG_ADMIN, organisation)
    second = factories.person_with_role(Role.ORG_ADMIN, organisation)
    for person in (first, second):  # so that taking admin away does not leave them no role
        factories.MembershipFactory(person=person, organisation=organisation, role=Role.WORKER)

    def revoke(actor: Person, of: Person) -> Any:
        membership = Membership.objects.get(person=of, role=Role.ORG_ADMIN)
        return services.membership_revoke(
            actor=actor_for_person(actor), organisation=organisation, membership=membership
        )

    first_revoke, second_revoke = run_concurrently(
        lambda: revoke(first, second), lambda: revoke(second, first)
    )

    assert first_revoke.ok, first_revoke.error
    assert isinstance(second_revoke.error, NotPermitted), second_revoke.error
    assert _admins(organisation) == {first.pk}


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_taking_away_someones_two_roles_at_once_leave_them_one():
    organisation = factories.OrganisationFactory(slug="riverside")
    first = factories.person_with_role(Role.ORG_ADMIN, organisation)
    second = factories.person_with_role(Role.ORG_ADMIN, organisation)
    worker = factories.person_with_role(Role.WORKER, organisation)
    factories.MembershipFactory(person=worker, organisation=organisation, role=Role.COMMISSIONER)
    worker_role, commissioner_role = (
        Membership.objects.get(person=worker, role=role)
        for role in (Role.WORKER, Role.COMMISSIONER)
    )

    first_revoke, second_revoke = run_concurrently(
        lambda: services.membership_revoke(
            actor=actor_for_person(first), organisation=organisation, membership=worker_role
        ),
        lambda: services.membership_revoke(
            actor=actor_for_person(second), organisation=organisation, membership=commissioner_role
        ),
    )

    assert first_revoke.ok, first_revoke.error
    assert isinstance(second_revoke.error, ValidationFailed), second_revoke.error
    assert "only role here" in second_revoke.error.message
    assert Membership.objects.filter(person=worker, organisation=organisation).count() == 1
