"""A young person votes on a phone: the rules, the ballot paper with a total that follows their
choices (live with JavaScript, with "Update my total" without), check your vote, the receipt
to keep; later they check the receipt and, once the results are out, see what their vote
helped to fund. A 26-year-old is told clearly that the round is not for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting.models import Ballot, Result, Round
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.system.conftest import PHONE, click, heading, screenshot, signed_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _round(organisation: Organisation) -> Round:
    # £10,000, £20,000 and £30,000 projects; choose up to 2
    return budget_factories.voting_round(organisation, max_choices=2)


def _young(organisation: Organisation, age: int = 15) -> Person:
    return factories.person_with_role(Role.YOUNG_PERSON, organisation, age=age)


def _signed_in(new_page: Callable[..., Any], person: Person, **options: Any) -> Any:
    page = new_page(PHONE, **options)
    signed_in(page, person)
    return page


def _total(page: Any) -> str:
    return page.locator("[data-vote-total]").inner_text()


def _receipt(page: Any, round_: Round, code: str) -> str:
    visit(page, f"/rounds/{round_.public_id}/receipt/")
    page.get_by_label("Your receipt code").fill(code)
    submit(page, "Check")
    assert_fits(page)
    return page.locator("main").inner_text()


def test_a_young_person_votes_keeps_the_receipt_and_later_checks_it(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a round open for voting, and a young person on a small phone
    round_ = _round(organisation)
    page = _signed_in(new_page, _young(organisation))

    # When they open the vote, they see the rules in short and can start
    visit(page, f"/rounds/{round_.public_id}/vote/")
    assert "You can choose up to 2 projects." in page.locator("main").inner_text()
    assert_fits(page)
    click(page, page.get_by_role("button", name="Start now"))
    assert heading(page) == "Choose up to 2 projects"
    assert "£0" in _total(page)

    # When they tick two projects, the total follows at once, without sending the page
    page.get_by_label("Project 1").check()
    page.get_by_label("Project 3").check()
    assert "2 of up to 2" in _total(page)
    assert "£40,000" in _total(page)
    assert_fits(page)
    screenshot(page, "ballot-paper")

    # And a third is one too many: the page says so
    page.get_by_label("Project 2").check()
    submit(page)
    assert page.title().startswith("Error: ")
    assert "You can choose up to 2 projects." in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Project 2").uncheck()
    submit(page)

    # Then they check their vote, change it once, and send it
    assert heading(page) == "Check your vote"
    check = page.locator("main").inner_text()
    assert "Project 1" in check
    assert "Project 3" in check
    assert "£40,000" in check
    click(page, page.get_by_role("link", name="Change your choices"))
    page.get_by_label("Project 3").uncheck()
    page.get_by_label("Project 2").check()
    submit(page)
    assert "£30,000" in page.locator("main").inner_text()
    screenshot(page, "check-your-vote")
    submit(page, "Send my vote")

    # Then a confirmation panel gives them the receipt code to keep
    panel = page.locator(".govuk-panel").inner_text()
    ballot = Ballot.objects.get()
    assert "Your vote has been sent" in panel
    assert ballot.receipt_code in panel.replace("\n", "")
    assert ballot.choices == [1, 2]
    assert "Keep this code" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, "receipt")
    # And going back to the vote shows the receipt, not a second ballot paper
    visit(page, f"/rounds/{round_.public_id}/vote/")
    assert ballot.receipt_code in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Start now").count() == 0

    # When they later check the code on the receipt page (typed in lower case, with spaces)
    later = new_page(PHONE)
    typed = ballot.receipt_code.lower().replace("-", " ")
    assert "Your vote has been received" in _receipt(later, round_, typed)
    # And a code that is not theirs is not found, with no hint of anyone else's
    assert "We cannot find a vote with that code" in _receipt(later, round_, "WXYZ-2345-6789")

    # When the round is sealed, counted and published, their receipt shows what it helped fund
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.RESULTS,
        voting_closes_at=now,
        sealed_at=now,
        seal="5e" * 32,
        published_at=now,
    )
    Result.objects.create(
        round=round_,
        rule="mes",
        completion="add1-greedy",
        budget_pence=round_.budget_pence,
        ballots_counted=1,
        selected=[2, 3],
        greedy_selected=[3, 2],
        projects={},
        file_sha256="5e" * 32,
    )
    found = _receipt(later, round_, ballot.receipt_code)
    assert "Your vote is in the sealed set" in found
    assert "5e" * 32 in found
    assert "What your vote helped fund" in found
    assert "Project 2" in found
    assert "Project 1" not in found.split("What your vote helped fund")[1]
    screenshot(later, "what-it-helped-fund")


def test_without_javascript_the_total_comes_from_the_update_button(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a round that shares out points, and a phone with JavaScript off
    round_ = budget_factories.voting_round(
        organisation, ballot_kind=Round.BallotKind.POINTS, points_to_share=10
    )
    person = _young(organisation)
    page = _signed_in(new_page, person, java_script_enabled=False)
    visit(page, f"/rounds/{round_.public_id}/vote/")
    click(page, page.get_by_role("button", name="Start now"))
    assert heading(page) == "Share out your 10 points"

    # When they give points and press "Update my total", the page comes back with the total
    page.get_by_label("Project 1").fill("6")
    page.get_by_label("Project 3").fill("4")
    assert "0 of 10" in _total(page)  # nothing runs in the page without JavaScript
    submit(page, "Update my total")
    assert "10 of 10" in _total(page)
    assert "£40,000" in _total(page)
    assert_fits(page)
    screenshot(page, "points-updated")

    # When they give too many, the update says so
    page.get_by_label("Project 2").fill("3")
    submit(page, "Update my total")
    assert (
        "You can share out up to 10 points in all."
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Project 2").fill("")
    submit(page)

    # Then check and send, and the receipt is theirs
    assert heading(page) == "Check your vote"
    submit(page, "Send my vote")
    ballot = Ballot.objects.get(participation__person=person)
    assert (ballot.choices, ballot.points) == ([1, 3], [6, 4])
    assert ballot.receipt_code in page.locator(".govuk-panel").inner_text().replace("\n", "")
    assert_fits(page)


def test_a_26_year_old_is_refused_with_a_clear_message(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a round for 11 to 25 year olds, and a 26-year-old who signs in
    round_ = budget_factories.voting_round(organisation, max_age=25)
    page = _signed_in(new_page, _young(organisation, age=26))
    # (signing in moves them on from the youth offer and tells them so: ADR 12)
    assert heading(page) == "You are now a community member"

    # When they open the vote
    visit(page, f"/rounds/{round_.public_id}/vote/")

    # Then they are told why they cannot vote, with no way to start
    assert (
        "This round is for young people aged 11 to 25 on the day voting closes. "
        "You cannot vote in it." in page.locator("main").inner_text()
    )
    assert page.get_by_role("button", name="Start now").count() == 0
    assert_fits(page)
    screenshot(page, "too-old")
    assert not Ballot.objects.exists()
