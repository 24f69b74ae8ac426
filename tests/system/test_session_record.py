"""A worker records a session on a phone, with three young people who have no sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.initiatives.models import Attendance, Session
from tests import factories
from tests.initiatives.factories_sessions import initiative_in
from tests.system.conftest import PHONE, follow, heading, screenshot, signed_in, submit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_records_a_session_with_three_young_people_who_have_no_sign_in(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a worker with two-factor set up, and an open initiative, on a 375px phone
    worker = factories.person_with_role(Role.WORKER, organisation)
    initiative_in(organisation, title="Skate park design")
    page = new_page(PHONE)
    signed_in(page, worker)

    # When they open "Sessions" from the menu and choose the initiative
    page.get_by_role("button", name="Menu").click()
    follow(page, "Sessions")
    assert heading(page) == "Sessions to record"
    follow(page, "Record a session for Skate park design")
    assert heading(page) == "Record a session"

    # And send the form with a date in the future
    today = timezone.localdate()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_label("Year", exact=True).fill(str(today.year + 1))
    page.get_by_label("Youth club").check()
    page.get_by_label("How long did it run, in minutes?").fill("90")
    submit(page, "Record the session")
    # Then they are told the date must be today or earlier
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The date of the session must be today or in the past" in summary
    assert_fits(page)

    # When they put today's year right and send it
    page.get_by_label("Year", exact=True).fill(str(today.year))
    submit(page, "Record the session")
    # Then they are on the session page, which nobody has come to yet
    assert heading(page).startswith("Session on ")
    assert "Session recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "Nobody has been added to this session yet" in page.locator("main").inner_text()

    # When they add three young people who have no sign-in, one of them 9 years old
    for name, age, minutes in (("Ash", 9, "90"), ("Kai", 14, "60"), ("Rui", 16, "45")):
        page.get_by_label("Display name").fill(name)
        page.get_by_label("Month of birth").fill("2")
        page.get_by_label("Year of birth").fill(str(today.year - age - 1))
        page.get_by_label("Minutes they took part").fill(minutes)
        submit(page, "Add to the session")
        assert (
            f"{name} has been added to the session."
            in page.locator(".govuk-notification-banner").inner_text()
        )

    # Then all three are listed with their minutes, Ash waiting for a parent's consent
    who_came = page.locator(".govuk-summary-list").nth(1)
    rows = who_came.locator(".govuk-summary-list__row")
    assert rows.count() == 3
    ash = rows.filter(has_text="Ash")
    assert "Waiting for a parent's consent" in ash.inner_text()
    assert "1 hour 30 minutes" in ash.inner_text()
    assert "45 minutes" in rows.filter(has_text="Rui").inner_text()
    assert "Waiting for a parent's consent" not in rows.filter(has_text="Kai").inner_text()
    assert "3 people came." in page.locator("main").inner_text()
    # And the page fits the phone: nothing scrolls sideways
    assert_fits(page)
    screenshot(page, "session-with-three")

    # And the database holds one session with three attendance rows and nobody with a sign-in
    session = Session.objects.get()
    attendance = Attendance.objects.filter(session=session).select_related("person")
    assert sorted((a.person.display_name, a.minutes) for a in attendance) == [
        ("Ash", 90),
        ("Kai", 60),
        ("Rui", 45),
    ]
    assert all(a.person.user_id is None for a in attendance)
