"""Voting online with the test client: the first page says whether you can vote, each kind of
ballot paper takes its choices and keeps a running total, check your answers sends one vote
however often it is sent, and the confirmation gives the receipt."""

from __future__ import annotations

import datetime as dt
import re
import uuid
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
from alongside.budgeting.models import Area, Ballot, Participation, PollingStation, Round
from tests import factories
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db


def _url(name: str, round_: Round) -> str:
    return reverse(f"budgeting:{name}", args=[round_.public_id])


def _voter(organisation: Organisation, age: int = 15) -> tuple[Person, Client]:
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=age)
    client = Client()
    assert person.user is not None
    client.force_login(person.user)
    return person, client


def _text(response: Any) -> str:
    return response.content.decode()


def _key(response: Any) -> str:
    """The idempotency key in the page's hidden field."""
    found = re.search(r'name="idempotency_key" value="([0-9a-f-]+)"', _text(response))
    assert found, _text(response)[:2000]
    return found.group(1)


def _send(client: Client, round_: Round) -> Any:
    """Check your answers, then send (with the key the page was shown with)."""
    check = client.get(_url("vote-check", round_))
    assert check.status_code == 200, check.status_code
    return client.post(_url("vote-check", round_), {"idempotency_key": _key(check)})


# The first page ---------------------------------------------------------------------------


def test_an_eligible_young_person_sees_the_rules_and_a_start_button(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation, max_choices=2)
    _person, client = _voter(organisation)
    response = client.get(_url("vote-start", round_))
    page = _text(response)
    assert response.status_code == 200
    assert "You can choose up to 2 projects." in page
    assert "Projects that the most people can share the cost of get the money first" in page
    assert "Start now" in page
    assert _url("vote-choose", round_) in page
    assert response["Cache-Control"] == "no-store"


def test_a_26_year_old_is_told_clearly_they_cannot_vote(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, max_age=25)
    _person, client = _voter(organisation, age=26)
    # (their first visit moves them on from the youth offer and tells them so, once: ADR 12)
    told = reverse("accounts:community-member")
    assert client.get(_url("vote-start", round_))["Location"] == told
    assert client.get(told).status_code == 200
    page = _text(client.get(_url("vote-start", round_)))
    assert (
        "This round is for young people aged 11 to 25 on the day voting closes. "
        "You cannot vote in it." in page
    )
    assert "Start now" not in page
    # And the later pages are not theirs, with nothing cast
    assert client.get(_url("vote-choose", round_)).status_code == 403
    assert client.post(_url("vote-choose", round_), {"projects": ["1"]}).status_code == 403
    assert not Participation.objects.exists()


def test_25_now_and_26_when_voting_closes_is_too_old_for_the_round(
    organisation: Organisation,
) -> None:
    # Given an organisation whose youth offer runs to 25, and a round closing in two months
    Organisation.objects.filter(pk=organisation.pk).update(youth_offer_upper_age=25)
    round_ = budget_factories.voting_round(
        organisation, max_age=25, closes_in=dt.timedelta(days=62)
    )
    closing = timezone.localtime(round_.voting_closes_at).date()
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, birth_month=closing.month, birth_year=closing.year - 26
    )
    assert person.age == 25
    client = Client()
    assert person.user is not None
    client.force_login(person.user)
    page = _text(client.get(_url("vote-start", round_)))
    assert "aged 11 to 25 on the day voting closes. You cannot vote in it." in page
    assert client.get(_url("vote-choose", round_))["Location"] == _url("vote-start", round_)
    assert client.post(_url("vote-choose", round_), {"projects": ["1"]}).status_code == 302
    assert not Participation.objects.exists()


