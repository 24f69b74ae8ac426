"""Hot pages run the same number of queries however many people an organisation has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Consent, Organisation
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from tests import factories

pytestmark = pytest.mark.django_db


def add_people(organisation: Organisation, count: int) -> None:
    """A realistic mix: young people of all ages with and without consent, offline people,
    parents, and staff; each leaves an audit event by a different actor."""
    for n in range(count):
        kind = n % 5
        if kind == 0:
            person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
        elif kind == 1:
            person = factories.person_with_role(
                Role.YOUNG_PERSON, organisation, age=11, consent=False
            )
        elif kind == 2:
            person = factories.offline_person(organisation, age=12)
            factories.ConsentFactory(
                person=person, organisation=organisation, given_by=Consent.GivenBy.PARENT_FORM
            )
        elif kind == 3:
            person = factories.person_with_role(Role.PARENT_CARER, organisation)
        else:
            person = factories.person_with_role(Role.COMMISSIONER, organisation, with_totp=False)
        audit_record(
            action="accounts.person.view",
            summary="Something happened",
            actor_id=person.pk,
            organisation_id=organisation.pk,
            target=person,
        )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts_with_5_and_50_people(client, organisation: Organisation, url: str) -> tuple[int, int]:
    # Given 5 people (and a first request, so the session exists like a real visitor's)
    add_people(organisation, 5)
    client.get(url)
    five = queries_for(client, url)
    # When 45 more join
    add_people(organisation, 45)
    fifty = queries_for(client, url)
    return five, fifty


@pytest.mark.parametrize(
    "url_name",
    ["accounts:person-list", "accounts:organisation-home", "accounts:audit-list"],
)
def test_staff_pages_run_the_same_queries_for_5_or_50_people(
    client_for, organisation, admin, url_name
):
    client = client_for(admin)
    url = reverse(url_name, args=[organisation.slug])

    five, fifty = counts_with_5_and_50_people(client, organisation, url)

    assert five == fifty


def test_the_people_page_shows_a_full_page_at_50_people(client_for, organisation, admin):
    # The flat query count is for a page of real rows, not an empty one
    add_people(organisation, 50)
    content = client_for(admin).get(reverse("accounts:person-list", args=[organisation.slug]))
    assert content.content.decode().count('class="govuk-table__row"') == 25 + 1  # rows + header


def test_the_staff_home_page_runs_the_same_queries_for_5_or_50_people(
    client_for, organisation, other_organisation, admin
):
    # Given an admin who is staff in two organisations
    factories.MembershipFactory(person=admin, organisation=other_organisation, role=Role.WORKER)
    client = client_for(admin)

    five, fifty = counts_with_5_and_50_people(client, organisation, reverse("home:index"))

    assert five == fifty


def test_the_young_persons_home_page_runs_the_same_queries_for_5_or_50_people(
    client_for, organisation, young_person
):
    client = client_for(young_person)

    five, fifty = counts_with_5_and_50_people(client, organisation, reverse("home:index"))

    assert five == fifty


def test_a_commissioners_home_page_runs_the_same_queries_for_5_or_50_people(
    client_for, organisation, person_with_role
):
    client = client_for(person_with_role(Role.COMMISSIONER))

    five, fifty = counts_with_5_and_50_people(client, organisation, reverse("home:index"))

    assert five == fifty


def test_a_parents_home_page_runs_the_same_queries_for_5_or_50_children(client_for, organisation):
    # Given a parent who gave consent, while signed in, for 5 children, then for 50
    parent = factories.person_with_role(Role.PARENT_CARER, organisation)
    client = client_for(parent)

    def give(count: int) -> None:
        for _ in range(count):
            factories.ConsentFactory(
                person=factories.offline_person(organisation, age=9),
                organisation=organisation,
                given_by=Consent.GivenBy.PARENT_ONLINE,
                given_by_person=parent,
            )

    give(5)
    client.get(reverse("home:index"))
    five = queries_for(client, reverse("home:index"))
    give(45)
    fifty = queries_for(client, reverse("home:index"))

    assert five == fifty
