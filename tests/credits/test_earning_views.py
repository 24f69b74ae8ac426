"""The approve pages, the rules page and "How you earn credits", through the test client."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.credits.models import ActivityRule, CreditSettings, Earning
from alongside.credits.selectors.balances import balance_of_person
from tests.credits.factories_earn import members, session_with

pytestmark = pytest.mark.django_db


def _occasion_url(organisation: Organisation, session) -> str:  # type: ignore[no-untyped-def]
    return reverse(
        "credits:earn-approve-occasion", args=[organisation.slug, "session", session.public_id]
    )


def test_a_worker_approves_a_sessions_credits_in_bulk(
    organisation: Organisation, worker: Person, client_for: Callable[..., Client]
) -> None:
    people = members(organisation, 2)
    session = session_with(organisation, people, minutes=90)
    client = client_for(worker)
    listed = client.get(reverse("credits:earn-approve-list", args=[organisation.slug]))
    assert "2 people waiting" in listed.content.decode()
    url = _occasion_url(organisation, session)
    shown = client.get(url)
    page = shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    assert page.count("checked") == 2  # everyone ticked
    assert "Gave 1 hour 30 minutes. Credit: 1 hour 30 minutes (One credit for each hour)" in page
    sent = client.post(url, {"people": [str(p.public_id) for p in people]})
    assert sent.status_code == 302
    after = client.get(url).content.decode()
    assert "Credits approved for 2 people." in after
    assert "Already decided" in after
    assert all(
        balance_of_person(organisation_id=organisation.pk, person_id=p.pk) == 90 for p in people
    )
    # And the session no longer waits
    listed = client.get(reverse("credits:earn-approve-list", args=[organisation.slug]))
    assert "There is no time waiting to be credited" in listed.content.decode()


def test_approving_with_no_one_ticked_says_so_and_credits_nothing(
    organisation: Organisation, worker: Person, client_for: Callable[..., Client]
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    response = client_for(worker).post(_occasion_url(organisation, session), {})
    assert response.status_code == 200
    assert "Select at least one person to approve credits for" in response.content.decode()
    assert not Earning.objects.exists()


def test_another_organisations_session_is_not_found(
    organisation: Organisation,
    other_organisation: Organisation,
    worker: Person,
    client_for: Callable[..., Client],
) -> None:
    session = session_with(other_organisation, members(other_organisation, 1))
    assert client_for(worker).get(_occasion_url(organisation, session)).status_code == 404


def test_declining_one_person_needs_a_reason_they_then_read(
    organisation: Organisation, worker: Person, client_for: Callable[..., Client]
) -> None:
    (person,) = members(organisation, 1)
    session = session_with(organisation, [person])
    url = reverse(
        "credits:earn-decline",
        args=[organisation.slug, "session", session.public_id, person.public_id],
    )
    client = client_for(worker)
    empty = client.post(url, {"reason": ""})
    assert "Enter why this time is not being credited" in empty.content.decode()
    assert not Earning.objects.exists()
    assert client.post(url, {"reason": "You came for five minutes."}).status_code == 302
    earning = Earning.objects.get()
    assert (earning.status, earning.decision_note) == ("declined", "You came for five minutes.")
    # Decided, so there is no form for them any more
    assert client.get(url).status_code == 404


def test_an_admin_sets_the_rules_and_young_people_read_them(
    organisation: Organisation,
    admin: Person,
    young_person: Person,
    client_for: Callable[..., Client],
) -> None:
    url = reverse("credits:earn-rules", args=[organisation.slug])
    client = client_for(admin)
    assert "60 means one credit an hour" in client.get(url).content.decode()
    body = {
        "rounding": "down_quarter",
        "weekly_cap_hours": "6",
        "earns_session": "yes",
        "rate_session": "120",
        "earns_board_meeting": "no",
        "rate_board_meeting": "60",
        "earns_claim": "yes",
        "rate_claim": "60",
    }
    assert client.post(url, body).status_code == 302
    settings = CreditSettings.objects.get(organisation=organisation)
    assert (settings.rounding, settings.weekly_cap_minutes) == ("down_quarter", 360)
    assert ActivityRule.objects.get(kind="session").credit_minutes_per_hour == 120
    how = client_for(young_person).get(reverse("credits:earn-how", args=[organisation.slug]))
    page = how.content.decode()
    assert "Sessions: 2 hours of credit for each hour" in page
    assert "These do not earn credits here" in page
    assert "Board meetings" in page
    assert "rounded down to the quarter hour" in page
    assert "up to 6 hours of credits in a week" in page
    assert "ordered as a sanction" in page


def test_a_rate_out_of_range_is_refused_and_nothing_is_saved(
    organisation: Organisation, admin: Person, client_for: Callable[..., Client]
) -> None:
    body = {
        "rounding": "exact",
        "weekly_cap_hours": "",
        "earns_session": "yes",
        "rate_session": "601",
        "earns_board_meeting": "yes",
        "rate_board_meeting": "60",
        "earns_claim": "yes",
        "rate_claim": "60",
    }
    response = client_for(admin).post(reverse("credits:earn-rules", args=[organisation.slug]), body)
    assert "The rate must be 600 or less" in response.content.decode()
    assert not ActivityRule.objects.exists()


def test_a_worker_takes_back_credits_from_the_persons_page(
    organisation: Organisation, worker: Person, client_for: Callable[..., Client]
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people, minutes=60)
    client = client_for(worker)
    client.post(_occasion_url(organisation, session), {"people": [str(people[0].public_id)]})
    person_url = reverse("credits:earn-person", args=[organisation.slug, people[0].public_id])
    earning = Earning.objects.get()
    take_back = reverse("credits:earn-take-back", args=[organisation.slug, earning.pk])
    assert take_back in client.get(person_url).content.decode()
    empty = client.post(take_back, {"reason": ""})
    assert "Enter why you are taking these credits back" in empty.content.decode()
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 60
    assert client.post(take_back, {"reason": "Wrong person"}).status_code == 302
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 0
    assert Earning.objects.get().decision_note == "Wrong person"
    # Taken back once: the page is gone
    assert client.get(take_back).status_code == 404
