"""A young member reads their briefing for the next meeting on a phone, asks the board's
support worker something privately, and reads the answer on the same briefing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from alongside.governance.models import BriefingQuestion
from alongside.governance.services import papers
from tests import factories
from tests.governance.factories_briefing import briefed_board
from tests.system.conftest import (
    PHONE,
    check_page,
    click,
    follow,
    heading,
    screenshot,
    signed_in,
    submit,
)
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "What does the commissioning panel do?"
ANSWER = "It is the group of staff who choose which services the council pays for."


def test_a_young_member_asks_the_support_worker_privately_and_reads_the_answer(
    new_page: Callable[..., Any],
) -> None:
    # Given Sky sits on a board whose June meeting has its papers out, a glossary that
    # explains "commissioning", and Sam as the board's support worker
    briefed = briefed_board()
    papers.papers_publish(actor=factories.actor(briefed.support_worker), meeting=briefed.meeting)
    page = new_page(PHONE)
    signed_in(page, briefed.member)

    # When Sky follows "Read your briefing for it" from "Your boards" on their home page
    boards = page.locator("h2", has_text="Your boards")
    expect(boards).to_be_visible()
    follow(page, "Read your briefing for it")
    assert heading(page) == "Your briefing: June meeting"
    # Then they read the paper in plain words, and the words they might not know
    card = page.locator(".govuk-summary-card", has_text="The youth club budget")
    expect(card).to_contain_text("How much money the youth club has to spend next year.")
    words = page.locator("dl", has=page.get_by_role("link", name="commissioning", exact=True))
    expect(words).to_contain_text("Choosing and paying for a service.")
    assert_fits(page)
    screenshot(page, "briefing")

    # When they ask something privately and send it empty
    follow(page, "I didn't understand something / I want to raise something")
    assert heading(page) == "Ask or raise something privately"
    page.get_by_label("I didn't understand something", exact=True).check()
    page.get_by_label("The support worker for the board", exact=True).check()
    submit(page, "Send it")
    # Then the error summary says what is missing, and its link moves focus to the box
    assert page.title().startswith("Error: "), page.title()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Write your question.")
    screenshot(page, "question-empty")
    summary.get_by_role("link", name="Write your question.").click()
    expect(page.get_by_label("Your question", exact=True)).to_be_focused()
    check_page(page)

    # When they write it and send it again
    page.get_by_label("Your question", exact=True).fill(QUESTION)
    submit(page, "Send it")
    # Then they are told it went to Sam alone
    assert heading(page) == "Your question has been sent"
    expect(page.locator("main")).to_contain_text(
        "Sam, the support worker for the board, will read it."
    )
    screenshot(page, "question-sent")
    asked = BriefingQuestion.objects.get()
    assert (asked.person, asked.to) == (briefed.member, BriefingQuestion.To.SUPPORT_WORKER)

    # When Sam, on their own phone, opens the questions sent to them from Boards
    worker = new_page(PHONE)
    signed_in(worker, briefed.support_worker)
    worker.get_by_role("button", name="Menu").click()
    follow(worker, "Boards")
    follow(worker, "Questions young members sent you")
    assert heading(worker) == "Questions from board members"
    assert_fits(worker)
    screenshot(worker, "inbox")
    # The link also names, for a screen reader, whose question it is
    click(worker, worker.get_by_role("link", name=re.compile(r"^Read and answer")).first)
    expect(worker.locator("main")).to_contain_text(QUESTION)
    worker.get_by_label("Your answer", exact=True).fill(ANSWER)
    submit(worker, "Send the answer")
    # Then the inbox shows it answered
    expect(worker.locator(".govuk-notification-banner")).to_contain_text("Answer sent.")
    expect(worker.locator(".govuk-table")).to_contain_text("Answered")

    # And Sky, back on their briefing, reads the answer from Sam
    follow(page, "Back to your briefing")
    answered = page.locator(".govuk-summary-card", has_text=QUESTION)
    expect(answered).to_contain_text(ANSWER)
    expect(answered).to_contain_text("From Sam")
    assert_fits(page)
    screenshot(page, "answer")
