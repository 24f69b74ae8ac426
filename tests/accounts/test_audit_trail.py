"""What an organisation's audit trail shows: its own events and its members' personal ones, in
plain words, naming people only to those who may see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts import selectors, services
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_trail_shows_members_sign_ins_but_not_other_organisations() -> None:
    # Given a member here and a member of another organisation, who both sign in
    here = factories.OrganisationFactory(slug="here")
    there = factories.OrganisationFactory(slug="there")
    member = factories.person_with_role(Role.YOUNG_PERSON, here)
    stranger = factories.person_with_role(Role.YOUNG_PERSON, there)
    services.sign_in_record(user=member.user)
    services.sign_in_record(user=stranger.user)
    # When an admin here reads the trail
    events = selectors.audit_events_for_organisation(organisation=here, action="accounts.sign_in")
    # Then they see their member's sign-in and nobody else's
    assert [e.actor_id for e in events] == [member.pk]
    assert "accounts.sign_in" in selectors.audit_actions_for_organisation(organisation=here)


def _page(client, organisation, **query: str) -> str:
    response = client.get(reverse("accounts:audit-list", args=[organisation.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_trail_says_what_happened_in_plain_words_and_whose_details_were_viewed(
    client_for, organisation, admin
) -> None:
    # Given a worker here who looked at a young person's details
    worker = factories.person_with_role(Role.WORKER, organisation, display_name="Sam Worker")
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Robin")
    services.person_record_view(
        actor=factories.actor(worker), organisation=organisation, person=child
    )
    # When an admin of the organisation reads the trail
    html = _page(client_for(admin), organisation)
    # Then it says who looked, at whom, in words rather than the code
    assert "Looked at a person&#39;s details" in html
    assert "accounts.person.view" not in html.replace('value="accounts.person.view"', "")
    assert "Sam Worker" in html
    assert "Robin" in html


def test_an_erased_person_shows_as_a_deleted_account(client_for, organisation, admin) -> None:
    # Given a young person whose details were viewed, then who was erased
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Robin")
    services.person_record_view(
        actor=factories.actor(admin), organisation=organisation, person=child
    )
    services.person_erase(actor=factories.actor(admin), organisation=organisation, person=child)
    # When the admin reads the trail
    html = _page(client_for(admin), organisation)
    # Then the events about them say "Deleted account", and their old name is nowhere
    assert "Deleted account" in html
    assert "Robin" not in html


def test_someone_outside_the_organisation_is_not_named(
    client_for, organisation, other_organisation, admin
) -> None:
    # Given an event here about a person who belongs only to another organisation
    stranger = factories.person_with_role(
        Role.YOUNG_PERSON, other_organisation, display_name="Stranger Danger"
    )
    audit_record(
        action="accounts.person.view",
        summary="Person's details viewed",
        actor_id=admin.pk,
        organisation_id=organisation.pk,
        target=stranger,
    )
    # When the admin here reads the trail, then the stranger is not named
    html = _page(client_for(admin), organisation)
    assert "Stranger Danger" not in html
    assert "Someone who is not in this organisation" in html


def test_the_filter_offers_plain_words_and_shows_only_that_kind_of_event(
    client_for, organisation, admin
) -> None:
    # Given a join code made here, and someone joining with it (whose code starts the same)
    for action in ("accounts.join_code.create", "accounts.join"):
        audit_record(action=action, summary="x", actor_id=admin.pk, organisation_id=organisation.pk)
    # When the admin filters by "Joined with a code"
    html = _page(client_for(admin), organisation, action="accounts.join")
    # Then the choice is in words, and only joining is listed
    assert '<option value="accounts.join" selected>Joined with a code</option>' in html
    table = html[html.index("<tbody") :]
    assert "Joined with a code" in table
    assert "Made a join code" not in table
