"""The set-up pages with the Django test client: the list and its empty state, starting a
round (and what to do without an initiative), the task list, each section's form, moving on,
and the public pages and rules in English and Welsh."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.budgeting import navigation
from alongside.budgeting.models import Area, Round
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories as made
from tests.initiatives import factories as initiative_factories

pytestmark = pytest.mark.django_db

Stage = Round.Stage


@pytest.fixture
def staff(client_for, worker) -> Any:
    return client_for(worker)


def _url(name: str, round_: Round, **kwargs: Any) -> str:
    return reverse(name, args=[round_.organisation.slug, round_.public_id], kwargs=kwargs or None)


def _page(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The list and starting a round ---------------------------------------------------------------


def test_the_list_is_honest_when_empty_and_its_queries_stay_flat(staff, organisation, worker):
    url = reverse("budgeting:round-list", args=[organisation.slug])
    assert "There are no youth budget rounds yet. Start one" in _page(staff.get(url))
    actor = factories.actor(worker)
    for _ in range(3):
        made.round_(organisation, actor=actor)
    three = _queries(staff, url)
    for _ in range(27):
        made.round_(organisation, actor=actor)
    page = _page(staff.get(url))
    assert page.count("Youth budget 2026</a>") == 25
    assert "?page=2" in page
    assert _queries(staff, url) == three


def test_without_a_co_prioritisation_initiative_a_round_cannot_start(staff, organisation, worker):
    initiative_factories.initiative(
        organisation, actor=factories.actor(worker), forms=("co-design",)
    )
    page = _page(staff.get(reverse("budgeting:round-create", args=[organisation.slug])))
    assert "This organisation has no such initiative yet" in page
    assert reverse("initiatives:initiative-create", args=[organisation.slug]) in page
    assert 'name="title"' not in page


def test_a_round_is_started_once_however_often_the_form_is_sent(staff, organisation, worker):
    initiative = initiative_factories.initiative(organisation, actor=factories.actor(worker))
    url = reverse("budgeting:round-create", args=[organisation.slug])
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "initiative": str(initiative.public_id),
        "title": "Youth budget 2027",
        "budget": "£20,000.50",
    }
    first = staff.post(url, body)
    second = staff.post(url, body)
    round_ = Round.objects.get()
    assert first["Location"] == second["Location"] == _url("budgeting:round-detail", round_)
    assert round_.budget_pence == 2_000_050


def test_starting_a_round_says_what_is_wrong_in_our_words(staff, organisation, worker):
    initiative_factories.initiative(organisation, actor=factories.actor(worker))
    url = reverse("budgeting:round-create", args=[organisation.slug])
    page = _page(staff.post(url, {"idempotency_key": str(uuid.uuid4()), "budget": "lots"}))
    assert "Select the initiative the round is part of" in page
    assert "Enter a name for the round" in page
    assert "Enter the budget in pounds, like 20,000 or 20,000.50" in page
    assert not Round.objects.exists()


# The task list -------------------------------------------------------------------------------


def test_the_task_list_says_which_sections_are_done_and_links_each(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    page = _page(staff.get(_url("budgeting:round-detail", round_)))
    assert "You have completed 0 of 6 sections." in page
    assert page.count("Incomplete") == 6
    assert _url("budgeting:round-ballot", round_) in page
    made.set_up(round_)
    page = _page(staff.get(_url("budgeting:round-detail", round_)))
    assert "You have completed 6 of 6 sections." in page
    assert page.count("Completed") == 6
    assert "Incomplete" not in page
    assert "Move to 'Rules agreed'" in page


def test_a_councillor_sees_the_task_list_without_links(client_for, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    councillor = factories.person_with_role(Role.COUNCILLOR, organisation)
    page = _page(client_for(councillor).get(_url("budgeting:round-detail", round_)))
    assert "Incomplete" in page
    assert _url("budgeting:round-ballot", round_) not in page
    assert _url("budgeting:round-stage", round_) not in page


def test_run_the_round_links_to_every_sub_areas_page(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    page = _page(staff.get(_url("budgeting:round-detail", round_)))
    assert "Run the round" in page
    for _text, name in navigation.ROUND_PAGES:
        assert _url(name, round_) in page


def test_once_voting_opens_the_sections_say_so_and_refuse(staff, organisation):
    voting = made.voting_round(organisation)
    detail = _page(staff.get(_url("budgeting:round-detail", voting)))
    assert "Voting has opened, so these settings cannot change now." in detail
    assert _url("budgeting:round-ballot", voting) not in detail
    url = _url("budgeting:round-eligibility", voting)
    assert "cannot change now" in _page(staff.get(url))
    refused = _page(staff.post(url, {"min_age": "5", "max_age": "25", "members_only": "no"}))
    assert "The rules young people vote by are the rules their votes are counted by." in refused
    assert Round.objects.get().max_age == 19


# The sections --------------------------------------------------------------------------------


def test_about_shows_what_is_saved_and_saves_it(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker), budget_pence=1_234_550)
    url = _url("budgeting:round-about", round_)
    assert 'value="12345.50"' in _page(staff.get(url))
    response = staff.post(url, {"title": "New name", "summary": "Why.", "budget": "3,000"})
    assert response["Location"] == _url("budgeting:round-detail", round_)
    round_.refresh_from_db()
    assert (round_.title, round_.budget_pence, round_.setup_saved) == (
        "New name",
        300_000,
        ["about"],
    )


def test_areas_can_be_added_a_few_rows_at_a_time_keeping_what_was_typed(
    staff, organisation, worker
):
    round_ = made.round_(organisation, actor=factories.actor(worker), budget_pence=1_000_000)
    url = _url("budgeting:round-areas", round_)
    page = _page(staff.get(url))
    assert 'name="area_3_name"' in page
    assert 'name="area_4_name"' not in page
    typed = {"rows": "3", "area_voting": "own", "area_1_name": "Northside", "add_rows": "1"}
    more = _page(staff.post(url, typed))
    assert 'name="area_6_name"' in more
    assert 'value="Northside"' in more
    assert "There is a problem" not in more
    assert not Area.objects.exists()
    saved = staff.post(
        url,
        {
            "rows": "6",
            "area_voting": "own",
            "area_1_name": "Northside",
            "area_1_budget": "6,000",
            "area_5_name": "Eastgate",
            "area_5_budget": "4000",
        },
    )
    assert saved.status_code == 302
    assert dict(Area.objects.values_list("name", "budget_pence")) == {
        "Northside": 600_000,
        "Eastgate": 400_000,
    }


def test_areas_that_add_up_to_more_than_the_budget_are_refused(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker), budget_pence=1_000_000)
    page = _page(
        staff.post(
            _url("budgeting:round-areas", round_),
            {
                "rows": "3",
                "area_voting": "own",
                "area_1_name": "Northside",
                "area_1_budget": "6,000",
                "area_2_name": "Eastgate",
                "area_2_budget": "6,000",
                "area_3_budget": "10",
            },
        )
    )
    assert "Enter a name for this area, or clear it" in page
    page = _page(
        staff.post(
            _url("budgeting:round-areas", round_),
            {
                "rows": "3",
                "area_voting": "own",
                "area_1_name": "Northside",
                "area_1_budget": "6,000",
                "area_2_name": "Eastgate",
                "area_2_budget": "6,000",
            },
        )
    )
    assert "add up to £12,000, more than the round&#39;s budget of £10,000" in page
    assert not Area.objects.exists()


def test_dates_take_a_day_month_year_and_a_time_for_voting(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    url = _url("budgeting:round-dates", round_)
    page = _page(staff.post(url, {"voting_opens_day": "31", "voting_opens_month": "2"}))
    assert "The date voting opens must include a day, a month and a year" in page
    assert "Enter the date voting closes" in page
    # And the summary's link leads to the day box, the one element with that id
    assert 'href="#id_voting_opens_day"' in page
    assert page.count('id="id_voting_opens_day"') == 1
    body = {
        "voting_opens_day": "4",
        "voting_opens_month": "6",
        "voting_opens_year": "2030",
        "voting_opens_time": "9",
        "voting_closes_day": "30",
        "voting_closes_month": "2",
        "voting_closes_year": "2030",
        "voting_closes_time": "5pm",
    }
    page = _page(staff.post(url, body))
    assert "Enter a time, like 9am, 5:30pm or 17:00" in page
    assert "The date voting closes must be a real date" in page
    body |= {"voting_opens_time": "9:30am", "voting_closes_day": "18", "voting_closes_month": "6"}
    assert staff.post(url, body).status_code == 302
    round_.refresh_from_db()
    assert timezone.localtime(round_.voting_opens_at) == timezone.make_aware(
        dt.datetime(2030, 6, 4, 9, 30)
    )
    assert timezone.localtime(round_.voting_closes_at).hour == 17
    # And the saved times are shown as they were typed
    assert 'value="9:30am"' in _page(staff.get(url))


def test_the_ballot_asks_for_the_number_its_kind_needs(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    url = _url("budgeting:round-ballot", round_)
    page = _page(
        staff.post(url, {"ballot_kind": "points", "rule": "mes", "ballots_can_change": "no"})
    )
    assert "Enter how many points each young person shares out, from 1 to 1,000" in page
    assert "Select what happens to money left over" in page
    response = staff.post(
        url,
        {
            "ballot_kind": "rank",
            "max_choices": "4",
            "rule": "greedy",
            "ballots_can_change": "yes",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.ballot_kind, round_.max_choices, round_.completion) == ("rank", 4, "none")
    assert 'value="4"' in _page(staff.get(url))


def test_eligibility_and_proposers_save(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    page = _page(
        staff.post(
            _url("budgeting:round-eligibility", round_),
            {"min_age": "18", "max_age": "12", "members_only": "yes"},
        )
    )
    assert "The oldest age must be the same as or more than the youngest" in page
    assert "Enter the youngest age, from 5 to 25" in _page(
        staff.post(_url("budgeting:round-eligibility", round_), {"min_age": "4"})
    )
    assert "Select who can put forward ideas" in _page(
        staff.post(_url("budgeting:round-proposers", round_), {})
    )
    staff.post(_url("budgeting:round-proposers", round_), {"proposers": ["groups"]})
    round_.refresh_from_db()
    assert (round_.young_people_may_propose, round_.groups_may_propose) == (False, True)


# Moving on -----------------------------------------------------------------------------------


def test_the_stage_page_says_what_is_missing_and_refuses(staff, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    url = _url("budgeting:round-stage", round_)
    page = _page(staff.get(url))
    assert "Finish these sections of the set-up list: About the round, Areas" in page
    refused = _page(staff.post(url, {"to": "rules"}))
    assert "There is a problem" in refused
    assert Round.objects.get().stage == Stage.SETUP


def test_moving_on_twice_from_the_same_page_moves_once(staff, organisation, worker):
    round_ = made.set_up(made.round_(organisation, actor=factories.actor(worker)))
    url = _url("budgeting:round-stage", round_)
    assert staff.post(url, {"to": "rules"}).status_code == 302
    assert staff.post(url, {"to": "rules"}).status_code == 302
    assert Round.objects.get().stage == Stage.RULES
    assert AuditEvent.objects.filter(action="budgeting.round.stage").count() == 1
    page = _page(staff.get(_url("budgeting:round-detail", round_)))
    assert reverse("budgeting:round-rules", args=[round_.public_id]) in page


def test_past_voting_the_stage_page_points_to_the_count(staff, organisation):
    voting = made.voting_round(organisation)
    page = _page(staff.get(_url("budgeting:round-stage", voting)))
    assert "it moves on from its count page, and after the results from its delivery page" in page


# Public pages --------------------------------------------------------------------------------


def test_a_round_being_set_up_is_not_public(client, organisation, worker):
    round_ = made.round_(organisation, actor=factories.actor(worker))
    assert client.get(reverse("budgeting:round-public", args=[round_.public_id])).status_code == 404
    assert client.get(reverse("budgeting:round-rules", args=[round_.public_id])).status_code == 404
    listing = _page(client.get(reverse("budgeting:round-public-list", args=[organisation.slug])))
    assert "There are no youth budgets here yet." in listing


def test_the_public_page_shows_the_round_its_money_dates_and_how_to_vote(client, organisation):
    voting = made.voting_round(organisation, summary="Share out £50,000.")
    url = reverse("budgeting:round-public", args=[voting.public_id])
    page = _page(client.get(url))
    assert "Share out £50,000." in page
    assert "£50,000" in page
    assert "You can choose up to 3 projects." in page
    assert "Voting opens on" in page
    # And a start button leads to the vote
    assert reverse("budgeting:vote-start", args=[voting.public_id]) in page
    assert "Vote now" in page


def test_the_rules_page_is_in_welsh_when_the_site_is(client, organisation):
    voting = made.voting_round(organisation)
    url = reverse("budgeting:round-rules", args=[voting.public_id])
    english = _page(client.get(url))
    assert "How the vote works" in english
    assert "Projects that the most people can share the cost of get the money first." in english
    client.get(reverse("home:language", args=["cy"]), {"next": url})
    welsh = _page(client.get(url))
    assert '<html lang="cy"' in welsh
    assert "Sut mae&#39;r bleidlais yn gweithio" in welsh
    assert "Gallwch ddewis hyd at 3 prosiect." in welsh
    assert "You can choose" not in welsh


def test_the_public_list_shows_rounds_past_set_up(client, organisation, worker):
    made.round_(organisation, actor=factories.actor(worker))
    voting = made.voting_round(organisation, title="Spend it")
    page = _page(client.get(reverse("budgeting:round-public-list", args=[organisation.slug])))
    assert reverse("budgeting:round-public", args=[voting.public_id]) in page
    assert page.count('href="/rounds/') == 1


# The young person's home page ----------------------------------------------------------------


def test_a_young_person_is_asked_to_vote_in_rounds_open_to_them(client_for, organisation):
    voting = made.voting_round(organisation, title="Spend it")
    made.voting_round(organisation, title="Older ones", min_age=18, max_age=25)
    fifteen = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    client = client_for(fifteen)
    page = _page(client.get("/"))
    assert "Vote in Spend it" in page
    assert reverse("budgeting:vote-start", args=[voting.public_id]) in page
    assert "Vote in Older ones" not in page
