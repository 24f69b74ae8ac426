"""The rewards pages: taking a reward once, refused in words without enough credits, vouchers
seen only by their young person, and the partner's check that marks a voucher used once."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.core.models import LedgerTransaction
from alongside.credits.models import Redemption
from tests import factories
from tests.credits.factories_rewards import give_credits, partner_with_member, reward

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return factories.OrganisationFactory(slug="riverside")


@pytest.fixture
def young(organisation):
    return factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)


def _take(client, organisation, found, key):
    return client.post(
        reverse("credits:reward-take", args=[organisation.slug, found.pk]),
        {"idempotency_key": str(key)},
    )


def test_taking_a_reward_twice_with_its_key_gives_one_voucher(client, organisation, young):
    give_credits(young, organisation, 300)
    ticket = reward(organisation, name="Cinema ticket", cost_minutes=120, stock=5)
    client.force_login(young.user)
    key = uuid.uuid4()

    first = _take(client, organisation, ticket, key)
    again = _take(client, organisation, ticket, key)

    redemption = Redemption.objects.get()
    assert first["Location"] == again["Location"]
    assert first["Location"] == reverse("credits:voucher", args=[organisation.slug, redemption.pk])
    page = client.get(first["Location"])
    assert redemption.voucher_code in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    ticket.refresh_from_db()
    assert ticket.stock == 4


def test_a_reward_that_would_overdraw_is_refused_in_words(client, organisation, young):
    give_credits(young, organisation, 60)
    laptop = reward(organisation, name="Recycled laptop", cost_minutes=50 * 60)
    client.force_login(young.user)
    before = LedgerTransaction.objects.count()

    response = _take(client, organisation, laptop, uuid.uuid4())

    assert response.status_code == 200
    assert "You do not have enough credits for this reward." in response.content.decode()
    assert Redemption.objects.count() == 0
    assert LedgerTransaction.objects.count() == before


def test_someone_else_s_voucher_is_refused(client, organisation, young):
    give_credits(young, organisation, 300)
    ticket = reward(organisation)
    client.force_login(young.user)
    _take(client, organisation, ticket, uuid.uuid4())
    other = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    client.force_login(other.user)

    response = client.get(
        reverse("credits:voucher", args=[organisation.slug, Redemption.objects.get().pk])
    )

    assert response.status_code == 403


def test_cancelling_gives_the_credits_back(client, organisation, young):
    give_credits(young, organisation, 300)
    ticket = reward(organisation, cost_minutes=120)
    client.force_login(young.user)
    _take(client, organisation, ticket, uuid.uuid4())
    voucher = Redemption.objects.get()

    response = client.post(
        reverse("credits:voucher-cancel", args=[organisation.slug, voucher.pk]),
        {"idempotency_key": str(uuid.uuid4())},
    )

    assert response.status_code == 302
    voucher.refresh_from_db()
    assert voucher.status == Redemption.Status.CANCELLED
    mine = client.get(reverse("credits:mine", args=[organisation.slug])).content.decode()
    assert "You have 5 hours of credits" in mine


def test_the_partner_marks_a_voucher_used_once(client, organisation, young):
    partner_person = factories.person_with_role(Role.REWARD_PARTNER, organisation)
    cinema = partner_with_member(organisation, partner_person)
    give_credits(young, organisation, 300)
    ticket = reward(organisation, partner=cinema)
    client.force_login(young.user)
    _take(client, organisation, ticket, uuid.uuid4())
    code = Redemption.objects.get().voucher_code
    client.force_login(partner_person.user)
    url = reverse("credits:voucher-check", args=[organisation.slug])

    checked = client.post(url, {"code": code.lower().replace("-", " ")})
    used = client.post(url, {"code": code, "use": "yes"})
    again = client.post(url, {"code": code, "use": "yes"})

    assert "Ready to use" in checked.content.decode()
    assert "Voucher used" in used.content.decode()
    assert "This voucher was already used on" in again.content.decode()
    assert Redemption.objects.get().status == Redemption.Status.USED


def test_an_unknown_code_and_another_partner_s_code_look_the_same(client, organisation, young):
    partner_person = factories.person_with_role(Role.REWARD_PARTNER, organisation)
    partner_with_member(organisation, partner_person)
    give_credits(young, organisation, 300)
    client.force_login(young.user)
    _take(client, organisation, reward(organisation), uuid.uuid4())  # the organisation's own
    client.force_login(partner_person.user)
    url = reverse("credits:voucher-check", args=[organisation.slug])

    theirs = client.post(url, {"code": Redemption.objects.get().voucher_code})
    unknown = client.post(url, {"code": "AAAA-BBBB"})

    assert "No voucher has that code" in theirs.content.decode()
    assert theirs.content.decode().count(
        "No voucher has that code"
    ) == unknown.content.decode().count("No voucher has that code")


def test_a_reward_partner_s_home_leads_to_the_voucher_check_and_nothing_else(client, organisation):
    partner_person = factories.person_with_role(Role.REWARD_PARTNER, organisation)
    client.force_login(partner_person.user)

    page = client.get(reverse("home:index")).content.decode()
    boards = client.get(reverse("governance:board-list", args=[organisation.slug]))

    assert "Check a voucher from" in page
    assert reverse("credits:voucher-check", args=[organisation.slug]) in page
    assert "You are not part of a group yet" not in page
    assert boards.status_code == 403
