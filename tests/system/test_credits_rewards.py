"""A young person takes a reward with their credits on a phone and the partner marks its
voucher used; a reward that would overdraw their credits is refused, in words, changing nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.core.ledger_books import ledger_verify
from alongside.core.models import LedgerTransaction
from alongside.credits.models import Redemption
from tests import factories
from tests.credits.factories_rewards import give_credits, partner_with_member, reward
from tests.system.conftest import (
    PHONE,
    check_page,
    click,
    follow,
    heading,
    screenshot,
    signed_in,
    visit,
)
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_young_person_takes_a_reward_and_the_partner_marks_it_used(
    new_page: Callable[..., Any], organisation: Any
) -> None:
    # Given Sky holds 3 hours of credits, and the Odeon gives a cinema ticket for 2 hours
    sky = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sky", age=15)
    kit = factories.person_with_role(Role.REWARD_PARTNER, organisation, display_name="Kit")
    odeon = partner_with_member(organisation, kit, name="Riverside Odeon")
    reward(organisation, name="Cinema ticket", cost_minutes=120, partner=odeon, stock=4)
    give_credits(sky, organisation, 180)
    page = new_page(PHONE)
    signed_in(page, sky)

    # When Sky opens their credits from Home, then Rewards
    follow(page, f"Your time credits at {organisation.name}")
    follow(page, "Rewards you can spend credits on")
    assert heading(page) == "Rewards"
    assert_fits(page)
    screenshot(page, "rewards")
    click(page, page.get_by_role("link", name="Take this reward Cinema ticket"))
    # Then the check page says what it costs and what they will have after
    assert heading(page) == "Take this reward?"
    expect(page.locator("main")).to_contain_text("1 hour")
    check_page(page)
    screenshot(page, "check")

    # When they take it
    click(page, page.get_by_role("button", name="Take this reward"))
    # Then their voucher code is shown
    voucher = Redemption.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(voucher.voucher_code)
    assert_fits(page)
    screenshot(page, "voucher")

    # When Kit, at the Odeon, types the code on the partner's page and marks it used
    partner_page = new_page(PHONE)
    signed_in(partner_page, kit)
    visit(partner_page, "/")
    screenshot(partner_page, "partner-home")
    follow(partner_page, f"Check a voucher from {organisation.name}")
    partner_page.get_by_label("Voucher code").fill(voucher.voucher_code.lower())
    click(partner_page, partner_page.get_by_role("button", name="Check the code"))
    expect(partner_page.locator("main")).to_contain_text("Ready to use")
    expect(partner_page.locator("main")).not_to_contain_text("Sky")
    check_page(partner_page)
    click(partner_page, partner_page.get_by_role("button", name="Mark as used"))
    # Then it is used, once
    expect(partner_page.locator(".govuk-panel")).to_contain_text("Voucher used")
    screenshot(partner_page, "used")
    voucher.refresh_from_db()
    assert voucher.status == Redemption.Status.USED

    # And Sky sees it as used
    visit(page, f"/orgs/{organisation.slug}/credits/vouchers/")
    expect(page.locator("main")).to_contain_text("Used")
    assert ledger_verify().ok


def test_a_reward_that_would_overdraw_is_refused_in_words(
    new_page: Callable[..., Any], organisation: Any
) -> None:
    # Given Ade holds 1 hour of credits and opens the take page of a 50-hour laptop
    ade = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Ade")
    laptop = reward(organisation, name="A recycled laptop", cost_minutes=50 * 60)
    give_credits(ade, organisation, 60)
    before = LedgerTransaction.objects.count()
    page = new_page(PHONE)
    signed_in(page, ade)
    visit(page, f"/orgs/{organisation.slug}/credits/rewards/{laptop.pk}/")
    expect(page.locator("main")).to_contain_text("Not enough credits")

    # When they press Take this reward anyway
    click(page, page.get_by_role("button", name="Take this reward"))
    # Then the error summary says why, and nothing was taken
    assert page.title().startswith("Error: "), page.title()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You do not have enough credits for this reward."
    )
    check_page(page)
    assert_fits(page)
    screenshot(page, "refused")
    assert Redemption.objects.count() == 0
    assert LedgerTransaction.objects.count() == before
