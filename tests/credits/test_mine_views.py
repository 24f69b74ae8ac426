"""A young person's own credits: balance, where each came from, goals; never anyone else's."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.credits.models import Milestone, Redemption, Reward
from alongside.credits.services.books import credits_post, person_account, redeemed_account
from tests import factories
from tests.credits.factories_mine import credit

pytestmark = pytest.mark.django_db


@pytest.fixture
def young(client):
    organisation = factories.OrganisationFactory(slug="riverside")
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sam")
    client.force_login(person.user)
    return organisation, person


def test_balance_history_and_goals_are_shown(client, young):
    organisation, person = young
    credit(person, organisation, 90, label="Session at a youth club, 3 March 2026")
    Reward.objects.create(
        organisation=organisation, name="A recycled laptop", cost_minutes=50 * 60, is_goal=True
    )
    Milestone.objects.create(organisation=organisation, name="A certificate", minutes=10 * 60)

    response = client.get(reverse("credits:mine", args=[organisation.slug]))

    text = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "You have 1 hour 30 minutes of credits" in text
    assert "Session at a youth club, 3 March 2026" in text
    assert "1 hour 30 minutes of credits of the 50 hours it costs" in text
    assert "1 hour 30 minutes given of 10 hours" in text
    assert "alongside-bar__fill--w3" in text  # 90 of 3,000 minutes


def test_someone_else_s_credits_are_never_shown(client, young):
    organisation, _ = young
    other = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    credit(other, organisation, 120, label="Not yours")

    text = client.get(reverse("credits:mine", args=[organisation.slug])).content.decode()

    assert "You have 0 hours of credits" in text
    assert "Not yours" not in text


def test_history_says_where_each_credit_went(client, young):
    organisation, person = young
    credit(person, organisation, 120, label="Board meeting")
    reward = Reward.objects.create(organisation=organisation, name="Cinema ticket", cost_minutes=60)
    spent, _ = credits_post(
        organisation_id=organisation.pk,
        kind="redeem",
        lines=[
            (person_account(organisation_id=organisation.pk, person_id=person.pk), -60),
            (redeemed_account(organisation_id=organisation.pk, partner_id=None), 60),
        ],
        idempotency_key=uuid.uuid4(),
    )
    Redemption.objects.create(
        organisation=organisation,
        reward=reward,
        person=person,
        cost_minutes=60,
        voucher_code="KTPM-4QXR",
        transaction=spent,
    )

    response = client.get(reverse("credits:history", args=[organisation.slug]))

    rows = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert rows.index("Reward: Cinema ticket") < rows.index("Board meeting")
    assert "-1 hour" in rows
    assert "+2 hours" in rows


@pytest.mark.parametrize("name", ["credits:mine", "credits:history"])
def test_the_pages_cost_the_same_queries_however_long_the_history(client, young, name):
    organisation, person = young
    credit(person, organisation, 60)
    url = reverse(name, args=[organisation.slug])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        credit(person, organisation, 60)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_a_page_number_past_the_end_shows_the_last_page(client, young):
    organisation, person = young
    credit(person, organisation, 60, label="Only one")

    response = client.get(reverse("credits:history", args=[organisation.slug]) + "?page=99999")

    assert response.status_code == 200
    assert "Only one" in response.content.decode()
