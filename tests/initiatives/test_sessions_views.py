"""The session pages: what they show, whom they show it to, and what each costs in queries."""

from __future__ import annotations

import datetime as dt
import html
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
from alongside.core.limits import column_length
from alongside.core.models import AuditEvent
from alongside.initiatives.forms_sessions import FindForm, NewPersonForm
from alongside.initiatives.models import Attendance, Session
from tests import factories
from tests.initiatives.factories_sessions import attend, initiative_in, session_in

pytestmark = pytest.mark.django_db


def _detail(organisation: Organisation, session: Session) -> str:
    return reverse("initiatives:session-detail", args=[organisation.slug, session.public_id])


def _text(response: Any) -> str:
    """What the page says, tags taken out."""
    body = response.content.decode().split("<main", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _hidden(response: Any, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert found, f"no {name} on the page"
    return found.group(1)


def test_recording_a_session_from_the_form_leads_to_its_page(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given a worker on the "Record a session" page of an initiative
    initiative = initiative_in(organisation)
    client = client_for(worker)
    url = reverse("initiatives:session-record", args=[organisation.slug, initiative.public_id])
    shown = client.get(url)
    key = _hidden(shown, "idempotency_key")
    day = timezone.localdate() - dt.timedelta(days=3)
    body = {
        "idempotency_key": key,
        "held_on_day": day.day,
        "held_on_month": day.month,
        "held_on_year": day.year,
        "place": Session.Place.SCHOOL,
        "duration_minutes": 75,
        "basis": "sanction",
    }
    # When they send it, twice (a double tap)
    first = client.post(url, body)
    second = client.post(url, body)
    # Then there is one session, and both land on its page
    session = Session.objects.get()
    assert first["Location"] == second["Location"] == _detail(organisation, session)
    assert (session.held_on, session.place, session.duration_minutes) == (day, "school", 75)
    # And time a youth panel ordered is kept as such, so it earns no time credits
    assert session.basis == "sanction"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on_day": ""}, "Enter the day of the session"),
        ({"held_on_day": 31, "held_on_month": 2}, "The date of the session must be a real date"),
        ({"held_on_year": 2999}, "The date of the session must be today or in the past"),
        ({"place": ""}, "Select the kind of place it was held"),
        ({"duration_minutes": 0}, "How long it ran must be at least 1 minute"),
        ({"duration_minutes": 1441}, "1440 minutes (24 hours) or less"),
        ({"basis": ""}, "Select why people were there"),
    ],
)
def test_the_session_form_says_what_is_wrong_in_our_words(
    worker: Person,
    organisation: Organisation,
    client_for: Callable[..., Client],
    change: dict[str, Any],
    message: str,
) -> None:
    initiative = initiative_in(organisation)
    url = reverse("initiatives:session-record", args=[organisation.slug, initiative.public_id])
    body = {
        "held_on_day": 1,
        "held_on_month": 1,
        "held_on_year": timezone.localdate().year,
        "place": "youth_club",
        "duration_minutes": 60,
        "basis": "chosen",
        **change,
    }
    response = client_for(worker).post(url, body)
    assert response.status_code == 200
    assert message in _text(response)
    assert "govuk-error-summary" in response.content.decode()
    assert not Session.objects.exists()


def test_the_session_page_shows_who_came_and_who_waits_for_a_parent(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given a session with an 8-year-old waiting for consent and a consented young person
    session = session_in(organisation, duration_minutes=90)
    child = factories.offline_person(organisation, age=8, display_name="Ash")
    teen = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Kai", age=15)
    attend(session, child, 45)
    attend(session, teen, 90)
    # When a worker opens it
    before = AuditEvent.objects.count()
    response = client_for(worker).get(_detail(organisation, session))
    text = _text(response)
    # Then each person is listed with their minutes, and Ash waits for a parent's consent
    assert "Ash Waiting for a parent's consent" in text
    assert "Kai Waiting" not in text
    assert "45 minutes" in text
    assert "1 hour 30 minutes" in text
    # And looking at who came is in the audit trail
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-id")[0].action == "initiatives.session.view"


def test_the_session_page_links_to_adding_what_was_said_there(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given a session
    session = session_in(organisation)
    # When its worker opens it
    response = client_for(worker).get(_detail(organisation, session))
    # Then "Add what was said" opens the recording page set to this session
    url = reverse("voice:contribution-record", args=[organisation.slug])
    assert "Add what was said" in _text(response)
    assert f'{url}?session={session.public_id}"' in response.content.decode()


def _session_page_queries(client: Client, organisation: Organisation, session: Session) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_detail(organisation, session))
    assert response.status_code == 200
    return len(queries)


def test_the_session_page_takes_the_same_queries_for_3_or_30_people(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given two sessions of one initiative, one with 3 people and one with 30
    initiative = initiative_in(organisation)
    small = session_in(organisation, initiative=initiative)
    large = session_in(organisation, initiative=initiative)
    for session, count in ((small, 3), (large, 30)):
        for n in range(count):
            person = factories.offline_person(organisation, age=10 + n % 8)
            attend(session, person, 30)
    client = client_for(worker)
    client.get(_detail(organisation, small))  # warm the per-request caches alike
    # When each page is opened, Then both take the same number of queries
    assert _session_page_queries(client, organisation, small) == _session_page_queries(
        client, organisation, large
    )


def test_the_list_of_sessions_takes_the_same_queries_for_2_or_20(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    few, many = initiative_in(organisation), initiative_in(organisation)
    for initiative, count in ((few, 2), (many, 20)):
        for _ in range(count):
            attend(
                session_in(organisation, initiative=initiative),
                factories.offline_person(organisation),
            )
    client = client_for(worker)

    def queries(initiative: Any) -> int:
        url = reverse("initiatives:session-list", args=[organisation.slug, initiative.public_id])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries(few)
    assert queries(few) == queries(many)


def test_sessions_to_record_lists_open_initiatives_only(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    initiative_in(organisation, title="Skate park")
    initiative_in(
        organisation, title="Old survey", stage="closed", feedback_given_at=timezone.now()
    )
    other = factories.OrganisationFactory(slug="elsewhere")
    initiative_in(other, title="Someone else's")
    text = _text(
        client_for(worker).get(reverse("initiatives:sessions-to-record", args=[organisation.slug]))
    )
    assert "Skate park" in text
    assert "Old survey" not in text
    assert "Someone else" not in text


def test_an_empty_initiative_says_no_sessions_yet(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    initiative = initiative_in(organisation)
    url = reverse("initiatives:session-list", args=[organisation.slug, initiative.public_id])
    assert "No sessions have been recorded" in _text(client_for(worker).get(url))


def test_find_lists_nobody_until_a_name_is_typed_and_then_at_most_20(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given 25 members called Sam and a session
    for n in range(25):
        factories.offline_person(organisation, display_name=f"Sam {n:02}")
    factories.offline_person(factories.OrganisationFactory(slug="elsewhere"), display_name="Sam X")
    session = session_in(organisation)
    url = reverse("initiatives:session-find", args=[organisation.slug, session.public_id])
    client = client_for(worker)
    # When the page is opened with no name, Then nobody is listed
    assert "Sam" not in _text(client.get(url))
    # When "sam" is searched, Then 20 are shown, with a note to type more, none from elsewhere
    response = client.get(url, {"q": "sam"})
    assert response.content.decode().count('name="person"') == 20
    assert "Type more of the name" in _text(response)
    assert "Sam X" not in _text(response)


def test_find_then_add_puts_them_on_the_session_once(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    session = session_in(organisation, duration_minutes=60)
    young = factories.offline_person(organisation, display_name="Rui")
    url = reverse("initiatives:session-find", args=[organisation.slug, session.public_id])
    client = client_for(worker)
    for _ in range(2):
        response = client.post(url, {"person": young.public_id, "minutes": 50})
        assert response["Location"] == _detail(organisation, session)
    assert Attendance.objects.get().minutes == 50
    # And the search then says they are already on it
    assert "Already on this session" in _text(client.get(url, {"q": "Rui"}))


def test_find_says_by_the_box_when_minutes_are_longer_than_the_session(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    session = session_in(organisation, duration_minutes=60)
    young = factories.offline_person(organisation, display_name="Rui")
    url = reverse("initiatives:session-find", args=[organisation.slug, session.public_id])
    response = client_for(worker).post(f"{url}?q=Rui", {"person": young.public_id, "minutes": 61})
    page = response.content.decode()
    assert 'href="#id_minutes"' in page
    assert 'id="id_minutes-error"' in page
    assert "Minutes must be 60 or fewer" in _text(response)
    assert not Attendance.objects.exists()


def test_find_refuses_someone_from_another_organisation(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    stranger = factories.offline_person(factories.OrganisationFactory(slug="elsewhere"))
    session = session_in(organisation)
    url = reverse("initiatives:session-find", args=[organisation.slug, session.public_id])
    response = client_for(worker).post(url, {"person": stranger.public_id, "minutes": 30})
    assert response.status_code == 200
    assert "That person is not part of this organisation." in _text(response)
    assert not Attendance.objects.exists()


def test_minutes_longer_than_the_session_are_refused_on_the_form(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    session = session_in(organisation, duration_minutes=60)
    young = factories.offline_person(organisation)
    attend(session, young, 30)
    url = reverse(
        "initiatives:session-attendance-change",
        args=[organisation.slug, session.public_id, young.public_id],
    )
    response = client_for(worker).post(url, {"minutes": 61})
    assert "Minutes must be 60 or fewer" in _text(response)
    assert Attendance.objects.get().minutes == 30


def test_adding_someone_with_no_sign_in_from_the_session_page(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    # Given the session page, whose "Add someone who has no sign-in" form carries a key
    session = session_in(organisation, duration_minutes=60)
    client = client_for(worker)
    page = client.get(_detail(organisation, session))
    key = _hidden(page, "idempotency_key")
    url = reverse("initiatives:session-person-add", args=[organisation.slug, session.public_id])
    body = {
        "idempotency_key": key,
        "display_name": "Bo",
        "birth_month": 5,
        "birth_year": timezone.localdate().year - 10,
        "minutes": 60,
    }
    # When it is sent twice
    client.post(url, body)
    client.post(url, body)
    # Then Bo is one person, on the session once, and the page shows them waiting for consent
    assert Person.objects.filter(display_name="Bo").count() == 1
    assert Attendance.objects.filter(session=session).count() == 1
    assert "Bo Waiting for a parent's consent" in _text(client.get(_detail(organisation, session)))


def test_adding_someone_new_without_a_birth_says_what_is_missing(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    session = session_in(organisation)
    url = reverse("initiatives:session-person-add", args=[organisation.slug, session.public_id])
    response = client_for(worker).post(url, {"display_name": "Bo", "minutes": 30})
    text = _text(response)
    assert "Enter the month of birth" in text
    assert "Enter the year of birth" in text
    assert not Person.objects.filter(display_name="Bo").exists()


def test_remove_asks_first_then_takes_them_off(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    session = session_in(organisation)
    young = factories.offline_person(organisation, display_name="Ola")
    attend(session, young)
    url = reverse(
        "initiatives:session-attendance-remove",
        args=[organisation.slug, session.public_id, young.public_id],
    )
    client = client_for(worker)
    assert "Ola will no longer be shown" in _text(client.get(url))
    assert Attendance.objects.exists()
    assert client.post(url, {})["Location"] == _detail(organisation, session)
    assert not Attendance.objects.exists()


def test_a_session_of_another_organisation_is_not_found(
    worker: Person, organisation: Organisation, client_for: Callable[..., Client]
) -> None:
    other = factories.OrganisationFactory(slug="elsewhere")
    theirs = session_in(other)
    response = client_for(worker).get(_detail(organisation, theirs))
    assert response.status_code == 404
    missing = reverse("initiatives:session-detail", args=[organisation.slug, uuid.uuid4()])
    assert client_for(worker).get(missing).status_code == 404


def test_the_text_boxes_hold_what_their_columns_hold() -> None:
    limit = column_length(Person, "display_name")
    session = Session(duration_minutes=60)
    assert NewPersonForm(session=session).fields["display_name"].max_length == limit
    assert FindForm().fields["q"].max_length == limit
    form = NewPersonForm(
        {"display_name": "A" * (limit + 1), "birth_month": 1, "birth_year": 2014, "minutes": 5},
        session=session,
    )
    assert not form.is_valid()
    assert form.errors["display_name"] == [
        f"Use {limit} characters or fewer. You used {limit + 1}."
    ]
    nul = NewPersonForm(
        {"display_name": "A\x00", "birth_month": 1, "birth_year": 2014, "minutes": 5},
        session=session,
    )
    assert not nul.is_valid()
    assert "hidden character" in nul.errors["display_name"][0]
