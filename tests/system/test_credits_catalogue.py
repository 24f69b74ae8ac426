"""An organisation admin, on a phone, adds a partner and a reward to the catalogue (a mistake
first, refused in words), and a young person sees the new reward; then the admin reads the
report of the year's credits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.credits.models import Partner, Reward
from tests import factories
from tests.credits.factories_mine import credit
from tests.system.conftest import (
    DESKTOP,
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


def test_an_admin_adds_a_reward_a_young_person_can_take(
    new_page: Callable[..., Any], organisation: Any
) -> None:
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation, display_name="Ash")
    factories.person_with_role(Role.REWARD_PARTNER, organisation, display_name="Kit Rowe")
    sky = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sky", age=15)
    credit(sky, organisation, 120, on=dt.date.today())
    page = new_page(PHONE)
    signed_in(page, admin)

    # When Ash opens the catalogue from the credits to approve
    visit(page, f"/orgs/{organisation.slug}/credits/approve/")
    follow(page, "Rewards, partners and milestones")
    assert heading(page) == "Rewards, partners and milestones"
    expect(page.locator("main")).to_contain_text("There are no rewards yet")

    # And adds the Odeon as a partner, with Kit checking its vouchers
    follow(page, "Add a partner")
    page.get_by_label("Name").fill("Riverside Odeon")
    page.get_by_label("Kit Rowe").check()
    check_page(page)
    click(page, page.get_by_role("button", name="Add the partner"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Riverside Odeon is a partner"
    )

    # And adds a reward, first forgetting its cost
    follow(page, "Add a reward")
    page.get_by_label("Name").fill("Cinema ticket")
    page.get_by_label("Partner").select_option(label="Riverside Odeon")
    click(page, page.get_by_role("button", name="Add the reward"))
    # Then the mistake is named, and nothing is added
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what it costs in hours")
    assert not Reward.objects.exists()
    check_page(page)
    screenshot(page, "reward-error")
    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes").fill("30")
    page.get_by_label("How many there are (optional)").fill("10")
    click(page, page.get_by_role("button", name="Add the reward"))

    # Then it is in the catalogue
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Cinema ticket is in the catalogue"
    )
    expect(page.locator("main")).to_contain_text("1 hour 30 minutes")
    assert_fits(page)
    screenshot(page, "catalogue")
    ticket = Reward.objects.get()
    assert (ticket.cost_minutes, ticket.stock, ticket.partner) == (90, 10, Partner.objects.get())

    # And Sky can take it
    phone = new_page(PHONE)
    signed_in(phone, sky)
    visit(phone, f"/orgs/{organisation.slug}/credits/rewards/")
    expect(phone.get_by_role("link", name="Take this reward Cinema ticket")).to_be_visible()

    # And the report counts Sky's two hours this month, on a phone and a wide screen
    visit(page, f"/orgs/{organisation.slug}/credits/reports/")
    assert heading(page) == "Reports on time credits"
    expect(page.locator("main")).to_contain_text("2 hours")
    assert_fits(page)
    screenshot(page, "reports-phone")
    wide = new_page(DESKTOP)
    signed_in(wide, admin)
    visit(wide, f"/orgs/{organisation.slug}/credits/reports/")
    check_page(wide)
    screenshot(wide, "reports-wide")
    visit(wide, f"/orgs/{organisation.slug}/credits/catalogue/")
    screenshot(wide, "catalogue-wide")