def test_anyone_can_read_the_rules_and_is_told_whether_they_can_vote(
    organisation: Organisation, other_organisation: Organisation, worker: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    anonymous = _text(Client().get(_url("vote-start", round_)))
    assert "Sign in to vote" in anonymous
    assert "You can choose up to 3 projects." in anonymous
    staff = Client()
    assert worker.user is not None
    staff.force_login(worker.user)
    assert "Only young people can vote in this round." in _text(
        staff.get(_url("vote-start", round_))
    )
    _outsider, elsewhere = _voter(other_organisation)
    assert "Only young people taking part in Riverside Youth Service" in _text(
        elsewhere.get(_url("vote-start", round_))
    )


def test_someone_whose_age_is_not_known_is_told_who_can_add_it(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    person, client = _voter(organisation)
    Person.objects.filter(pk=person.pk).update(birth_year=None, birth_month=None)
    assert "Ask a youth worker to add your month and year of birth" in _text(
        client.get(_url("vote-start", round_))
    )


def test_before_voting_opens_and_after_it_closes_there_is_no_start_button(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    _person, client = _voter(organisation)
    later = timezone.now() + dt.timedelta(days=2)
    Round.objects.filter(pk=round_.pk).update(voting_opens_at=later)
    page = _text(client.get(_url("vote-start", round_)))
    assert "Voting has not started yet" in page
    assert "Start now" not in page
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.COUNTING, voting_opens_at=timezone.now() - dt.timedelta(days=3)
    )
    page = _text(client.get(_url("vote-start", round_)))
    assert "Voting in this round has closed." in page
    assert "Start now" not in page


def test_a_round_still_being_set_up_is_not_found(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.SETUP)
    _person, client = _voter(organisation)
    assert client.get(_url("vote-start", round_)).status_code == 404


def test_someone_who_voted_on_paper_is_told_they_cannot_vote_online(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    person, client = _voter(organisation)
    station = PollingStation.objects.create(
        round=round_,
        name="Riverside youth club",
        opens_at=round_.voting_opens_at,
        closes_at=round_.voting_closes_at,
    )
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    services.voter_check_in(actor=worker, station=station, person=person, paper=True)
    page = _text(client.get(_url("vote-start", round_)))
    assert "You voted on paper at a polling station" in page
    assert "Start now" not in page


# Each kind of ballot paper --------------------------------------------------------------


KINDS: list[tuple[str, dict[str, Any], dict[str, Any], list[int], list[int] | None]] = [
    ("choose_up_to", {"max_choices": 2}, {"projects": ["3", "1"]}, [1, 3], None),
    ("choose_one", {}, {"project": "2"}, [2], None),
    ("approval_budget", {}, {"projects": ["1", "2"]}, [1, 2], None),
    ("points", {"points_to_share": 10}, {"points_1": "7", "points_3": "3"}, [1, 3], [7, 3]),
    ("rank", {"max_choices": 2}, {"rank_1": "3", "rank_2": "1"}, [3, 1], None),
]


@pytest.mark.parametrize(("kind", "settings", "body", "choices", "points"), KINDS)
def test_each_kind_of_ballot_is_chosen_checked_and_sent(
    organisation: Organisation,
    kind: str,
    settings: dict[str, Any],
    body: dict[str, Any],
    choices: list[int],
    points: list[int] | None,
) -> None:
    # Given a round with that kind of ballot, costing £10,000, £20,000 and £30,000
    round_ = budget_factories.voting_round(organisation, ballot_kind=kind, **settings)
    person, client = _voter(organisation)
    # When the young person opens the ballot paper, each project shows with its cost
    paper = client.get(_url("vote-choose", round_))
    assert paper.status_code == 200
    assert "£20,000<br>Something young people asked for." in _text(paper)
    assert "Update my total" in _text(paper)
    assert "budgeting/vote-total.js" in _text(paper)
    # And asks for their total without JavaScript: the same page, with the total
    updated = client.post(_url("vote-choose", round_), {**body, "update": "1"})
    assert updated.status_code == 200
    assert "govuk-error-summary" not in _text(updated)
    assert "£40,000" in _text(updated) or "£20,000" in _text(updated)
    # When they continue, check and send
    assert client.post(_url("vote-choose", round_), body)["Location"] == _url("vote-check", round_)
    check = client.get(_url("vote-check", round_))
    assert "Project 1" in _text(check) or "Project 2" in _text(check)
    sent = _send(client, round_)
    # Then one ballot holds their choices, and the confirmation shows its receipt
    assert sent["Location"] == _url("vote-done", round_)
    ballot = Ballot.objects.get(participation__person=person)
    assert (ballot.choices, ballot.points) == (choices, points)
    assert ballot.channel == Ballot.Channel.ONLINE
    done = client.get(_url("vote-done", round_))
    assert ballot.receipt_code in _text(done)
    assert "Keep this code" in _text(done)
    assert done["Cache-Control"] == "no-store"


def test_the_running_total_without_javascript_shows_what_is_left_and_any_problem(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(
        organisation, ballot_kind=Round.BallotKind.APPROVAL_WITHIN_BUDGET, budget_pence=4_000_000
    )
    _person, client = _voter(organisation)
    within = _text(client.post(_url("vote-choose", round_), {"projects": ["1"], "update": "1"}))
    assert "£10,000" in within
    assert "£30,000" in within  # left in the £40,000 budget
    over = client.post(_url("vote-choose", round_), {"projects": ["2", "3"], "update": "1"})
    assert "£10,000 over the budget" in _text(over)
    assert "The projects you chose cost more than the budget." in _text(over)
    # And nothing chosen, asking only for the total, is not an error
    empty = client.post(_url("vote-choose", round_), {"update": "1"})
    assert "govuk-error-summary" not in _text(empty)


REFUSED: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("choose_up_to", {"max_choices": 1}, {"projects": ["1", "2"]}, "up to 1 project."),
    ("choose_up_to", {}, {}, "Choose at least one project."),
    ("choose_one", {}, {}, "Choose at least one project."),
    ("approval_budget", {}, {"projects": ["2", "3"]}, "cost more than the budget"),
    ("points", {"points_to_share": 5}, {"points_1": "4", "points_2": "3"}, "up to 5 points"),
    ("points", {"points_to_share": 5}, {"points_1": "lots"}, "whole number, like 3"),
    ("rank", {"max_choices": 2}, {"rank_1": "1", "rank_2": "1"}, "the same project twice"),
    ("choose_up_to", {}, {"projects": ["9"]}, "is not on this ballot. Choose again."),
    ("choose_one", {}, {"project": "9"}, "is not on this ballot. Choose again."),
    ("rank", {"max_choices": 2}, {"rank_1": "9"}, "is not on this ballot. Choose again."),
]


@pytest.mark.parametrize(("kind", "settings", "body", "message"), REFUSED)
def test_a_ballot_the_rules_do_not_allow_is_shown_again_with_the_reason(
    organisation: Organisation,
    kind: str,
    settings: dict[str, Any],
    body: dict[str, Any],
    message: str,
) -> None:
    round_ = budget_factories.voting_round(
        organisation, ballot_kind=kind, budget_pence=4_000_000, **settings
    )
    _person, client = _voter(organisation)
    response = client.post(_url("vote-choose", round_), body)
    assert response.status_code == 200
    assert "govuk-error-summary" in _text(response)
    assert message in _text(response)
    # And check your answers cannot be reached with it
    assert client.get(_url("vote-check", round_))["Location"] == _url("vote-choose", round_)
    assert not Ballot.objects.exists()


# Sending, once --------------------------------------------------------------------------


def test_sending_twice_casts_one_vote_and_shows_the_same_receipt(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    person, client = _voter(organisation)
    client.post(_url("vote-choose", round_), {"projects": ["1"]})
    key = _key(client.get(_url("vote-check", round_)))
    first = client.post(_url("vote-check", round_), {"idempotency_key": key})
    again = client.post(_url("vote-check", round_), {"idempotency_key": key})
    assert first["Location"] == again["Location"] == _url("vote-done", round_)
    ballot = Ballot.objects.get()
    assert ballot.receipt_code in _text(client.get(_url("vote-done", round_)))
    # And going back to check your answers shows the receipt, not a second vote
    assert client.get(_url("vote-check", round_))["Location"] == _url("vote-done", round_)
    # And the first page shows the receipt, with no way to vote again
    start = _text(client.get(_url("vote-start", round_)))
    assert ballot.receipt_code in start
    assert "Change your vote" not in start
    assert Participation.objects.filter(person=person).count() == 1


def test_the_key_is_made_once_when_the_ballot_paper_is_first_shown(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    _person, client = _voter(organisation)
    client.get(_url("vote-choose", round_))
    key = client.session["alongside_vote"]["key"]
    client.get(_url("vote-choose", round_))
    client.post(_url("vote-choose", round_), {"projects": ["2"]})
    assert client.session["alongside_vote"]["key"] == key
    assert _key(client.get(_url("vote-check", round_))) == key


def test_a_second_vote_with_another_key_is_refused_with_the_reason(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    person, client = _voter(organisation)
    services.ballot_cast(
        actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
    )
    # (a tab left open from before the vote)
    client.post(_url("vote-choose", round_), {"projects": ["2"]})
    session = client.session
    session["alongside_vote"] = {
        "round": str(round_.public_id),
        "key": str(uuid.uuid4()),
        "choices": [2],
        "points": None,
    }
    session.save()
    refused = client.post(_url("vote-check", round_), {"idempotency_key": str(uuid.uuid4())})
    assert "You have already voted in this round." in _text(refused)
    assert Ballot.objects.count() == 1


def test_a_vote_is_changed_where_the_round_allows_it_and_the_last_counts(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation, ballots_can_change=True)
    _person, client = _voter(organisation)
    client.post(_url("vote-choose", round_), {"projects": ["1"]})
    _send(client, round_)
    first = Ballot.objects.get()
    start = _text(client.get(_url("vote-start", round_)))
    assert "Change your vote" in start
    # When they change it: a new ballot paper with a new key
    client.get(_url("vote-choose", round_))
    client.post(_url("vote-choose", round_), {"projects": ["2", "3"]})
    _send(client, round_)
    # Then the last counts, the first is kept as replaced, and the receipt is the new one
    first.refresh_from_db()
    current = Ballot.objects.get(superseded_at__isnull=True)
    assert first.superseded_at is not None
    assert current.choices == [2, 3]
    assert current.receipt_code in _text(client.get(_url("vote-done", round_)))


def test_staff_and_other_organisations_cannot_open_the_ballot_paper(
    organisation: Organisation, other_organisation: Organisation, worker: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    staff = Client()
    assert worker.user is not None
    staff.force_login(worker.user)
    assert staff.get(_url("vote-choose", round_)).status_code == 403
    _outsider, elsewhere = _voter(other_organisation)
    assert elsewhere.get(_url("vote-choose", round_)).status_code == 403
    assert Client().get(_url("vote-choose", round_)).status_code == 302


def test_done_before_voting_goes_back_to_the_first_page(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    _person, client = _voter(organisation)
    assert client.get(_url("vote-done", round_))["Location"] == _url("vote-start", round_)
    assert client.get(_url("vote-check", round_))["Location"] == _url("vote-choose", round_)


# Areas ----------------------------------------------------------------------------------


def _round_with_areas(organisation: Organisation) -> tuple[Round, Area, Area]:
    round_ = budget_factories.round_(organisation)
    north = Area.objects.create(round=round_, name="North", budget_pence=2_500_000)
    south = Area.objects.create(round=round_, name="South", budget_pence=2_500_000)
    budget_factories.proposal(round_, 1, 1_000_000, area=north)
    budget_factories.proposal(round_, 2, 2_000_000, area=north)
    budget_factories.proposal(round_, 3, 1_500_000, area=south)
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.VOTING,
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + dt.timedelta(days=7),
        max_choices=2,
    )
    round_.refresh_from_db()
    return round_, north, south


def test_a_round_by_area_asks_the_area_first_and_shows_only_its_projects(
    organisation: Organisation,
) -> None:
    round_, north, south = _round_with_areas(organisation)
    person, client = _voter(organisation)
    assert _url("vote-area", round_) in _text(client.get(_url("vote-start", round_)))
    assert client.get(_url("vote-choose", round_))["Location"] == _url("vote-area", round_)
    empty = client.post(_url("vote-area", round_), {})
    assert "Select your area" in _text(empty)
    client.post(_url("vote-area", round_), {"area": str(south.pk)})
    paper = _text(client.get(_url("vote-choose", round_)))
    assert "Project 3" in paper
    assert "Project 1" not in paper
    client.post(_url("vote-choose", round_), {"projects": ["3"]})
    # When they change their area on check your answers, their choices go (another paper)
    assert "South" in _text(client.get(_url("vote-check", round_)))
    assert client.post(_url("vote-area", round_), {"area": str(north.pk)})["Location"] == _url(
        "vote-choose", round_
    )
    client.post(_url("vote-choose", round_), {"projects": ["1", "2"]})
    _send(client, round_)
    ballot = Ballot.objects.get(participation__person=person)
    assert (ballot.area, ballot.choices) == (north, [1, 2])


def test_an_area_of_another_round_is_not_a_choice(organisation: Organisation) -> None:
    round_, _north, _south = _round_with_areas(organisation)
    other, elsewhere, _ = _round_with_areas(organisation)
    _person, client = _voter(organisation)
    response = client.post(_url("vote-area", round_), {"area": str(elsewhere.pk)})
    assert "Select your area" in _text(response)
    assert other.pk != round_.pk


# My votes -------------------------------------------------------------------------------


def test_my_votes_lists_the_rounds_voted_in_with_receipts_in_constant_queries(
    organisation: Organisation,
) -> None:
    person, client = _voter(organisation)
    empty = client.get(reverse("budgeting:my-votes"))
    assert "You have not voted in a youth budget round yet." in _text(empty)

    def vote_in_a_new_round() -> str:
        round_ = budget_factories.voting_round(organisation)
        cast = services.ballot_cast(
            actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
        )
        return cast.ballot.receipt_code

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("budgeting:my-votes"))
        assert response.status_code == 200
        return len(captured)

    receipts = [vote_in_a_new_round()]
    one = queries()
    receipts += [vote_in_a_new_round(), vote_in_a_new_round()]
    assert queries() == one
    response = client.get(reverse("budgeting:my-votes"))
    assert all(code in _text(response) for code in receipts)
    assert response["Cache-Control"] == "no-store"


def test_the_ballot_paper_and_check_your_vote_ask_the_same_queries_however_many_projects(
    organisation: Organisation,
) -> None:
    few = budget_factories.voting_round(organisation, costs=(1_000_000, 2_000_000))
    many = budget_factories.voting_round(
        organisation, costs=tuple(range(100_000, 2_500_000, 100_000))
    )
    _person, client = _voter(organisation)

    def queries(round_: Round) -> tuple[int, int]:
        counts = []
        for name in ("vote-choose", "vote-check"):
            client.post(_url("vote-choose", round_), {"projects": ["1", "2"]})
            with CaptureQueriesContext(connection) as captured:
                assert client.get(_url(name, round_)).status_code == 200
            counts.append(len(captured))
        return counts[0], counts[1]

    assert queries(few) == queries(many)
