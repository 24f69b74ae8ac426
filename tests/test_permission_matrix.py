"""Every URL of the product against every kind of visitor, as the policy says.

The test walks the URL resolver, so a new page without an entry in URL_KWARGS fails here, and a
view that does not ask the policy (no ``requires``) fails too. For each page it checks four
visitors: anonymous, a member of another organisation, a member without the role, and a role
holder; and a refused POST must leave the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import (
    ApiToken,
    Consent,
    JoinCode,
    Membership,
    Organisation,
    Person,
)
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.core.models import AuditEvent
from alongside.core.policy import Action, Scope
from tests import factories

pytestmark = pytest.mark.django_db

# The API has its own matrix (tests/api/test_api_permission_matrix.py) over its OpenAPI schema.
SEPARATELY_TESTED_NAMESPACES = {"api"}


@dataclass
class World:
    organisation: Organisation
    other: Organisation
    person: Person
    membership: Membership
    consent: Consent
    join_code: JoinCode
    token: ApiToken


def _world() -> World:
    organisation = factories.OrganisationFactory(slug="riverside")
    other = factories.OrganisationFactory(slug="elsewhere")
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    subject = factories.person_with_role(Role.YOUNG_PERSON, organisation, birth_year=2015)
    actor = actor_for_person(admin)
    join_code = services.join_code_create(actor=actor, organisation=organisation, label="Group")
    token, _secret = services.api_token_create(actor=actor, organisation=organisation, name="x")
    return World(
        organisation=organisation,
        other=other,
        person=subject,
        membership=Membership.objects.get(person=subject),
        consent=Consent.objects.get(person=subject),
        join_code=join_code,
        token=token,
    )


# How to build each URL. A new URL name must be added here (the test says which).
URL_KWARGS: dict[str, Callable[[World], dict[str, Any]]] = {
    "home:index": lambda w: {},
    "home:healthz": lambda w: {},
    "home:privacy": lambda w: {},
    "home:accessibility": lambda w: {},
    "home:cookies": lambda w: {},
    "home:language": lambda w: {"code": "cy"},
    "home:demo-mail": lambda w: {},
    "accounts:join-code": lambda w: {},
    "accounts:join-username": lambda w: {},
    "accounts:join-passphrase": lambda w: {},
    "accounts:join-birth": lambda w: {},
    "accounts:join-email": lambda w: {},
    "accounts:join-consent": lambda w: {},
    "accounts:join-done": lambda w: {},
    "accounts:parent-consent": lambda w: {"token": "not-a-real-token"},
    "accounts:reset-with-code": lambda w: {},
    "accounts:email-verify": lambda w: {"key": "not-a-key"},
    "accounts:staff-invitation": lambda w: {"token": "not-a-token"},
    "accounts:my-account": lambda w: {},
    "accounts:my-data": lambda w: {},
    "accounts:my-consent-withdraw": lambda w: {"pk": w.consent.pk},
    "accounts:child-consent-withdraw": lambda w: {"pk": w.consent.pk},
    "accounts:my-deletion": lambda w: {},
    "accounts:own-consent": lambda w: {},
    "accounts:community-member": lambda w: {},
    "accounts:organisation-home": lambda w: {"org": w.organisation.slug},
    "accounts:person-list": lambda w: {"org": w.organisation.slug},
    "accounts:person-create": lambda w: {"org": w.organisation.slug},
    "accounts:staff-invite": lambda w: {"org": w.organisation.slug},
    "accounts:person-detail": lambda w: _person(w),
    "accounts:person-consent-record": lambda w: _person(w),
    "accounts:person-consent-link": lambda w: _person(w),
    "accounts:person-consent-email": lambda w: _person(w),
    "accounts:person-claim-code": lambda w: _person(w),
    "accounts:person-reset-code": lambda w: _person(w),
    "accounts:person-role-grant": lambda w: _person(w),
    "accounts:person-erase": lambda w: _person(w),
    "accounts:person-youth-offer": lambda w: _person(w),
    "accounts:person-remove": lambda w: _person(w),
    "accounts:membership-revoke": lambda w: {"org": w.organisation.slug, "pk": w.membership.pk},
    "accounts:consent-withdraw": lambda w: {"org": w.organisation.slug, "pk": w.consent.pk},
    "accounts:join-code-list": lambda w: {"org": w.organisation.slug},
    "accounts:join-code-create": lambda w: {"org": w.organisation.slug},
    "accounts:join-code-revoke": lambda w: {"org": w.organisation.slug, "pk": w.join_code.pk},
    "accounts:audit-list": lambda w: {"org": w.organisation.slug},
    "accounts:api-token-list": lambda w: {"org": w.organisation.slug},
    "accounts:api-token-create": lambda w: {"org": w.organisation.slug},
    "accounts:api-token-revoke": lambda w: {"org": w.organisation.slug, "pk": w.token.pk},
    "account_login": lambda w: {},
    "account_logout": lambda w: {},
    "account_reauthenticate": lambda w: {},
    "account_change_password": lambda w: {},
    "account_reset_password": lambda w: {},
    "account_reset_password_done": lambda w: {},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "not-a-key"},
    "account_reset_password_from_key_done": lambda w: {},
    "mfa_index": lambda w: {},
    "mfa_authenticate": lambda w: {},
    "mfa_reauthenticate": lambda w: {},
    "mfa_activate_totp": lambda w: {},
    "mfa_deactivate_totp": lambda w: {},
    "mfa_view_recovery_codes": lambda w: {},
    "mfa_generate_recovery_codes": lambda w: {},
    "mfa_download_recovery_codes": lambda w: {},
    "usersessions_list": lambda w: {},
}


def _person(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "person_id": w.person.public_id}


def _walk(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in SEPARATELY_TESTED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, inner)
        else:
            assert entry.name, f"URL {entry.pattern} has no name, so it cannot be in the matrix."
            yield f"{namespace}{entry.name}", entry.callback


ALL_URLS = dict(_walk(get_resolver().url_patterns))


def test_every_url_is_in_the_matrix_and_asks_the_policy() -> None:
    missing = sorted(set(ALL_URLS) - set(URL_KWARGS))
    assert not missing, f"Add these URLs to URL_KWARGS in the permission matrix: {missing}"
    stale = sorted(set(URL_KWARGS) - set(ALL_URLS))
    assert not stale, f"These matrix entries name no URL any more: {stale}"
    unguarded = sorted(name for name, view in ALL_URLS.items() if not _action(view))
    assert not unguarded, f"These views do not ask the policy (wrap them in requires): {unguarded}"


def _action(view: Any) -> Action | None:
    return getattr(view, "alongside_action", None)


def _snapshot() -> tuple[int, ...]:
    models = (AuditEvent, Person, Membership, Consent, JoinCode, ApiToken)
    active_consents = Consent.objects.filter(withdrawn_at__isnull=True).count()
    return (*(model.objects.count() for model in models), active_consents)


def _client(person: Person | None) -> Client:
    client = Client()
    if person is not None and person.user is not None:
        client.force_login(person.user)
    return client


def _refused(response: Any) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def _visitors(world: World, action: Action) -> dict[str, tuple[Person | None, bool]]:
    """Each kind of visitor, and whether the policy lets them in."""
    outsider = factories.person_with_role(Role.ORG_ADMIN, world.other)
    visitors: dict[str, tuple[Person | None, bool]] = {
        "anonymous": (None, action.scope is Scope.PUBLIC)
    }
    if action.scope is Scope.ORGANISATION:
        holder_role = sorted(action.roles)[0]
        lacking = [r for r in Role if r not in action.roles]
        visitors["other organisation"] = (outsider, False)
        if lacking:
            visitors[f"member without the role ({lacking[0]})"] = (
                factories.person_with_role(lacking[0], world.organisation),
                False,
            )
        visitors[f"role holder ({holder_role})"] = (
            factories.person_with_role(holder_role, world.organisation),
            True,
        )
    else:
        visitors["signed-in member of another organisation"] = (outsider, True)
        visitors["young person"] = (
            factories.person_with_role(Role.YOUNG_PERSON, world.organisation),
            True,
        )
    return visitors


@pytest.mark.parametrize("name", sorted(URL_KWARGS))
def test_url_allows_exactly_whom_the_policy_allows(name: str) -> None:
    # Given a page, the action it is guarded by, and the world it lives in
    world = _world()
    action = _action(ALL_URLS[name])
    assert action is not None
    url = reverse(name, kwargs=URL_KWARGS[name](world))
    for label, (person, allowed) in _visitors(world, action).items():
        # When that visitor opens the page
        response = _client(person).get(url)
        # Then they get in exactly when the policy says so
        assert response.status_code != 500, f"{name} crashed for {label}"
        if allowed and action.scope is Scope.PUBLIC:
            # A public page may still send you on (allauth's 2FA step needs a sign-in first).
            assert response.status_code != 403, f"{name} refused {label}"
        elif allowed:
            assert not _refused(response), f"{name} refused {label} ({response.status_code})"
        else:
            assert _refused(response), f"{name} let {label} in ({response.status_code})"
            # And a refused form submission changes nothing at all
            before = _snapshot()
            posted = _client(person).post(url, {"confirm": "yes"})
            assert _refused(posted), f"{name} accepted a POST from {label}"
            assert _snapshot() == before, f"{name} changed data for {label} although refused"


def test_participant_roles_without_consent_are_refused_like_no_role() -> None:
    # Given a young person whose consent to take part was withdrawn
    world = _world()
    child = factories.person_with_role(Role.YOUNG_PERSON, world.organisation)
    Consent.objects.filter(person=child).update(withdrawn_at=timezone.now())
    # Then the policy treats them as holding no participant role there
    assert not actor_for_person(child).roles_in(world.organisation.pk) & PARTICIPANT_ROLES
