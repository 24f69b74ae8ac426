"""A worker sets up an initiative through its task list, is refused "Open it" until the
checklist is answered, then opens it, and its public page shows it (375 px, axe on each page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.initiatives.models import Initiative
from tests import factories
from tests.initiatives import factories as made
from tests.system.conftest import (
    PHONE,
    click,
    follow,
    heading,
    screenshot,
    signed_in,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_sets_up_an_initiative_and_cannot_open_it_until_the_checklist_is_answered(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given the eight forms and the checklist (a browser test before may have emptied them)
    made.ensure_reference_data()
    # And a worker with two-factor set up, signed in on a phone
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(PHONE)
    signed_in(page, worker)

    # When they go to Initiatives and set one up
    page.get_by_role("button", name="Menu").click()
    follow(page, "Initiatives")
    assert "There are no initiatives yet." in page.locator("main").inner_text()
    click(page, page.get_by_role("button", name="Set up an initiative"))
    page.get_by_label("What is the initiative called?").fill("Redesign the drop-in")
    page.get_by_label("What is it for?").fill("Young people redesign the Tuesday drop-in.")
    page.get_by_label("Co-design").check()
    submit(page, "Save and continue")

    # Then they are on its task list, with what to do still not started
    assert heading(page) == "Set up Redesign the drop-in"
    tasks = page.locator(".govuk-task-list").inner_text()
    assert "Completed" in tasks
    assert "Not started" in tasks
    screenshot(page, "task-list")

    # When they say who decides and what can change
    follow(page, "Who decides and what can change")
    page.get_by_label("What decision will young people's views feed into?").fill(
        "What the drop-in looks like from September"
    )
    page.get_by_label("Who makes that decision?").fill("The youth service manager")
    page.get_by_label("What can young people change?").fill("The room, the times, the activities.")
    page.get_by_label("How can young people take part?").fill("Come on any Tuesday in May.")
    submit(page, "Save and continue")
    assert "Saved who decides" in page.locator(".govuk-notification-banner").inner_text()

    # And try to open it with the checklist unanswered
    click(page, page.get_by_role("button", name="Open it"))
    assert "0 of 13 answered" in page.locator("main").inner_text()
    submit(page, "Open it")

    # Then they are refused, told why, and it is still being planned
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "You cannot open it yet." in summary
    assert "Answer every question on the checklist" in summary
    initiative = Initiative.objects.get()
    assert initiative.stage == Initiative.Stage.PLANNING
    screenshot(page, "refused")

    # When they answer the first checklist question on its own page
    follow(page, "Back to the set-up list")
    follow(page, "Checklist")
    click(page, page.locator(".govuk-task-list a").first)
    assert "Question 1 of 13" in page.locator("main").inner_text()
    page.get_by_label("Yes").check()
    page.get_by_label("How? If not, why not, and what will you do instead?").fill(
        "At the drop-in itself, in small groups, with a worker to help."
    )
    submit(page, "Save and continue")
    # Then the next question follows
    assert "Question 2 of 13" in page.locator("main").inner_text()

    # And when the rest of the checklist has been answered (by a colleague, meanwhile)
    made.answer_checklist(initiative, factories.actor(worker))
    page.goto(f"/orgs/{organisation.slug}/initiatives/{initiative.public_id}/open/")
    assert "Everything needed is done." in page.locator("main").inner_text()
    submit(page, "Open it")

    # Then it is open
    assert "is open" in page.locator(".govuk-notification-banner").inner_text()
    initiative.refresh_from_db()
    assert initiative.stage == Initiative.Stage.OPEN

    # And its public page shows what it is, who decides and how to take part
    follow(page, "See its public page")
    assert heading(page) == "Redesign the drop-in"
    text = page.locator("main").inner_text()
    assert "The youth service manager" in text
    assert "Come on any Tuesday in May." in text
    assert "Co-design" in text
    screenshot(page, "public")
