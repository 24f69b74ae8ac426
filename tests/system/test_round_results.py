"""A worker closes a youth budget vote on their phone, the count finishes, they publish it, and
anyone can read which projects are funded, each with the ideas behind it and the decision to
fund it; the count page, while counting, refreshes itself without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting.models import Round
from tests import factories
from tests.budgeting import factories_results as built
from tests.system.conftest import PHONE, click, heading, screenshot, signed_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in_worker(
    new_page: Callable[..., Any], organisation: Organisation, **options: Any
) -> Any:
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(viewport=PHONE, **options)
    signed_in(page, worker)
    return page


def test_a_worker_closes_the_vote_publishes_and_each_funded_project_shows_its_ideas(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a round in which nine young people have voted, its projects made from ideas
    round_ = built.round_with_ballots(organisation)
    # And a worker signed in on a phone
    page = _signed_in_worker(new_page, organisation)

    # When they open the count and close voting now
    visit(page, f"/orgs/{organisation.slug}/rounds/{round_.public_id}/count/")
    assert heading(page) == "Count the votes"
    click(page, page.get_by_role("button", name="Close voting now"))
    assert heading(page) == "Close voting now"
    assert "The 9 ballots cast so far are sealed" in page.inner_text("main")
    submit(page, "Close voting and count")

    # Then the ballots are sealed and counted, and the count is shown to staff only
    round_.refresh_from_db()
    assert round_.tally_state == Round.TallyState.DONE
    main = page.inner_text("main")
    assert "Voting is closed and the ballots are sealed." in page.inner_text("body")
    assert round_.seal in main
    assert "What the count found" in main
    assert_fits(page)
    screenshot(page, "counted")

    # When they publish the results
    click(page, page.get_by_role("button", name="Publish the results"))
    submit(page, "Publish the results")

    # Then the public results page shows each funded project with the ideas behind it
    assert heading(page) == f"Results: {round_.title}"
    cards = page.locator(".govuk-summary-card")
    assert cards.count() == 2
    for number, card in zip((1, 2), cards.all(), strict=True):
        text = card.inner_text()
        assert f"Project {number}" in text
        assert "The ideas behind it" in text
        assert f"Please can we have project {number}" in text
    assert "What “most votes first” would have funded" in page.inner_text("main")
    assert_fits(page)
    screenshot(page, "results")

    # And each links to the decision to fund it, which cites the same idea
    click(page, cards.first.get_by_role("link", name="The decision to fund it"))
    assert heading(page) == "Funded: Project 1"
    assert "Please can we have project 1" in page.inner_text("main")


def test_anyone_reads_the_results_on_a_phone_without_javascript(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    round_ = built.published_round(organisation)
    page = new_page(viewport=PHONE, java_script_enabled=False)
    visit(page, f"/rounds/{round_.public_id}/results/")
    assert_fits(page)
    assert page.locator(".alongside-bar__fill--funded").count() == 2
    download = page.get_by_role("link", name="Download the ballots (Pabulib file)")
    assert download.get_attribute("href") == f"/api/v1/rounds/{round_.public_id}/ballots.pb"
    screenshot(page, "results-no-js")


def test_while_counting_the_count_page_refreshes_itself_without_javascript(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    round_ = built.counted_round(organisation)
    Round.objects.filter(pk=round_.pk).update(
        tally_state=Round.TallyState.RUNNING, tally_progress=40
    )
    page = _signed_in_worker(new_page, organisation, java_script_enabled=False)
    path = f"/orgs/{organisation.slug}/rounds/{round_.public_id}/count/"

    # When they open the count page, it refreshes itself (the Refresh header, no script)
    response = page.goto(path)
    assert response is not None
    assert response.headers["refresh"] == "10"
    # Then once the count finishes, a refresh shows it
    Round.objects.filter(pk=round_.pk).update(tally_state=Round.TallyState.DONE, tally_progress=100)
    page.get_by_text("What the count found").wait_for(timeout=30_000)

    # And the page while counting passes the checks, with its way to stop refreshing
    Round.objects.filter(pk=round_.pk).update(
        tally_state=Round.TallyState.RUNNING, tally_progress=40
    )
    stopped = visit(page, path + "?refresh=off")
    assert "refresh" not in stopped.headers
    assert "40% counted" in page.inner_text("main")
    assert page.get_by_role("link", name="Refresh this page").count() == 1
    assert_fits(page)
    screenshot(page, "counting")
