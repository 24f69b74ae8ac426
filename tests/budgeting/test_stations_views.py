"""Polling-station pages through the Django test client: opening a station, checking in,
the tablet in kiosk mode, papers typed twice, held papers and turnout."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    Participation,
    PollingStation,
    Round,
)
from alongside.budgeting.views.stations_kiosk import KIOSK
from alongside.budgeting.views.stations_papers import ALREADY_TYPED_TWICE
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_stations as made

pytestmark = pytest.mark.django_db

Clients = Callable[[Person | None], Client]


@pytest.fixture
def round_(organisation: Organisation) -> Round:
    return budget_factories.voting_round(organisation)


@pytest.fixture
def station(round_: Round) -> PollingStation:
    return made.station(round_)


def _url(name: str, station: PollingStation, **extra: Any) -> str:
    round_ = station.round
    return reverse(
        name,
        kwargs={
            "org": round_.organisation.slug,
            "round_id": round_.public_id,
            "station_id": station.pk,
            **extra,
        },
    )


def _round_url(name: str, round_: Round, **extra: Any) -> str:
    return reverse(
        name, kwargs={"org": round_.organisation.slug, "round_id": round_.public_id, **extra}
    )


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# Opening a station ----------------------------------------------------------------------------


def test_opening_a_station_sent_empty_says_what_to_fill_in(
    client_for: Clients, worker: Person, round_: Round
) -> None:
    response = client_for(worker).post(_round_url("budgeting:station-open", round_), {})
    text = _text(response)
    assert response.status_code == 200
    assert "Error: Open a polling station" in text
    for message in (
        "Enter the name of the place",
        "Enter the time it opens",
        "Enter the time it closes",
    ):
        assert message in text
    assert not PollingStation.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("half four", "7pm"), "Enter the time it opens, like 4pm or 16:30"),
        (("13pm", "7pm"), "Enter the time it opens, like 4pm or 16:30"),
        (("7pm", "4pm"), "The closing time must be after the opening time."),
    ],
)
def test_a_station_s_times_are_checked(
    client_for: Clients, worker: Person, round_: Round, typed: tuple[str, str], message: str
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(worker).post(
        _round_url("budgeting:station-open", round_),
        {
            "name": "Riverside youth club",
            "day": tomorrow.day,
            "month": tomorrow.month,
            "year": tomorrow.year,
            "opens": typed[0],
            "closes": typed[1],
        },
    )
    assert message in _text(response)
    assert not PollingStation.objects.exists()


def test_a_worker_opens_a_station_and_sees_its_page(
    client_for: Clients, worker: Person, round_: Round
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client = client_for(worker)
    response = client.post(
        _round_url("budgeting:station-open", round_),
        {
            "name": "Riverside youth club",
            "day": tomorrow.day,
            "month": tomorrow.month,
            "year": tomorrow.year,
            "opens": "4pm",
            "closes": "19:30",
            "idempotency_key": str(uuid.uuid4()),
        },
        follow=True,
    )
    station = PollingStation.objects.get()
    assert timezone.localtime(station.opens_at).time() == dt.time(16, 0)
    assert timezone.localtime(station.closes_at).time() == dt.time(19, 30)
    assert station.opened_by == worker
    text = _text(response)
    assert "Riverside youth club is set up as a polling station." in text
    assert "Not open yet" in text
    assert "Check someone in" not in text


def test_a_round_with_areas_asks_which_area(
    client_for: Clients, worker: Person, round_: Round
) -> None:
    Area.objects.create(round=round_, name="North")
    response = client_for(worker).post(_round_url("budgeting:station-open", round_), {})
    assert "Select the area it is for" in _text(response)


def test_the_station_list_shows_each_station_and_its_state(
    client_for: Clients, worker: Person, station: PollingStation
) -> None:
    response = client_for(worker).get(_round_url("budgeting:station-list", station.round))
    text = _text(response)
    assert "Riverside youth club" in text
    assert "Open now" in text


def test_closing_a_station_early(
    client_for: Clients, worker: Person, station: PollingStation
) -> None:
    client = client_for(worker)
    response = client.post(_url("budgeting:station-close", station), follow=True)
    assert "is closed. Nobody can be checked in there now." in _text(response)
    station.refresh_from_db()
    assert station.closes_at <= timezone.now()
    page = client.get(_url("budgeting:station-check-in", station), {"q": "a"})
    assert "This polling station is not open now" in _text(page)


def _tomorrow(round_: Round) -> PollingStation:
    opens = timezone.now() + dt.timedelta(days=1)
    return services.station_open(
        actor=made.staff(round_.organisation),
        round_=round_,
        name="Hillside school",
        area=None,
        opens_at=opens,
        closes_at=opens + dt.timedelta(hours=2),
        idempotency_key=uuid.uuid4(),
    )


def test_a_station_opened_for_the_wrong_day_is_cancelled_from_its_page(
    client_for: Clients, worker: Person, round_: Round
) -> None:
    later = _tomorrow(round_)
    client = client_for(worker)
    detail = _text(client.get(_url("budgeting:station-detail", later)))
    assert _url("budgeting:station-cancel", later) in detail
    confirm = _text(client.get(_url("budgeting:station-cancel", later)))
    assert "Nobody will be able to vote here." in confirm
    assert "Keep it" in confirm

    response = client.post(_url("budgeting:station-cancel", later))
    assert response.status_code == 302
    assert response["Location"] == _round_url("budgeting:station-list", round_)
    later.refresh_from_db()
    assert later.cancelled_at is not None
    listed = _text(client.get(_round_url("budgeting:station-list", round_)))
    assert "Hillside school is cancelled. Nobody can vote there." in listed
    assert "Cancelled" in listed
    detail = _text(client.get(_url("budgeting:station-detail", later)))
    assert "This polling station was cancelled on" in detail
    assert _url("budgeting:station-cancel", later) not in detail
    assert _url("budgeting:paper-enter", later) not in detail


def test_an_open_station_offers_no_cancel_and_refusing_one_says_why(
    client_for: Clients, worker: Person, station: PollingStation
) -> None:
    client = client_for(worker)
    detail = _text(client.get(_url("budgeting:station-detail", station)))
    assert _url("budgeting:station-cancel", station) not in detail
    response = client.post(_url("budgeting:station-cancel", station))
    text = _text(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "opening time has passed, so it cannot be cancelled" in text
    station.refresh_from_db()
    assert station.cancelled_at is None


# Checking in ---------------------------------------------------------------------------------


def test_check_in_shows_who_can_vote_and_why_not_never_a_birth_date(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    made.young(organisation, display_name="Alex Can")
    too_old = made.young(organisation, age=22, display_name="Alex Old")
    unknown = made.young(organisation, age=None, display_name="Alex Unknown")
    voted = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=14, display_name="Alex Voted"
    )
    services.ballot_cast(
        actor=factories.actor(voted),
        round_=station.round,
        choices=[1],
        idempotency_key=uuid.uuid4(),
    )
    response = client_for(worker).get(_url("budgeting:station-check-in", station), {"q": "alex"})
    text = _text(response)
    assert text.count("Can vote") == 1
    assert "Cannot vote" in text
    assert "They cannot vote in it." in text
    assert "We do not know how old they are." in text
    assert "Already voted" in text
    for person in (too_old, voted):
        assert str(person.birth_year) not in text
    assert unknown.display_name in text
    # Only those who can vote get the buttons.
    assert text.count('value="paper"') == 1


def test_check_in_results_are_paginated_and_cost_the_same_queries(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    client = client_for(worker)
    url = _url("budgeting:station-check-in", station)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"q": "Robin"}).status_code == 200
        return len(captured)

    for _ in range(3):
        made.young(organisation, display_name="Robin")
    queries()  # the first request reads what the session caches
    few = queries()
    for _ in range(30):
        made.young(organisation, display_name="Robin")
    assert queries() == few
    first = _text(client.get(url, {"q": "Robin"}))
    assert "Showing 1 to 20 of 33" in first
    assert "q=Robin" in first
    assert "page=2" in first
    assert "Showing 21 to 33 of 33" in _text(client.get(url, {"q": "Robin", "page": 2}))


def test_checking_in_on_paper_says_to_hand_over_a_paper(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    person = made.young(organisation, display_name="Kai")
    response = client_for(worker).post(
        _url("budgeting:station-check-in", station),
        {"person": str(person.public_id), "how": "paper"},
        follow=True,
    )
    assert "Give Kai a paper ballot." in _text(response)
    assert Participation.objects.get().channel == Participation.Channel.PAPER


def test_checking_in_someone_who_cannot_vote_shows_why_on_the_page(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    person = made.young(organisation, age=30, display_name="Kai")
    url = _url("budgeting:station-check-in", station) + "?q=Kai"
    response = client_for(worker).post(url, {"person": str(person.public_id), "how": "paper"})
    text = _text(response)
    assert "govuk-error-summary" in text
    assert "They cannot vote in it." in text
    assert 'id="id_person"' not in text  # no buttons for them: the error points at nothing
    assert not Participation.objects.exists()


def test_a_person_of_another_organisation_cannot_be_checked_in(
    client_for: Clients,
    worker: Person,
    station: PollingStation,
    other_organisation: Organisation,
) -> None:
    stranger = made.young(other_organisation)
    response = client_for(worker).post(
        _url("budgeting:station-check-in", station),
        {"person": str(stranger.public_id), "how": "paper"},
    )
    assert "Choose who to check in from the search results" in _text(response)
    assert not Participation.objects.exists()


# The tablet in kiosk mode ------------------------------------------------------------------


def _tablet(client: Client, station: PollingStation, person: Person) -> Any:
    return client.post(
        _url("budgeting:station-check-in", station),
        {"person": str(person.public_id), "how": "tablet"},
    )


def test_a_tablet_vote_in_kiosk_mode_from_check_in_to_receipt(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    person = made.young(organisation, display_name="Jordan Smith")
    client = client_for(worker)
    # When the worker checks them in for the tablet
    checked = _tablet(client, station, person)
    participation = Participation.objects.get()
    kiosk = _url("budgeting:kiosk-vote", station)
    # Then the tablet shows their ballot paper, with no id of theirs in the address
    assert checked["Location"] == kiosk
    assert client.session[KIOSK]["participation"] == participation.pk
    page = client.get(kiosk)
    text = _text(page)
    assert "Hello, Jordan." in text
    assert "Smith" not in text
    assert "Choose up to 3 projects" in text
    # And nothing on the page leads anywhere but its own language link
    links = re.findall(r'<a [^>]*href="([^"]+)"', page.content.decode())
    assert [link for link in links if not link.startswith(("/language/", "#"))] == []
    assert "govuk-service-navigation" not in text
    assert "govuk-footer" not in text
    # When they choose two projects, check their answers and send their vote
    chosen = client.post(kiosk, {"choices": ["1", "3"]})
    assert chosen["Location"] == _url("budgeting:kiosk-check", station)
    check = _text(client.get(_url("budgeting:kiosk-check", station)))
    assert "Project 1" in check
    assert "Project 3" in check
    assert "Project 2" not in check
    assert "Together they cost £40,000." in check
    key = re.search(r'name="idempotency_key" value="([^"]+)"', check)
    assert key is not None
    sent = client.post(_url("budgeting:kiosk-check", station), {"idempotency_key": key.group(1)})
    assert sent["Location"] == _url("budgeting:kiosk-done", station)
    ballot = Ballot.objects.get()
    assert ballot.choices == [1, 3]
    assert ballot.channel == Ballot.Channel.KIOSK
    # Then they see thanks and their receipt code, once
    done = _text(client.get(_url("budgeting:kiosk-done", station)))
    assert "Thank you — your vote is in" in done
    assert "Please hand the tablet back." in done
    assert ballot.receipt_code in done
    again = _text(client.get(_url("budgeting:kiosk-done", station)))
    assert ballot.receipt_code not in again
    # And the tablet has nobody on it until the next check-in
    assert "Nobody is checked in on this tablet" in _text(client.get(kiosk))


def test_the_send_button_pressed_twice_is_one_vote_with_one_receipt(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    client = client_for(worker)
    _tablet(client, station, made.young(organisation))
    client.post(_url("budgeting:kiosk-vote", station), {"choices": ["2"]})
    key = client.session[KIOSK]["key"]
    state = dict(client.session[KIOSK])
    client.post(_url("budgeting:kiosk-check", station), {"idempotency_key": key})
    # The second press was sent before the first came back: its session still had the vote.
    session = client.session
    session[KIOSK] = state
    session.save()
    response = client.post(_url("budgeting:kiosk-check", station), {"idempotency_key": key})
    assert response["Location"] == _url("budgeting:kiosk-done", station)
    assert Ballot.objects.count() == 1
    assert Ballot.objects.get().receipt_code in _text(
        client.get(_url("budgeting:kiosk-done", station))
    )


def test_a_ballot_the_rules_do_not_allow_stays_on_the_ballot_paper(
    client_for: Clients, worker: Person, organisation: Organisation
) -> None:
    round_ = budget_factories.voting_round(organisation, costs=(1, 2, 3, 4), max_choices=2)
    station = made.station(round_)
    client = client_for(worker)
    _tablet(client, station, made.young(organisation))
    response = client.post(_url("budgeting:kiosk-vote", station), {"choices": ["1", "2", "3"]})
    assert response.status_code == 200
    assert "You can choose up to 2 projects." in _text(response)
    assert "choices" not in client.session[KIOSK]


@pytest.mark.parametrize(
    ("settings", "body", "choices", "points"),
    [
        ({"ballot_kind": "choose_one"}, {"choices": "2"}, [2], None),
        ({"ballot_kind": "approval_budget"}, {"choices": ["1", "2"]}, [1, 2], None),
        (
            {"ballot_kind": "points", "points_to_share": 10},
            {"project_1": "7", "project_3": "3", "project_2": ""},
            [1, 3],
            [7, 3],
        ),
        ({"ballot_kind": "rank"}, {"project_3": "1", "project_1": "2"}, [3, 1], None),
    ],
)
def test_every_kind_of_ballot_paper_votes_on_the_tablet(
    client_for: Clients,
    worker: Person,
    organisation: Organisation,
    settings: dict[str, Any],
    body: dict[str, Any],
    choices: list[int],
    points: list[int] | None,
) -> None:
    round_ = budget_factories.voting_round(organisation, **settings)
    station = made.station(round_)
    client = client_for(worker)
    _tablet(client, station, made.young(organisation))
    assert client.get(_url("budgeting:kiosk-vote", station)).status_code == 200
    chosen = client.post(_url("budgeting:kiosk-vote", station), body)
    assert chosen.status_code == 302, _text(chosen)
    client.post(
        _url("budgeting:kiosk-check", station),
        {"idempotency_key": client.session[KIOSK]["key"]},
    )
    ballot = Ballot.objects.get()
    assert (ballot.choices, ballot.points) == (choices, points)


def test_a_ranked_ballot_with_two_projects_in_one_place_is_refused(
    client_for: Clients, worker: Person, organisation: Organisation
) -> None:
    station = made.station(budget_factories.voting_round(organisation, ballot_kind="rank"))
    client = client_for(worker)
    _tablet(client, station, made.young(organisation))
    response = client.post(
        _url("budgeting:kiosk-vote", station), {"project_1": "1", "project_2": "1"}
    )
    assert "Give each project a different number" in _text(response)


def test_a_voter_handed_the_tablet_again_before_voting_carries_on(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    person = made.young(organisation, display_name="Rui")
    client = client_for(worker)
    _tablet(client, station, person)
    client.get(_url("budgeting:station-check-in", station))
    session = client.session
    del session[KIOSK]
    session.save()
    listed = _text(client.get(_url("budgeting:station-check-in", station), {"q": "Rui"}))
    assert "Checked in for the tablet, not voted yet" in listed
    assert "Hand them the tablet" in listed
    again = _tablet(client, station, person)
    assert again["Location"] == _url("budgeting:kiosk-vote", station)
    assert Participation.objects.count() == 1


# Paper ballots -----------------------------------------------------------------------------


def _enter(client: Client, station: PollingStation, number: str, choices: list[str]) -> Any:
    return client.post(
        _url("budgeting:paper-enter", station),
        {"paper_number": number, "choices": choices, "idempotency_key": str(uuid.uuid4())},
        follow=True,
    )


def test_a_paper_is_counted_when_a_second_worker_types_the_same(
    client_for: Clients,
    worker: Person,
    person_with_role: Callable[..., Person],
    station: PollingStation,
) -> None:
    first = client_for(worker)
    entered = _enter(first, station, "a-0172", ["1", "2"])
    assert "Paper A-0172 is entered." in _text(entered)
    entry = PaperEntry.objects.get()
    confirm = _round_url("budgeting:paper-confirm", station.round, entry_id=entry.pk)
    # The worker who typed it cannot type it again, nor sees it in their list
    assert "A-0172" not in _text(
        first.get(_round_url("budgeting:paper-confirm-list", station.round))
    )
    assert "a different worker must type it in again" in _text(first.get(confirm))
    first.post(confirm, {"choices": ["1", "2"]})
    assert not Ballot.objects.exists()
    # A second worker sees it waiting, and the form shows nothing of the first entry
    second = client_for(person_with_role(Role.WORKER))
    assert "Type in paper A-0172" in _text(
        second.get(_round_url("budgeting:paper-confirm-list", station.round))
    )
    page = second.get(confirm).content.decode()
    assert "checked" not in page
    agreed = second.post(confirm, {"choices": ["2", "1"]}, follow=True)
    assert "Both entries of paper A-0172 agree. It is counted." in _text(agreed)
    assert Ballot.objects.get().paper_number == "A-0172"


def test_two_entries_that_differ_are_held_then_decided_by_a_manager(
    client_for: Clients,
    worker: Person,
    person_with_role: Callable[..., Person],
    station: PollingStation,
    admin: Person,
) -> None:
    _enter(client_for(worker), station, "B-1", ["1"])
    entry = PaperEntry.objects.get()
    confirm = _round_url("budgeting:paper-confirm", station.round, entry_id=entry.pk)
    differs = client_for(person_with_role(Role.WORKER)).post(
        confirm, {"choices": ["2"]}, follow=True
    )
    assert "is held and not counted" in _text(differs)
    assert not Ballot.objects.exists()
    manager = client_for(admin)
    held = _text(manager.get(_round_url("budgeting:paper-held", station.round)))
    assert "Look at paper B-1" in held
    resolve = _round_url("budgeting:paper-resolve", station.round, entry_id=entry.pk)
    page = _text(manager.get(resolve))
    assert "1. Project 1 (£10,000)" in page
    assert "2. Project 2 (£20,000)" in page
    empty = _text(manager.post(resolve, {"outcome": "spoil"}))
    assert "Say why the paper cannot be counted" in empty
    decided = manager.post(
        resolve, {"outcome": "second", "idempotency_key": str(uuid.uuid4())}, follow=True
    )
    assert "Paper B-1 is counted." in _text(decided)
    assert Ballot.objects.get().choices == [2]
    assert "decided what this paper says already" in _text(manager.get(resolve))


def test_the_station_page_counts_papers_and_warns_of_too_many(
    client_for: Clients, worker: Person, station: PollingStation, organisation: Organisation
) -> None:
    client = client_for(worker)
    client.post(
        _url("budgeting:station-check-in", station),
        {"person": str(made.young(organisation).public_id), "how": "paper"},
    )
    _enter(client, station, "C-1", ["1"])
    page = _text(client.get(_url("budgeting:station-detail", station)))
    assert "More paper ballots have been entered" not in page
    _enter(client, station, "C-2", ["2"])
    page = _text(client.get(_url("budgeting:station-detail", station)))
    assert "More paper ballots have been entered (2) than were handed out here (1)." in page


def test_a_paper_number_entered_twice_is_refused(
    client_for: Clients, worker: Person, station: PollingStation
) -> None:
    client = client_for(worker)
    _enter(client, station, "D-1", ["1"])
    again = _enter(client, station, "d-1", ["2"])
    assert "Paper ballot D-1 has been entered already." in _text(again)
    assert PaperEntry.objects.count() == 1


# Turnout -----------------------------------------------------------------------------------


def _voters(round_: Round, organisation: Organisation, n: int, **fields: Any) -> None:
    for _ in range(n):
        Participation.objects.create(
            round=round_, person=made.young(organisation), age_band="14-16", **fields
        )


def test_turnout_suppresses_small_numbers_and_refreshes_itself(
    client_for: Clients, organisation: Organisation, round_: Round
) -> None:
    councillor = factories.person_with_role(Role.COUNCILLOR, organisation)
    _voters(round_, organisation, 15, channel=Participation.Channel.ONLINE)
    _voters(round_, organisation, 3, channel=Participation.Channel.PAPER)
    client = client_for(councillor)
    response = client.get(_round_url("budgeting:turnout", round_))
    assert response["Refresh"] == "60"
    assert "Cache-Control" in response
    assert "no-store" in response["Cache-Control"]
    assert "<meta http-equiv" not in response.content.decode()
    text = _text(response)
    assert re.search(r"Young people who have voted</dt> <dd [^>]*>18<", text)
    # Paper (3) is under 10; tablets (0) too; so online is not shown either.
    channels = text[text.index("By how they voted") :]
    assert channels.count("fewer than 10") == 2
    assert "not shown" in channels
    assert ">15<" not in channels
    stopped = client.get(_round_url("budgeting:turnout", round_), {"refresh": "off"})
    assert "Refresh" not in stopped
    assert "Update it every minute" in _text(stopped)


def test_turnout_costs_the_same_queries_however_many_voted(
    client_for: Clients, admin: Person, organisation: Organisation, round_: Round
) -> None:
    Area.objects.create(round=round_, name="North")
    client = client_for(admin)
    url = _round_url("budgeting:turnout", round_)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _voters(round_, organisation, 2, channel=Participation.Channel.ONLINE)
    queries()  # the first request reads what the session caches
    few = queries()
    _voters(round_, organisation, 20, channel=Participation.Channel.KIOSK)
    assert queries() == few


def test_a_young_person_never_sees_turnout(
    client_for: Clients, young_person: Person, round_: Round
) -> None:
    assert client_for(young_person).get(_round_url("budgeting:turnout", round_)).status_code == 403


def test_a_paper_typed_in_twice_says_plainly_what_became_of_it() -> None:
    # Every state a paper reaches after its second entry has its own words, whole sentences
    assert set(ALREADY_TYPED_TWICE) == set(PaperEntry.Status) - {PaperEntry.Status.WAITING}
    for words in ALREADY_TYPED_TWICE.values():
        assert str(words).endswith(".")
        assert ":" not in str(words)
