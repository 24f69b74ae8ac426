"""Home pages by role in a real browser, on a phone: a parent withdraws the consent they gave
for their child, and a commissioner reads what their role is for. Axe, one <h1>, and no
sideways scrolling on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import PHONE, click, screenshot, sign_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Jazmine-Anastasia-Wolfeschlegelsteinhausen"


def test_a_parent_withdraws_the_consent_they_gave_for_their_child(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a signed-in parent who agreed by link for a child with a long display name
    parent = factories.person_with_role(Role.PARENT_CARER, organisation, display_name="Dee")
    child = factories.offline_person(organisation, age=9, display_name=LONG_NAME)
    worker = factories.person_with_role(Role.WORKER, organisation)
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART],
        given_by_name="Dee Adams",
        relationship=Consent.Relationship.PARENT,
        signed_in=parent,
    )
    assert parent.user is not None
    page = new_page(PHONE)
    sign_in(page, parent.user.username, factories.PASSWORD)

    # When they open Home on a phone
    visit(page, "/")
    assert_fits(page)
    screenshot(page, "parent-home")
    assert LONG_NAME in page.locator("main").inner_text()
    # And withdraw, after the confirm page
    click(page, page.get_by_role("link", name="Withdraw"))
    assert_fits(page)
    screenshot(page, "confirm")
    submit(page, "Withdraw consent")

    # Then they are back Home, told it is done, and the consent shows as withdrawn
    assert page.get_by_text(f"You have withdrawn your consent for {LONG_NAME}.").is_visible()
    assert page.locator(".govuk-summary-card").get_by_text("Withdrawn").is_visible()
    assert_fits(page)
    assert Consent.objects.get(person=child).withdrawn_by_id == parent.pk


def test_a_commissioner_reads_what_their_role_is_for(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    commissioner = factories.person_with_role(Role.COMMISSIONER, organisation, with_totp=False)
    secret = factories.give_totp(commissioner)
    assert commissioner.user is not None
    page = new_page(PHONE)
    sign_in(page, commissioner.user.email, factories.PASSWORD, totp_secret=secret)

    visit(page, "/")
    assert_fits(page)
    screenshot(page, "commissioner-home")
    assert page.get_by_text("As a commissioner you can see").is_visible()
    click(page, page.get_by_role("link", name="See the numbers for Riverside Youth Service"))
    assert_fits(page)
    assert page.get_by_role("heading", name="Your role here").is_visible()
