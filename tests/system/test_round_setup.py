"""A worker sets up a youth budget round through its task list on a phone: starts it from a
co-prioritisation initiative, fills in every section (an error shown on the way), is refused
"Rules agreed" while a section is missing, then agrees the rules, and the round's rules page
reads them in plain words, in English and in Welsh (375 px, axe on every page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting.models import Area, Round
from tests import factories
from tests.initiatives import factories as initiatives
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


def _date(page: Any, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_worker_sets_up_a_round_through_its_task_list_until_the_rules_are_agreed(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a worker with two-factor, and a co-prioritisation initiative, on a phone
    initiatives.ensure_reference_data()
    worker = factories.person_with_role(Role.WORKER, organisation)
    initiatives.initiative(organisation, actor=factories.actor(worker), title="Youth budget 2026")
    page = new_page(PHONE)
    signed_in(page, worker)

    # When they open Youth budgets from the menu and start a round
    page.get_by_role("button", name="Menu").click()
    follow(page, "Youth budgets")
    assert "There are no youth budget rounds yet." in page.locator("main").inner_text()
    click(page, page.get_by_role("button", name="Start a round"))
    page.get_by_label("Youth budget 2026").check()
    page.get_by_label("What is the round called?").fill("Spend it your way")
    page.get_by_label("How much money does it share out?").fill("20,000")
    submit(page, "Save and continue")

    # Then they are on its task list, every section still to do
    assert heading(page) == "Spend it your way"
    tasks = page.locator(".govuk-task-list").inner_text()
    assert tasks.count("Incomplete") == 6
    screenshot(page, "task-list")

    # When they say what it is for
    follow(page, "About the round")
    page.get_by_label("What is it for?").fill("Young people decide how £20,000 is spent.")
    submit(page, "Save and continue")
    assert "Saved what the round is." in page.locator(".govuk-notification-banner").inner_text()

    # And give it two areas, each with its own budget, adding rows as they go
    follow(page, "Areas")
    page.get_by_role("group", name="Area 1").get_by_label("Name").fill("Northside")
    page.get_by_role("group", name="Area 1").get_by_label("Its own budget (optional)").fill("12000")
    submit(page, "Add more areas")
    assert page.get_by_role("group", name="Area 1").get_by_label("Name").input_value() == (
        "Northside"
    )
    page.get_by_role("group", name="Area 6").get_by_label("Name").fill("Eastgate")
    page.get_by_role("group", name="Area 6").get_by_label("Its own budget (optional)").fill("8000")
    page.get_by_label("In their own area only").check()
    submit(page, "Save and continue")
    assert set(Area.objects.values_list("name", flat=True)) == {"Northside", "Eastgate"}

    # And send the dates with a time that is not one: the error summary says so
    follow(page, "Dates")
    _date(page, "When does voting open?", "4", "6", "2030")
    page.get_by_label("Time voting opens").fill("nine")
    _date(page, "When does voting close?", "18", "6", "2030")
    page.get_by_label("Time voting closes").fill("5pm")
    submit(page, "Save and continue")
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Enter a time, like 9am, 5:30pm or 17:00" in summary.inner_text()
    screenshot(page, "dates-error")
    page.get_by_label("Time voting opens").fill("9am")
    submit(page, "Save and continue")
    assert "Saved the dates." in page.locator(".govuk-notification-banner").inner_text()

    # And who can vote, and how
    follow(page, "Who can vote")
    page.get_by_label("Youngest age").fill("11")
    page.get_by_label("Oldest age").fill("18")
    page.get_by_role("group", name="Do young people need").get_by_label("Yes").check()
    submit(page, "Save and continue")
    follow(page, "How young people vote")
    page.get_by_label("Choose up to a number of projects").check()
    page.get_by_label("How many projects can each young person choose, or put in order?").fill("3")
    page.get_by_label("Equal Shares", exact=True).check()
    page.get_by_label("Raise everyone's share and count again, then give").check()
    page.get_by_role("group", name="Can young people change").get_by_label("No").check()
    submit(page, "Save and continue")

    # And try to agree the rules with one section left
    click(page, page.get_by_role("button", name="Move to 'Rules agreed'"))
    assert "Finish these sections of the set-up list: Who can put forward ideas." in (
        page.locator("main").inner_text()
    )
    submit(page, "Move to 'Rules agreed'")
    # Then they are refused and told why, and it is still being set up
    assert "Finish these sections" in page.locator(".govuk-error-summary").inner_text()
    assert Round.objects.get().stage == Round.Stage.SETUP

    # When they say who can put forward ideas, then agree the rules
    follow(page, "Back to the round")
    follow(page, "Who can put forward ideas")
    page.get_by_label("Young people", exact=True).check()
    page.get_by_label("Groups of young people").check()
    submit(page, "Save and continue")
    assert "You have completed 6 of 6 sections." in page.locator("main").inner_text()
    click(page, page.get_by_role("button", name="Move to 'Rules agreed'"))
    submit(page, "Move to 'Rules agreed'")

    # Then the rules are agreed, and the rules page says them in plain words
    assert "Rules agreed" in page.locator(".govuk-notification-banner").inner_text()
    assert Round.objects.get().stage == Round.Stage.RULES
    follow(page, "See its rules in plain words")
    assert heading(page) == "How the vote works"
    rules = page.locator("main").inner_text()
    assert "You can choose up to 3 projects." in rules
    assert "Eastgate (£8,000) and Northside (£12,000)" in rules
    assert "You can vote if you are aged 11 to 18 on 18 June 2030, the day voting closes." in rules
    assert "Voting opens on 4 June 2030 at 9am and closes on 18 June 2030 at 5pm." in rules
    screenshot(page, "rules")

    # And in Welsh
    follow(page, "Cymraeg")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert heading(page) == "Sut mae'r bleidlais yn gweithio"
    assert "Gallwch ddewis hyd at 3 prosiect." in page.locator("main").inner_text()
    screenshot(page, "rules-welsh")
