"""Journeys of young people joining with a code (and the under-13 parental consent path)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_user
from alongside.accounts.models import Consent, JoinCode, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from tests import factories
from tests.system.conftest import (
    PHONE,
    check_page,
    click,
    follow,
    heading,
    screenshot,
    sign_in,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "purple bus sandwich lantern"


def make_join_code(organisation: Organisation) -> JoinCode:
    """A join code made by a worker, through the same service the worker's page uses."""
    worker = factories.person_with_role(Role.WORKER, organisation)
    assert worker.user is not None
    return services.join_code_create(
        actor=actor_for_user(worker.user), organisation=organisation, label="Tuesday youth club"
    )


def messy(code: str) -> str:
    """How someone might type ``ABCD-2345`` on a phone: lower case, a space, no dash."""
    return "  " + code.lower().replace("-", " ") + " "


def join_with_code(
    page: Any,
    *,
    code: str,
    username: str,
    birth_year: int,
    birth_month: int = 3,
    shoot: bool = False,
) -> None:
    """Walk the join pages, one question per page, checking every page on the way."""

    def snap(label: str) -> None:
        if shoot:
            screenshot(page, label)

    # Given someone on the home page
    visit(page, "/")
    snap("home")
    # When they choose to join with a code
    click(page, page.get_by_role("button", name="Join with a code"))
    assert heading(page) == "Enter your join code"
    snap("code")
    page.get_by_label("Enter your join code").fill(messy(code))
    submit(page)
    # Then the code is accepted however it was typed, and they choose a username
    assert heading(page) == "Choose a username", page.url
    snap("username")
    page.get_by_label("Choose a username").fill(username)
    submit(page)
    assert heading(page) == "Choose a passphrase"
    snap("passphrase")
    page.get_by_label("Choose a passphrase").fill(PASSPHRASE)
    submit(page)
    assert heading(page) == "When were you born?"
    snap("birth")
    page.get_by_label("Month of birth").fill(str(birth_month))
    page.get_by_label("Year of birth").fill(str(birth_year))
    submit(page)


def finish_as_13_or_over(page: Any, *, shoot: bool = False) -> None:
    # The email page is optional: leave it empty
    assert heading(page) == "Email address (optional)"
    if shoot:
        screenshot(page, "email")
    submit(page)
    # Agree to taking part online (nothing is ticked for them)
    assert heading(page) == "What you agree to"
    assert page.locator("input[type=checkbox]:checked").count() == 0
    if shoot:
        screenshot(page, "consent")
    page.get_by_label("Taking part online").check()
    submit(page, "Create my account")


def test_young_person_joins_with_a_code_and_sees_their_home_page(
    page: Any, organisation: Organisation
) -> None:
    # Given a worker's join code
    join_code = make_join_code(organisation)
    year = timezone.localdate().year - 15

    # When a 15-year-old joins with it, typing the code in lower case with spaces
    join_with_code(page, code=join_code.code, username="River_Fox", birth_year=year)
    finish_as_13_or_over(page)

    # Then a confirmation panel shows their username (stored in lower case)
    panel = page.locator(".govuk-panel")
    assert "Your account is ready" in panel.inner_text()
    assert "river_fox" in panel.inner_text()
    # And their home page leads with what they can take part in now, with no consent warning
    click(page, page.get_by_role("button", name="Go to my home page"))
    assert page.get_by_role("heading", name="What you can take part in now").is_visible()
    assert page.locator(".govuk-warning-text").count() == 0
    assert "Riverside Youth Service" in page.locator("main").inner_text()

    # And the audit trail recorded the join, with the person as actor
    person = Person.objects.get(user__username="river_fox")
    event = AuditEvent.objects.get(action="accounts.join", organisation_id=organisation.pk)
    assert event.actor_id == person.pk
    assert event.object_id == str(person.pk)
    join_code.refresh_from_db()
    assert join_code.uses == 1
    assert Consent.objects.filter(
        person=person, purpose=Consent.Purpose.TAKE_PART, given_by=Consent.GivenBy.SELF
    ).exists()


