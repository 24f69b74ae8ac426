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


def test_rewards_taking_one_once_and_your_vouchers(organisation):
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    credit(person, organisation, 150)
    ticket = Reward.objects.create(organisation=organisation, name="Cinema", cost_minutes=120)
    Reward.objects.create(organisation=organisation, name="Laptop", cost_minutes=3000)
    Reward.objects.create(organisation=organisation, name="Over 18s", cost_minutes=60, min_age=18)
    client = _signed_in(person)
    client.get("/orgs/riverside/credits/claims/new/")  # a form page sets the CSRF cookie
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    key = "6d1f3c0e-8a8e-4b0a-9d5e-2f1c6b7a8e90"
    take = f"/api/v1/organisations/riverside/credits/rewards/{ticket.pk}/take"

    rewards = client.get("/api/v1/organisations/riverside/credits/rewards").json()
    first = client.post(take, {"idempotency_key": key}, content_type="application/json", **csrf)
    again = client.post(take, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **csrf)
    poorer = client.post(
        take,
        {"idempotency_key": "0b7c9a52-4f0e-4d8b-8f7e-1c2d3e4f5a6b"},
        content_type="application/json",
        **csrf,
    )
    vouchers = client.get("/api/v1/organisations/riverside/credits/mine/vouchers").json()

    assert [(r["name"], r["more_needed_minutes"]) for r in rewards] == [
        ("Cinema", 0),
        ("Laptop", 2850),
    ]
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["voucher_code"] == again.json()["voucher_code"]
    assert poorer.status_code == 409
    assert "You do not have enough credits for this reward." in poorer.json()["detail"]
    assert [v["voucher_code"] for v in vouchers["items"]] == [first.json()["voucher_code"]]


def test_taking_a_reward_needs_a_key(organisation):
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    ticket = Reward.objects.create(organisation=organisation, name="Cinema", cost_minutes=60)
    client = _signed_in(person)
    client.get("/orgs/riverside/credits/claims/new/")  # a form page sets the CSRF cookie

    response = client.post(
        f"/api/v1/organisations/riverside/credits/rewards/{ticket.pk}/take",
        {},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert response.status_code == 422
    assert "Send an idempotency key" in response.content.decode()
