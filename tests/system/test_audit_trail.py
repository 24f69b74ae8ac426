"""The audit trail on a phone: every row stacks, so a long name or summary never pushes the page
or the table sideways, and the page passes axe at 375px and on a desktop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts import services
from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import DESKTOP, PHONE, screenshot, signed_in, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One unbroken word as long as a display name may be (60), wider than a phone
LONG_NAME = "Robin" + "x" * 55

# Every cell's right edge, so a table scrolling in its own box fails as well as the page.
WIDEST_CELL = """() => Math.max(...[...document.querySelectorAll("tbody td")]
    .map((cell) => cell.getBoundingClientRect().right))"""


@pytest.mark.parametrize(
    "viewport", [pytest.param(DESKTOP, id="1280"), pytest.param(PHONE, id="375")]
)
def test_the_audit_trail_fits_and_names_the_person_viewed(
    new_page: Callable[..., Any], organisation: Organisation, viewport: dict[str, int]
) -> None:
    # Given an admin who looked at the details of a young person with a very long name
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name=LONG_NAME)
    services.person_record_view(
        actor=factories.actor(admin), organisation=organisation, person=child
    )
    # When they open the audit trail
    page = new_page(viewport)
    signed_in(page, admin)
    visit(page, f"/orgs/{organisation.slug}/audit/")
    screenshot(page, "audit")
    # Then the page passes axe (visit checks it) and nothing reaches past the screen's edge
    assert_fits(page)
    assert page.evaluate(WIDEST_CELL) <= viewport["width"]
    # And the event is in words, about the person by name
    row = page.locator("tbody tr").filter(has_text="Looked at a person's details")
    assert row.count() == 1
    assert LONG_NAME in row.inner_text()
    # And on a phone each cell carries its heading; on a desktop the table's own headers show
    labels_shown = page.locator("tbody .alongside-stacked-table__label").first.is_visible()
    assert labels_shown == (viewport == PHONE)
    header_width = page.locator("thead").bounding_box()["width"]
    assert (header_width <= 1) == (viewport == PHONE)  # visually hidden, still read out