def test_under_13_joins_and_a_worker_records_parental_consent(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a join code and a worker who has set up two-factor
    join_code = make_join_code(organisation)
    worker = factories.person_with_role(Role.WORKER, organisation, with_totp=False)
    secret = factories.give_totp(worker)
    child_page = new_page()
    year = timezone.localdate().year - 11

    # When an 11-year-old joins
    join_with_code(child_page, code=join_code.code, username="small_otter", birth_year=year)

    # Then they skip the email page and are told a parent or carer must agree
    assert heading(child_page) == "Before you start"
    assert "a parent or carer needs to agree" in child_page.locator("main").inner_text()
    assert child_page.locator("input[type=checkbox]").count() == 0
    submit(child_page, "Create my account")
    assert "Your account is ready" in child_page.locator(".govuk-panel").inner_text()
    assert "A parent or carer needs to agree" in child_page.locator("main").inner_text()
    # And their home page shows the warning
    click(child_page, child_page.get_by_role("button", name="Go to my home page"))
    warning = child_page.locator(".govuk-warning-text")
    assert "A parent or carer needs to agree" in warning.inner_text()
    assert "Riverside Youth Service" in warning.inner_text()

    # When the worker signs in with their password and authenticator code
    worker_page = new_page()
    assert worker.user is not None
    sign_in(worker_page, worker.user.email, factories.PASSWORD, totp_secret=secret)
    # And opens People, then the child's page
    follow(worker_page, "People")
    assert heading(worker_page) == "People"
    row = worker_page.get_by_role("row").filter(has_text="small_otter")
    assert "Needs parent consent" in row.inner_text()
    follow(worker_page, "small_otter")
    assert heading(worker_page) == "small_otter"
    # And records consent from a form signed by the parent
    follow(worker_page, "Record consent from a signed form")
    worker_page.get_by_label("Taking part online").check()
    worker_page.get_by_label("I have seen the consent form").check()
    submit(worker_page, "Record consent")

    # Then the worker sees it recorded
    assert "Consent recorded." in worker_page.locator(".govuk-notification-banner").inner_text()
    assert "Parent or carer, on a signed form" in worker_page.locator("table").inner_text()
    # And the child's very next page load no longer shows the warning
    visit(child_page, "/")
    assert child_page.locator(".govuk-warning-text").count() == 0
    assert child_page.get_by_text("You take part in:").is_visible()


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param({"java_script_enabled": False}, id="no-javascript"),
        pytest.param({"viewport": PHONE}, id="phone-375"),
        pytest.param(
            {"viewport": PHONE, "java_script_enabled": False}, id="phone-375-no-javascript"
        ),
    ],
)
def test_join_works_without_javascript_and_on_a_small_phone(
    new_page: Callable[..., Any], organisation: Organisation, variant: dict[str, Any]
) -> None:
    # Given a join code, and a browser with JavaScript off and/or a 375px-wide screen
    join_code = make_join_code(organisation)
    page = new_page(**variant)
    javascript = variant.get("java_script_enabled", True)

    # When a 14-year-old joins, a screenshot at every step
    join_with_code(
        page,
        code=join_code.code,
        username="quiet_heron",
        birth_year=timezone.localdate().year - 14,
        shoot=True,
    )
    finish_as_13_or_over(page, shoot=True)

    # Then they reach the confirmation panel and their home page
    assert "quiet_heron" in page.locator(".govuk-panel").inner_text()
    screenshot(page, "done")
    click(page, page.get_by_role("button", name="Go to my home page"))
    assert page.get_by_role("heading", name="What you can take part in now").is_visible()
    screenshot(page, "home-signed-in")
    # And GOV.UK Frontend's JavaScript really did (or did not) run
    enhanced = page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert enhanced is javascript
    # And nothing is wider than the screen (no sideways scrolling on a phone)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"
    check_page(page)
