"""Fixtures for the API: tokens minted the way an admin mints them, and calls that send them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from alongside.accounts import selectors, services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role

TokenFor = Callable[[Person, Organisation], str]


@pytest.fixture
def token_for() -> TokenFor:
    """Mint a token as ``person`` (an admin of ``organisation``) through the service."""

    def make(person: Person, organisation: Organisation) -> str:
        _token, secret = services.api_token_create(
            actor=actor_for_person(person), organisation=organisation, name="Test integration"
        )
        return secret

    return make


@pytest.fixture
def admin_token(admin: Person, organisation: Organisation, token_for: TokenFor) -> str:
    return token_for(admin, organisation)


@pytest.fixture
def other_admin_token(
    person_with_role: Callable[..., Person], other_organisation: Organisation, token_for: TokenFor
) -> str:
    """A token of an admin of another organisation, who has no role in ours."""
    return token_for(person_with_role(Role.ORG_ADMIN, other_organisation), other_organisation)


@pytest.fixture
def token_left_with(
    person_with_role: Callable[..., Person],
    organisation: Organisation,
    admin: Person,
    token_for: TokenFor,
) -> Callable[[str], str]:
    """A token whose maker was an admin and has since been left with only ``role``.

    Only admins can make tokens, so this is how a token comes to act without a role: the
    token keeps working, with the roles its person holds now.
    """

    def make(role: str) -> str:
        person = person_with_role(role)
        by_admin = actor_for_person(admin)
        services.membership_grant(
            actor=by_admin, organisation=organisation, person=person, role=Role.ORG_ADMIN
        )
        secret = token_for(person, organisation)
        membership = selectors.memberships_of(organisation=organisation, person=person).get(
            role=Role.ORG_ADMIN
        )
        services.membership_revoke(actor=by_admin, organisation=organisation, membership=membership)
        return secret

    return make


@pytest.fixture
def admin_of_both(
    person_with_role: Callable[..., Person], other_organisation: Organisation
) -> Person:
    """An admin here who is also an admin of the other organisation."""
    person = person_with_role(Role.ORG_ADMIN)
    # Test set-up, like the factories: no service adds a staff member to a second organisation.
    Membership.objects.create(person=person, organisation=other_organisation, role=Role.ORG_ADMIN)
    return person


@pytest.fixture
def call() -> Callable[..., Any]:
    """``call("get", path, token, json=...)``: one API request, with the token if given."""

    def make(
        method: str, path: str, token: str | None = None, *, json: Any = None, **kwargs: Any
    ) -> Any:
        client: Client = kwargs.pop("client", None) or Client()
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if json is not None:
            kwargs.update(data=json, content_type="application/json")
        return getattr(client, method)(path, headers=headers, **kwargs)

    return make
