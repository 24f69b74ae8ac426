"""What an organisation's audit trail shows: its own events and its members' personal ones."""

from __future__ import annotations

import pytest

from alongside.accounts import selectors, services
from alongside.accounts.roles import Role
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
