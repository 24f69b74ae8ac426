"""A worker approves a session's credits in bulk on a phone, one young person's time at a
sanction earns nothing, and a young person sees where their credits came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.core.ledger_books import ledger_verify
from alongside.credits.models import Basis, Earning
from tests import factories
from tests.credits.factories_earn import session_with
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


def test_a_worker_approves_a_session_in_bulk_and_a_young_person_sees_it(
    new_page: Callable[..., Any], organisation: Any
) -> None:
    # Given a session at the youth club with three young people there for 1 hour 30 minutes,
    # and a community-service session (a sanction) with one of them
    worker = factories.person_with_role(Role.WORKER, organisation)
    young = [
        factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name=name)
        for name in ("Sky", "Ade", "Mo")
    ]
    session_with(organisation, young, minutes=90)
    session_with(organisation, young[2:], minutes=180, basis=Basis.SANCTION)
    page = new_page(PHONE)
    signed_in(page, worker)

    # When the worker opens Credits to approve (in the service navigation) and the session
    visit(page, f"/orgs/{organisation.slug}/credits/approve/")
    assert heading(page) == "Credits to approve"
    assert_fits(page)
    screenshot(page, "to-approve")
    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(2)
    click(
        page, cards.filter(has_text="3 people waiting").get_by_role("link", name="Approve credits")
    )
    # Then everyone is ticked, with the credit their time earns
    for name in ("Sky", "Ade", "Mo"):
        expect(page.get_by_role("checkbox", name=name, exact=False)).to_be_checked()
    expect(page.locator("main")).to_contain_text("1 hour 30 minutes")
    check_page(page)
    screenshot(page, "occasion")

    # When they approve them all at once
    click(page, page.get_by_role("button", name="Approve credits"))
    # Then the page says so, and nobody is waiting there any more
    expect(page.locator("main")).to_contain_text("Everyone's time here has been decided.")
    assert Earning.objects.filter(minutes_credited=90).count() == 3

    # When they approve the sanction session too
    follow(page, "Back to credits to approve")
    click(page, page.get_by_role("link", name="Approve credits"))
    expect(page.locator("main")).to_contain_text("time ordered as a sanction does not earn credits")
    click(page, page.get_by_role("button", name="Approve credits"))
    # Then Mo's time there is recorded, and earned nothing
    sanction = Earning.objects.get(basis=Basis.SANCTION)
    assert (sanction.minutes_given, sanction.minutes_credited) == (180, 0)

    # When Mo signs in and follows "Your time credits" on their home page
    young_page = new_page(PHONE)
    signed_in(young_page, young[2])
    follow(young_page, f"Your time credits at {organisation.name}")
    # Then they hold 1 hour 30 minutes, from the session
    assert heading(young_page) == "Your time credits"
    expect(young_page.locator("main")).to_contain_text("You have 1 hour 30 minutes of credits")
    follow(young_page, "Where your credits came from and went")
    expect(young_page.locator("tbody tr")).to_have_count(1)
    check_page(young_page)
    assert_fits(young_page)
    screenshot(young_page, "history")
    assert ledger_verify().ok
