"""The time-credits API: your own credits and history from your own signed-in session, and
balances for staff who approve (tokens, in tests/api/test_api_permission_matrix.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from alongside.accounts.roles import Role
from alongside.credits.models import Reward
from tests import factories
from tests.credits.factories_mine import credit

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return factories.OrganisationFactory(slug="riverside")


def _signed_in(person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person.user)
    return client


def test_your_own_balance_goals_and_history(organisation):
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    credit(person, organisation, 90, label="Youth forum session")
    credit(person, organisation, 30, label="Board meeting")
    Reward.objects.create(organisation=organisation, name="Laptop", cost_minutes=3000, is_goal=True)
    client = _signed_in(person)

    mine = client.get("/api/v1/organisations/riverside/credits/mine")
    history = client.get("/api/v1/organisations/riverside/credits/mine/history")

    assert mine.status_code == 200
    assert mine.json() == {
        "balance_minutes": 120,
        "goals": [
            {"name": "Laptop", "kind": "reward", "target_minutes": 3000, "reached_minutes": 120}
        ],
    }
    assert history.json()["count"] == 2
    assert [
        (r["what"], r["minutes"], r["balance_after_minutes"]) for r in history.json()["items"]
    ] == [
        ("Board meeting", 30, 120),
        ("Youth forum session", 90, 90),
    ]


def test_without_a_session_the_caller_is_asked_to_sign_in(organisation):
    response = Client().get("/api/v1/organisations/riverside/credits/mine")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_staff_sessions_hold_no_credits_and_are_refused(organisation):
    worker = factories.person_with_role(Role.WORKER, organisation)

    response = _signed_in(worker).get("/api/v1/organisations/riverside/credits/mine")

    assert response.status_code == 403


def test_a_young_person_of_another_organisation_is_refused(organisation):
    elsewhere = factories.OrganisationFactory(slug="elsewhere")
    outsider = factories.person_with_role(Role.YOUNG_PERSON, elsewhere)

    response = _signed_in(outsider).get("/api/v1/organisations/riverside/credits/mine/history")

    assert response.status_code == 403
