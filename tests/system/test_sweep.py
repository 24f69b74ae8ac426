"""Every public page, and every staff page an organisation admin can reach, at desktop and phone
width: axe-core, one <h1>, a <title>, no sideways scrolling, and a screenshot of each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_user
from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import DESKTOP, PHONE, screenshot, sign_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(DESKTOP, id="1280"), pytest.param(PHONE, id="375")]

PUBLIC_PAGES = [
    "/",
    "/join/",
    "/account/login/",
    "/reset/",
    "/privacy/",
    "/accessibility/",
    "/cookies/",
]

# Forms shown with their errors too: error summaries and messages are where markup goes wrong.
PUBLIC_FORMS_WITH_ERRORS = [("/join/", "Continue"), ("/reset/", "Change passphrase")]


# The outermost elements that stick out past the right edge of the screen, to say what to fix.
WIDEST = """(screen) => {
    const sticksOut = (el) => el && el.getBoundingClientRect().right > screen + 1;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        if (sticksOut(el) && !sticksOut(el.parentElement)) {
            const right = Math.round(el.getBoundingClientRect().right);
            out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${right}px)`);
        }
    }
    return out.slice(0, 5);
}"""


def assert_fits(page: Any) -> None:
    """Nothing pushes the page wider than the screen (no sideways scrolling on a phone)."""
    screen = page.viewport_size["width"]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > screen:
        culprits = page.evaluate(WIDEST, screen)
        pytest.fail(
            f"{page.url} is {width}px wide on a {screen}px screen; too wide: {culprits}",
            pytrace=False,
        )


def sweep(page: Any, paths: list[str]) -> None:
    for path in paths:
        visit(page, path)
        assert_fits(page)
        screenshot(page, path.strip("/").replace("/", "-") or "home")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_public_pages(new_page: Callable[..., Any], viewport: dict[str, int]) -> None:
    # Given someone who is not signed in, on a desktop or a small phone
    page = new_page(viewport)
    # When they open each public page, Then each passes the checks
    sweep(page, PUBLIC_PAGES)
    # And the forms pass them when sent empty, with the error summary showing
    for path, button in PUBLIC_FORMS_WITH_ERRORS:
        visit(page, path)
        submit(page, button)
        assert page.title().startswith("Error: "), page.title()
        assert_fits(page)
        screenshot(page, path.strip("/") + "-errors")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_staff_pages(
    new_page: Callable[..., Any], organisation: Organisation, viewport: dict[str, int]
) -> None:
    # Given an organisation admin with two-factor, and an organisation with some people,
    # a join code and an API token in it (so lists are not empty)
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation, with_totp=False)
    secret = factories.give_totp(admin)
    assert admin.user is not None
    actor = actor_for_user(admin.user)
    child = factories.person_with_role(
        Role.YOUNG_PERSON,
        organisation,
        display_name="Robin",
        consent=False,
        birth_year=timezone.localdate().year - 10,
    )
    factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sky")
    factories.person_with_role(Role.PARENT_CARER, organisation, display_name="Robin's mum")
    services.join_code_create(actor=actor, organisation=organisation, label="Tuesday youth club")
    services.api_token_create(actor=actor, organisation=organisation, name="Youth survey import")
    org = f"/orgs/{organisation.slug}"

    # When they sign in and open every staff page
    page = new_page(viewport)
    sign_in(page, admin.user.email, factories.PASSWORD, totp_secret=secret)
    sweep(
        page,
        [
            f"{org}/",
            f"{org}/people/",
            f"{org}/people/{child.public_id}/",
            f"{org}/people/{child.public_id}/remove/",
            f"{org}/join-codes/",
            f"{org}/join-codes/new/",
            f"{org}/staff/invite/",
            f"{org}/audit/",
            f"{org}/api-tokens/",
            "/account/",
            "/account/sessions/",
            "/account/2fa/",
        ],
    )
    # Then each passes the checks, and so does a staff form sent empty
    visit(page, f"{org}/join-codes/new/")
    page.get_by_label("Group name").fill("")
    page.get_by_label("How many days should it work for?").fill("")
    submit(page, "Make code")
    assert page.title().startswith("Error: "), page.title()
    assert_fits(page)
    screenshot(page, "join-codes-new-errors")

    # And inviting a member of staff: the errors first, then the invitation sent
    visit(page, f"{org}/staff/invite/")
    submit(page, "Send invitation")
    assert page.title().startswith("Error: "), page.title()
    assert_fits(page)
    screenshot(page, "staff-invite-errors")
    page.get_by_label("Their name").fill("Sam Patel")
    page.get_by_label("Their work email address").fill(f"sam.{viewport['width']}@example.org")
    page.get_by_label("Commissioner").check()
    submit(page, "Send invitation")
    assert page.get_by_text(
        f"We have sent an invitation to sam.{viewport['width']}@example.org."
    ).is_visible()
    assert_fits(page)
    screenshot(page, "staff-invite-sent")
