"""A worker sees what is waiting too long, answers it, and the answer is in its history; the
young person who said it then finds the answer on their own page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.voice.models import Answer
from tests import factories
from tests.system.conftest import PHONE, click, follow, heading, screenshot, signed_in, submit
from tests.voice import factories_answers as made

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_answers_a_contribution_and_it_shows_in_its_history(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a young person's idea sent 60 days ago, with no answer, and a worker on a phone
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Jo")
    made.contribution(
        organisation, author=author, age_days=60, text="A skate park with lights for winter"
    )
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(PHONE)
    signed_in(page, worker)

    # Then the home page says one is waiting too long
    assert "1 contribution is waiting more than 20 working days for an answer." in (
        page.locator("main").inner_text()
    )
    # When they follow the link, then open the contribution
    follow(page, "See the contributions waiting for an answer")
    assert heading(page) == "Waiting too long for an answer"
    follow(page, "A skate park with lights for winter")
    assert heading(page) == "Answers"
    assert "No one has answered this yet." in page.locator("main").inner_text()

    # When they choose to answer, say "not possible" and give no reason
    click(page, page.get_by_role("button", name="Answer it"))
    assert heading(page) == "Answer this contribution"
    page.get_by_label("Not possible, and why").check()
    submit(page, "Save answer")
    # Then they are asked to say why
    summary = page.locator(".govuk-error-summary")
    assert "Say why it is not possible" in summary.inner_text()
    screenshot(page, "why")

    # When they say why, and save
    page.get_by_label("Your answer").fill(
        "The park is being rebuilt until June. We will ask the builders about lights."
    )
    submit(page, "Save answer")

    # Then the answer is in the contribution's history, and the author is told
    assert heading(page) == "Answers"
    main = page.locator("main").inner_text()
    assert "Your answer has been saved." in main
    assert "Not possible, and why" in main
    assert "The park is being rebuilt until June." in main
    assert Answer.objects.filter(status="not_possible").count() == 1
    screenshot(page, "history")
    # And nothing pushes the page sideways at 375 px
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # When the young person who said it signs in on their own phone
    theirs = new_page(PHONE)
    signed_in(theirs, author)
    # And follows "What happened to what you said" from their home page
    follow(theirs, "What happened to what you said")
    # Then they see their words and the worker's answer to them
    assert heading(theirs) == "What happened to what I said"
    mine = theirs.locator("main").inner_text()
    assert "A skate park with lights for winter" in mine
    assert "The park is being rebuilt until June." in mine
    screenshot(theirs, "what-happened")
