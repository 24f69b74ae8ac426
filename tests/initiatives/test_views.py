"""The initiative pages: the list's queries stay flat, the open page says what is missing, the
public pages show what they should and never a young person's name."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.initiatives.models import Initiative
from tests import factories
from tests.initiatives import factories as made

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _add(organisation, actor, count: int) -> None:
    for n in range(count):
        build = (made.initiative, made.opened)[n % 2]
        build(
            organisation, actor=actor, title=f"Initiative {n}", forms=("co-design", "co-delivery")
        )


@pytest.mark.parametrize("url_name", ["initiatives:initiative-list", "initiatives:take-part"])
def test_the_lists_make_the_same_queries_for_5_and_50_initiatives(
    client_for, organisation, worker, url_name
):
    # Given 5 initiatives (and a first visit, so the session exists)
    actor = factories.actor(worker)
    client = client_for(worker)
    url = reverse(url_name, args=[organisation.slug])
    _add(organisation, actor, 5)
    client.get(url)
    five = _queries(client, url)
    # When there are 50 (two pages)
    _add(organisation, actor, 45)
    # Then the page makes the same number of queries
    assert _queries(client, url) == five


def test_the_api_makes_the_same_queries_for_5_and_50_initiatives(client, organisation, worker):
    actor = factories.actor(worker)
    url = f"/api/v1/organisations/{organisation.slug}/initiatives"
    _add(organisation, actor, 10)
    five = _queries(client, url)
    _add(organisation, actor, 90)
    assert _queries(client, url) == five


def test_the_list_filters_by_stage_and_is_honest_when_empty(client_for, organisation, worker):
    client = client_for(worker)
    url = reverse("initiatives:initiative-list", args=[organisation.slug])
    assert "There are no initiatives yet." in client.get(url).content.decode()
    made.initiative(organisation, actor=factories.actor(worker), title="Plan A")
    page = client.get(url, {"stage": "open"}).content.decode()
    assert "Plan A" not in page
    assert "No initiatives are at this stage." in page
    assert "Plan A" in client.get(url, {"stage": "planning"}).content.decode()


def test_open_it_lists_what_is_missing_and_refuses(client_for, organisation, worker):
    # Given an initiative with nothing answered yet
    initiative = made.initiative(organisation, actor=factories.actor(worker))
    client = client_for(worker)
    url = reverse("initiatives:initiative-open", args=[organisation.slug, initiative.public_id])
    # When the worker opens the "Open it" page, it says what is still to do
    page = client.get(url).content.decode()
    assert "Answer every question on the checklist (0 of 13 answered so far)." in page
    assert "Say who makes the decision this initiative feeds." in page
    # And pressing the button is refused with the same words, and it stays in planning
    response = client.post(url, {})
    assert response.status_code == 200
    assert "You cannot open it yet." in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.stage == Initiative.Stage.PLANNING


def test_the_create_form_makes_one_initiative_when_sent_twice(client_for, organisation, worker):
    client = client_for(worker)
    url = reverse("initiatives:initiative-create", args=[organisation.slug])
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Peer mentors",
        "purpose": "Older students mentor younger ones.",
        "forms": ["co-delivery"],
    }
    first = client.post(url, body)
    second = client.post(url, body)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Initiative.objects.count() == 1


def test_the_create_form_says_what_is_missing_in_our_words(client_for, organisation, worker):
    url = reverse("initiatives:initiative-create", args=[organisation.slug])
    page = client_for(worker).post(url, {"idempotency_key": str(uuid.uuid4())}).content.decode()
    assert "Enter a name for the initiative" in page
    assert "Enter what the initiative is for" in page
    assert "Select at least one form of co-production" in page


def test_the_forms_page_shows_each_form_s_description_and_example(client_for, organisation, worker):
    initiative = made.initiative(organisation, actor=factories.actor(worker))
    url = reverse("initiatives:initiative-forms", args=[organisation.slug, initiative.public_id])
    page = client_for(worker).get(url).content.decode()
    assert "Young people judge the quality and the results of a service." in page
    assert "acting as inspectors" in page


def test_dates_that_end_before_they_start_are_refused_on_the_form(client_for, organisation, worker):
    initiative = made.initiative(organisation, actor=factories.actor(worker))
    url = reverse("initiatives:initiative-dates", args=[organisation.slug, initiative.public_id])
    page = client_for(worker).post(
        url,
        {
            "starts_day": "4",
            "starts_month": "6",
            "starts_year": "2026",
            "ends_day": "31",
            "ends_month": "2",
            "ends_year": "2026",
        },
    )
    assert "The date it ends must be a real date" in page.content.decode()
    initiative.refresh_from_db()
    assert initiative.starts_on is None


def test_a_low_rung_shows_a_warning(client_for, organisation, worker):
    initiative = made.initiative(organisation, actor=factories.actor(worker))
    client = client_for(worker)
    url = reverse("initiatives:initiative-ladder", args=[organisation.slug, initiative.public_id])
    client.post(url, {"claimed_rung": "2", "agenda_set_by": "adults", "decided_by": "adults"})
    for name in ("initiatives:initiative-setup", "initiatives:initiative-detail"):
        page = client.get(reverse(name, args=[organisation.slug, initiative.public_id]))
        assert "not participation" in page.content.decode()


def test_the_public_page_never_names_a_young_person_on_the_team(client, organisation, worker):
    # Given an open initiative with a young person and a worker on its team
    actor = factories.actor(worker)
    initiative = made.opened(organisation, actor=actor)
    young = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Kai Otter")
    made.on_team(initiative, young, actor)
    made.on_team(initiative, worker, actor, role="Lead worker")
    # When anyone opens its public page
    page = client.get(reverse("initiatives:initiative-public", args=[initiative.public_id]))
    text = page.content.decode()
    # Then it shows the roles, the worker's name, who decides and how to take part
    assert "Youth inspector" in text
    assert worker.display_name in text
    assert "The youth service manager" in text
    assert "Come to the youth club on Tuesdays" in text
    # And never the young person's name
    assert "Kai Otter" not in text


def test_a_councillor_sees_roles_not_names_on_the_staff_page(
    client_for, organisation, worker, person_with_role
):
    actor = factories.actor(worker)
    initiative = made.opened(organisation, actor=actor)
    young = person_with_role(Role.YOUNG_PERSON, display_name="Kai Otter")
    made.on_team(initiative, young, actor)
    councillor = person_with_role(Role.COUNCILLOR)
    url = reverse("initiatives:initiative-detail", args=[organisation.slug, initiative.public_id])
    assert "Kai Otter" not in client_for(councillor).get(url).content.decode()
    assert "Kai Otter" in client_for(worker).get(url).content.decode()


def test_an_initiative_being_planned_has_no_public_page(client, organisation):
    initiative = made.initiative(organisation)
    response = client.get(reverse("initiatives:initiative-public", args=[initiative.public_id]))
    assert response.status_code == 404


def test_take_part_lists_open_initiatives_only(client, organisation):
    made.initiative(organisation, title="Still planning")
    made.opened(organisation, title="Open now")
    page = client.get(reverse("initiatives:take-part", args=[organisation.slug])).content.decode()
    assert "Open now" in page
    assert "Still planning" not in page


def test_take_part_is_honest_when_nothing_is_open(client, organisation):
    page = client.get(reverse("initiatives:take-part", args=[organisation.slug])).content.decode()
    assert "Nothing is open to take part in right now." in page


def test_the_api_lists_public_fields_of_initiatives_that_have_opened(client, organisation):
    made.initiative(organisation, title="Still planning")
    opened = made.opened(organisation, title="Open now", forms=("co-design",))
    response = client.get(f"/api/v1/organisations/{organisation.slug}/initiatives")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item == {
        "id": str(opened.public_id),
        "title": "Open now",
        "purpose": opened.purpose,
        "forms": [{"code": "co-design", "name": "Co-design"}],
        "stage": "open",
        "starts_on": "2026-06-04",
        "ends_on": "2026-07-31",
        "decision_maker": "The youth service manager",
    }


def test_the_api_says_an_unknown_organisation_is_not_found(client):
    response = client.get("/api/v1/organisations/nowhere/initiatives")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
