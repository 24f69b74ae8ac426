"""The two "check before it is sent" pages of credits on a phone: a young person's claim for
time they gave, and a gift of credits to someone by their gift code. Each passes axe and fits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.credits.models import Claim
from alongside.credits.services.gifts import gift_code_get
from tests import factories
from tests.credits.factories_rewards import give_credits
from tests.system.conftest import PHONE, check_page, click, heading, screenshot, signed_in, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_claim_and_a_gift_are_checked_before_they_are_sent(
    new_page: Callable[..., Any], organisation: Any
) -> None:
    # Given Sky, who holds 2 hours of credits, and Ade, who looked up their gift code and told Sky
    sky = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sky")
    ade = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Ade")
    give_credits(sky, organisation, 120)
    page = new_page(PHONE)
    signed_in(page, sky)
    base = f"/orgs/{organisation.slug}/credits"

    # When Sky claims an hour and a half at a litter pick last week
    visit(page, f"{base}/claims/new/")
    page.get_by_label("What did you do?").fill("Litter pick by the canal with the youth forum.")
    day = dt.date.today() - dt.timedelta(days=7)
    page.locator("input[name=done_on_day]").fill(str(day.day))
    page.locator("input[name=done_on_month]").fill(str(day.month))
    page.locator("input[name=done_on_year]").fill(str(day.year))
    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes", exact=True).fill("30")
    click(page, page.get_by_role("button", name="Continue"))
    # Then the check page shows what they said, before anything is sent
    expect(page.locator("main")).to_contain_text("1 hour 30 minutes")
    assert Claim.objects.count() == 0
    check_page(page)
    assert_fits(page)
    screenshot(page, "claim-check")
    click(page, page.get_by_role("button", name="Send claim"))
    assert Claim.objects.count() == 1

    # When Sky gives Ade an hour by Ade's gift code
    visit(page, f"{base}/give/")
    page.get_by_label("Someone I know here").check()
    page.get_by_label("Their gift code").fill(
        gift_code_get(actor=factories.actor(ade), organisation=organisation)
    )
    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes", exact=True).fill("0")
    click(page, page.get_by_role("button", name="Continue"))
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    # Then the check page names whom it goes to, before it is given
    expect(page.locator("main")).to_contain_text("Ade")
    check_page(page)
    assert_fits(page)
    screenshot(page, "gift-check")
    assert heading(page)
