"""A young person gives an idea on a phone and gets a reference; another types a phone number,
is told a worker will check it first, and the worker finds it held in the queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.voice.models import Contribution
from tests import factories
from tests.system.conftest import PHONE, click, heading, screenshot, signed_in, submit, visit
from tests.voice.factories import InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _give(page: Any, start: str, words: str) -> str:
    """From the initiative's link to the confirmation; return the panel's text."""
    visit(page, start)
    assert heading(page) == "What would you like to give?"
    page.get_by_label("An idea").check()
    submit(page)
    page.get_by_label("Your words").fill(words)
    submit(page)
    assert heading(page) == "Add a photo (optional)"
    submit(page)
    page.get_by_label("Nobody – I want to stay anonymous").check()
    submit(page)
    assert heading(page) == "Check your answers"
    return page.locator("main").inner_text()


def test_a_young_person_gives_an_idea_and_a_phone_number_is_held_for_a_worker(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given an open initiative, and a young person on a small phone who followed its link
    initiative = InitiativeFactory(organisation=organisation, title="Make the park better")
    start = f"/orgs/{organisation.slug}/give/?initiative={initiative.public_id}"
    young = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    page = new_page(PHONE)
    signed_in(page, young)

    # When they leave their words empty, the error summary says what to do
    visit(page, start)
    page.get_by_label("An idea").check()
    submit(page)
    assert "we check for phone numbers" in page.locator("main").inner_text()
    submit(page)
    assert page.title().startswith("Error: ")
    assert "Enter your idea or view" in page.locator(".govuk-error-summary").inner_text()

    # When they give an idea and send it
    check = _give(page, start, "A water fountain by the skate ramp")
    assert "A water fountain by the skate ramp" in check
    assert "a worker will check them" not in check
    screenshot(page, "check-your-answers")
    submit(page, "Send")

    # Then a confirmation panel gives them a reference
    panel = page.locator(".govuk-panel").inner_text()
    assert "Thank you for having your say" in panel
    given = Contribution.objects.get(author=young)
    assert given.public_id.hex[:8].upper() in panel
    assert given.status == Contribution.Status.PUBLISHED
    screenshot(page, "confirmation")

    # When a second young person types a phone number
    second = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    other = new_page(PHONE)
    signed_in(other, second)
    check = _give(other, start, "Ring me on 07700 900123 and I will tell you more")
    # Then they are told before sending that a worker will check it first
    assert "a worker will check them before anyone else sees them" in check
    submit(other, "Send")
    assert "may include a phone number" in other.locator("main").inner_text()
    held = Contribution.objects.get(author=second)
    assert (held.status, held.hold_reason) == ("held", "contact_details")

    # And a worker finds it held, first in the queue of contributions to check
    worker = factories.person_with_role(Role.WORKER, organisation)
    staff = new_page()
    signed_in(staff, worker)
    visit(staff, f"/orgs/{organisation.slug}/contributions/")
    # (a GOV.UK button that is a link: role "button")
    click(staff, staff.get_by_role("button", name="Contributions to check"))
    first_row = staff.locator("tbody tr").first.inner_text()
    assert "Held: contact details" in first_row
    assert "Ring me on 07700 900123" in first_row
    screenshot(staff, "moderation-queue")
