"""Who a token acts as."""

from __future__ import annotations

import pytest

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_me_is_the_tokens_person_organisation_and_roles(call, admin, admin_token):
    # Given a token an admin made
    # When the integration asks who it is
    response = call("get", "/api/v1/me", admin_token)
    # Then it is told the admin, the organisation and the admin's roles there
    assert response.status_code == 200
    assert response.json() == {
        "id": str(admin.public_id),
        "display_name": admin.display_name,
        "kind": "professional",
        "organisation": {
            "slug": "riverside",
            "name": "Riverside Youth Service",
            "kind": "youth_organisation",
            "area": "Riverside",
        },
        "roles": ["org_admin"],
    }


def test_me_shows_only_the_tokens_organisation(
    call, admin_of_both, other_organisation, person_with_role, token_for
):
    # Given an admin here who is also an admin and a worker elsewhere
    services.membership_grant(
        actor=actor_for_person(person_with_role(Role.ORG_ADMIN, other_organisation)),
        organisation=other_organisation,
        person=admin_of_both,
        role=Role.WORKER,
    )
    # When they use a token made for the other organisation
    response = call("get", "/api/v1/me", token_for(admin_of_both, other_organisation))
    # Then it speaks for that organisation and its roles only
    body = response.json()
    assert body["organisation"]["slug"] == "elsewhere"
    assert body["roles"] == ["org_admin", "worker"]


def test_me_shows_the_roles_held_now(call, token_left_with):
    # Given a token whose maker has since been left with the councillor role only
    token = token_left_with(Role.COUNCILLOR)
    # When it asks who it is
    # Then it sees it now acts as a councillor
    assert call("get", "/api/v1/me", token).json()["roles"] == ["councillor"]
