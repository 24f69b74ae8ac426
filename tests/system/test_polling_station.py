"""A worker runs a polling station on a phone: opens it, checks a young person in on paper,
types in their paper ballot, a second worker types it in again, and the station shows it
counted; another young person votes on the tablet in kiosk mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting.models import Ballot, PaperEntry, Participation, Round
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.system.conftest import PHONE, follow, heading, screenshot, signed_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in_worker(new_page: Callable[..., Any], organisation: Organisation) -> Any:
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(PHONE)
    signed_in(page, worker)
    return page


def _round(organisation: Organisation) -> Round:
    """Voting open since two days ago, so a station can open at midnight today."""
    made = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=made.pk).update(voting_opens_at=timezone.now() - dt.timedelta(days=2))
    made.refresh_from_db()
    return made


def _check_in(page: Any, name: str, how: str) -> None:
    submit(page, "Check someone in")
    assert heading(page) == "Check someone in"
    page.get_by_label("Their display name").fill(name.split()[0])
    submit(page, "Search")
    result = page.locator("li").filter(has_text=name)
    assert "Can vote" in result.inner_text()
    assert_fits(page)
    submit(page, f"{how} for {name}")


def test_a_worker_runs_a_polling_station_with_paper_and_the_tablet(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a round open for voting, two young people, and a worker signed in on a phone
    round_ = _round(organisation)
    factories.offline_person(organisation, age=15, display_name="Ash Paper")
    tablet_voter: Person = factories.offline_person(organisation, age=13, display_name="Kai Tablet")
    page = _signed_in_worker(new_page, organisation)
    stations = reverse("budgeting:station-list", args=[organisation.slug, round_.public_id])

    # When they open a polling station for today
    visit(page, stations)
    assert "No polling stations have been opened" in page.locator("main").inner_text()
    submit(page, "Open a polling station")
    submit(page, "Open the polling station")
    assert page.title().startswith("Error: ")
    assert "Enter the name of the place" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Name of the place").fill("Riverside youth club")
    page.get_by_label("Opens at").fill("0:00")
    page.get_by_label("Closes at").fill("23:59")
    submit(page, "Open the polling station")
    # Then its page says it is open, with nothing counted yet
    assert heading(page) == "Riverside youth club"
    assert "Open now" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, "station")

    # When they check Ash in on paper
    _check_in(page, "Ash Paper", "On paper")
    assert (
        "Give Ash Paper a paper ballot." in page.locator(".govuk-notification-banner").inner_text()
    )

    # And type in Ash's paper
    follow(page, "Back to the polling station")
    submit(page, "Enter a paper ballot")
    submit(page, "Enter this paper")
    assert page.title().startswith("Error: ")
    page.get_by_label("Number printed on the paper").fill("a-0001")
    page.get_by_label("1. Project 1").check()
    page.get_by_label("3. Project 3").check()
    submit(page, "Enter this paper")
    assert "Paper A-0001 is entered." in page.locator(".govuk-notification-banner").inner_text()
    assert not Ballot.objects.exists()
    screenshot(page, "paper-entered")

    # Then a second worker, on their own phone, types it in again the same
    second = _signed_in_worker(new_page, organisation)
    visit(
        second, reverse("budgeting:paper-confirm-list", args=[organisation.slug, round_.public_id])
    )
    follow(second, "Type in paper A-0001")
    assert not second.get_by_label("1. Project 1").is_checked()
    second.get_by_label("3. Project 3").check()
    second.get_by_label("1. Project 1").check()
    assert_fits(second)
    submit(second, "Check it against the first entry")
    assert (
        "Both entries of paper A-0001 agree. It is counted."
        in second.locator(".govuk-notification-banner").inner_text()
    )

    # And the station's page shows it counted
    visit(page, stations)
    follow(page, "Riverside youth club")
    counts = page.locator(".govuk-summary-list").nth(1)
    assert "Handed a paper ballot 1" in " ".join(counts.inner_text().split())
    assert "Typed in twice, the same: counted 1" in " ".join(counts.inner_text().split())
    assert "More paper ballots have been entered" not in page.locator("main").inner_text()

    # When Kai is checked in for the tablet, and the worker hands it over
    _check_in(page, "Kai Tablet", "On the tablet")
    # Then the tablet shows Kai's first name and ballot paper, and no way off the page
    main = page.locator("main").inner_text()
    assert "Hello, Kai." in main
    assert "Tablet" not in main
    assert page.locator(".govuk-service-navigation, .govuk-footer").count() == 0
    assert_fits(page)
    screenshot(page, "kiosk")
    page.get_by_label("Project 2").check()
    submit(page, "Continue")
    assert heading(page) == "Check your answers"
    submit(page, "Send my vote")
    # And a thank-you panel with the receipt code, once
    assert heading(page) == "Thank you — your vote is in"
    ballot = Ballot.objects.get(channel=Ballot.Channel.KIOSK)
    assert ballot.receipt_code in page.locator(".govuk-panel").inner_text()
    assert "Please hand the tablet back." in page.locator(".govuk-panel").inner_text()
    assert_fits(page)
    screenshot(page, "kiosk-thank-you")
    submit(page, "Check in the next person")
    assert heading(page) == "Check someone in"

    # And the register and the ballot box agree: two voters, two ballots, none doubled
    assert Participation.objects.filter(round=round_).count() == 2
    assert Participation.objects.get(person=tablet_voter).channel == "kiosk"
    assert sorted(Ballot.objects.values_list("channel", "choices")) == [
        ("kiosk", [2]),
        ("paper", [1, 3]),
    ]
    assert PaperEntry.objects.get().status == PaperEntry.Status.COUNTED
