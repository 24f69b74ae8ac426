"""A worker records someone who takes part offline and gets their parent's consent by link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import (
    check_page,
    click,
    follow,
    heading,
    screenshot,
    signed_in,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_adds_an_offline_young_person_and_a_parent_agrees_by_link(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a worker with two-factor set up, signed in, on the People page
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page()
    signed_in(page, worker)
    follow(page, "People")

    # When they choose to add someone offline and send the form empty
    # (a GOV.UK button that is a link: role "button")
    click(page, page.get_by_role("button", name="Add someone who takes part offline"))
    assert heading(page) == "Add someone who takes part offline"
    submit(page, "Add person")

    # Then the GOV.UK error summary lists what is missing and the title starts with "Error: "
    assert page.title().startswith("Error: "), page.title()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert "Enter a display name" in summary.inner_text()
    assert "Select who they are" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary so screen readers announce it
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    screenshot(page, "errors")
    # And each field shows its own message
    messages = page.locator(".govuk-error-message").all_inner_texts()
    assert "Error: Enter a display name" in [" ".join(m.split()) for m in messages], messages

    # When they follow an error summary link, focus moves to that field
    summary.get_by_role("link", name="Enter a display name").click()
    expect(page.get_by_label("Display name")).to_be_focused()
    summary.get_by_role("link", name="Select who they are").click()
    expect(page.get_by_label("A young person")).to_be_focused()
    check_page(page)

    # When they fill it in properly (an 8-year-old, so a parent must agree)
    page.get_by_label("Display name").fill("Ash")
    page.get_by_label("A young person").check()
    page.get_by_label("Month of birth").fill("6")
    page.get_by_label("Year of birth").fill(str(timezone.localdate().year - 8))
    submit(page, "Add person")

    # Then they are on Ash's page, which says a parent's consent is needed
    assert heading(page) == "Ash"
    assert "Ash has been added." in page.locator(".govuk-notification-banner").inner_text()
    assert "Needs parent consent" in page.locator(".govuk-summary-list").inner_text()
    assert "No, recorded offline" in page.locator(".govuk-summary-list").inner_text()
    person_url = page.url

    # When they make a consent link for the parent
    follow(page, "Make a consent link to send yourself")
    submit(page, "Make the link")
    link = page.locator(".govuk-inset-text").inner_text().strip()
    assert "/consent/" in link, link
    screenshot(page, "consent-link")

    # And the parent opens it on their own phone, with nobody signed in, and agrees
    parent = new_page()
    visit(parent, link)
    assert heading(parent) == "Agree to your child taking part"
    explanation = parent.locator("main").inner_text()
    assert "Ash wants to take part in Riverside Youth Service" in explanation
    assert parent.locator("input[type=checkbox]:checked").count() == 0
    parent.get_by_label("Your full name").fill("Mo Khan")
    parent.get_by_label("I am their parent").check()
    parent.get_by_label("Taking part online").check()
    submit(parent, "I agree")
    assert "Your consent has been recorded" in parent.locator(".govuk-panel").inner_text()
    screenshot(parent, "parent-thank-you")

    # Then the link cannot be used again
    visit(parent, link, status=404)
    assert heading(parent) == "This link does not work"

    # And the worker's page for Ash shows consent given by the parent online
    visit(page, person_url)
    summary_list = page.locator(".govuk-summary-list").inner_text()
    assert "Needs parent consent" not in summary_list
    taking_part = page.locator(".govuk-summary-list__row").filter(has_text="Taking part online")
    assert "Yes" in taking_part.inner_text()
    consent_row = page.get_by_role("row").filter(has_text="Taking part online")
    assert "Parent or carer, online" in consent_row.inner_text()
    assert "Given" in consent_row.inner_text()
    ash = Person.objects.get(display_name="Ash")
    assert Consent.objects.filter(
        person=ash, purpose=Consent.Purpose.TAKE_PART, given_by=Consent.GivenBy.PARENT_ONLINE
    ).exists()
