"""A worker records a decision that used what a young person said; everyone sees it on the
"You said, we did" board, and the young person sees the whole chain on their own page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.decisions.models import Decision
from alongside.notices.models import Notice
from alongside.voice.models import Answer
from tests import factories
from tests.decisions.factories import (
    AnswerFactory,
    ContributionFactory,
    InitiativeFactory,
    ThemeFactory,
    in_theme,
)
from tests.system.conftest import PHONE, click, heading, screenshot, signed_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_decision_citing_an_idea_shows_on_the_board_and_on_the_authors_page(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a young person's published idea in a theme, in an initiative
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Robin Quill")
    initiative = InitiativeFactory(organisation=organisation, title="Better youth club")
    idea = ContributionFactory(
        initiative=initiative, author=author, text="Open the youth club on Saturdays please"
    )
    theme = ThemeFactory(organisation=organisation, initiative=initiative, name="Opening hours")
    in_theme(theme, idea)
    # And a worker with two-factor set up, signed in on a phone
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(viewport=PHONE)
    signed_in(page, worker)

    # When they record a decision: what was decided, sent empty first
    visit(page, f"/orgs/{organisation.slug}/decisions/")
    assert "No decisions have been recorded yet" in page.inner_text("main")
    click(page, page.get_by_role("button", name="Record a decision"))
    submit(page, "Continue")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter what was decided" in summary
    assert "Enter who decided" in summary
    today = timezone.localdate()
    page.get_by_label("What was decided").fill("The club opens on Saturdays")
    page.get_by_label("What changed because of it").fill("It is open 10am to 4pm from June.")
    page.get_by_label("Who decided").fill("The youth board")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Which initiative it came from (optional)").select_option(
        label="Better youth club"
    )
    submit(page, "Continue")
    # Then they choose what it used: they search for the idea and choose it
    assert heading(page) == "Choose what the decision used"
    page.get_by_label("Search by words in what was said").fill("Saturdays")
    submit(page, "Search")
    submit(page, "Choose this")
    assert (
        "Open the youth club on Saturdays" in page.locator(".govuk-summary-list").first.inner_text()
    )
    screenshot(page, "cite")
    click(page, page.get_by_role("button", name="Continue"))
    # And check their answers, and record it
    assert heading(page) == "Check the decision before you record it"
    assert "The club opens on Saturdays" in page.inner_text("main")
    submit(page, "Record decision")
    assert "Decision recorded" in page.locator(".govuk-panel").inner_text()
    screenshot(page, "recorded")
    decision = Decision.objects.get()
    assert list(decision.citations.values_list("contribution", flat=True)) == [idea.pk]
    # And the author was told
    assert Notice.objects.filter(person=author, kind="decisions.cited").count() == 1

    # Given the worker had answered the idea, and the theme it is in
    AnswerFactory(contribution=idea, status=Answer.Status.CHANGED, text="We took it to the board.")
    AnswerFactory(theme=theme, status=Answer.Status.CHANGED, text="Longer opening hours agreed.")

    # When anyone opens the organisation's board on a phone
    board = new_page(viewport=PHONE)
    visit(board, f"/orgs/{organisation.slug}/you-said-we-did/")
    text = board.inner_text("main")
    # Then it shows the theme's answer, the decision, what changed and the idea's words
    assert "Opening hours" in text
    assert "Longer opening hours agreed." in text
    assert "We decided: The club opens on Saturdays" in text
    assert "It is open 10am to 4pm from June." in text
    assert "Open the youth club on Saturdays please" in text
    # But never who said it
    assert "Robin Quill" not in board.content()
    screenshot(board, "board")

    # When the author signs in and opens "What happened to what I said"
    own = new_page(viewport=PHONE)
    signed_in(own, author)
    visit(own, "/my/what-happened/")
    text = own.inner_text("main")
    # Then they see their words, that they are published, the answer and the decision
    assert "Open the youth club on Saturdays please" in text
    assert "Published" in text
    assert "Longer opening hours agreed." in text or "We took it to the board." in text
    assert "The club opens on Saturdays" in text
    screenshot(own, "what-happened")
    # And following the decision leads to its public page
    click(own, own.get_by_role("link", name="The club opens on Saturdays"))
    assert heading(own) == "The club opens on Saturdays"
