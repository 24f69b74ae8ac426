"""Recruiting board members through the Django client: staff pages for calls and
applications, and applying one question per page."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.governance.models import Application, Call, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.views.applying import APPLY_SESSION_KEY
from tests import factories
from tests.governance.factories import BoardFactory
from tests.governance.factories_recruitment import ApplicationFactory, CallFactory
from tests.snapshots import changed_tables, rows_snapshot

pytestmark = pytest.mark.django_db


def _signed_in(client, role, organisation, **kwargs):
    person = factories.person_with_role(role, organisation, **kwargs)
    client.force_login(person.user)
    return person


def _url(name, organisation, *args):
    return reverse(f"governance:{name}", args=[organisation.slug, *args])


# Staff ---------------------------------------------------------------------------------------


def test_opening_a_call_sent_empty_says_what_is_missing_in_plain_words(client):
    board = BoardFactory()
    _signed_in(client, Role.WORKER, board.organisation)
    response = client.post(_url("call-open", board.organisation, board.public_id), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter a title for the call." in page
    assert "Enter what joining the board means." in page
    assert "Select who the call is for." in page
    assert "Enter the closing date" in page
    assert "This field is required" not in page
    assert not Call.objects.exists()


def test_opening_a_call_with_a_past_date_is_refused_on_the_date(client):
    board = BoardFactory()
    _signed_in(client, Role.WORKER, board.organisation)
    response = client.post(
        _url("call-open", board.organisation, board.public_id),
        {
            "idempotency_key": str(uuid.uuid4()),
            "title": "Join the board",
            "description": "We meet monthly.",
            "constituency": "young_person",
            "places": "2",
            "closes_on_day": "1",
            "closes_on_month": "1",
            "closes_on_year": "2020",
        },
    )
    assert "The closing date must be in the future." in response.content.decode()
    assert not Call.objects.exists()


def test_a_calls_applications_list_shows_display_names_and_status_in_constant_queries(
    client, django_assert_max_num_queries
):
    call = CallFactory()
    organisation = call.board.organisation
    ApplicationFactory(call=call, person=factories.person_with_role(
        Role.YOUNG_PERSON, organisation, display_name="Sam"
    ))  # fmt: skip
    _signed_in(client, Role.WORKER, organisation)
    url = _url("call-applications", organisation, call.public_id)
    with django_assert_max_num_queries(25) as captured:
        response = client.get(url)
    page = response.content.decode()
    assert "Sam" in page
    assert "Received" in page
    assert "weekends" not in page  # the answers are on each application's own page
    assert response["Cache-Control"] == "no-store"
    for _ in range(3):
        ApplicationFactory(call=call)
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_a_board_with_no_calls_says_what_will_appear(client):
    board = BoardFactory()
    _signed_in(client, Role.WORKER, board.organisation)
    response = client.get(_url("board-calls", board.organisation, board.public_id))
    assert "no calls for new members yet" in response.content.decode()


def test_a_worker_cannot_see_another_organisations_call_or_applications(client):
    application = ApplicationFactory()
    _signed_in(client, Role.WORKER, factories.OrganisationFactory(slug="elsewhere"))
    elsewhere = factories.OrganisationFactory.build(slug="elsewhere")
    for name, public_id in [
        ("call-applications", application.call.public_id),
        ("application-detail", application.public_id),
        ("application-select", application.public_id),
    ]:
        response = client.get(_url(name, elsewhere, public_id))
        assert response.status_code == 404, name
        assert b"weekends" not in response.content


def test_the_application_page_shows_the_answers_and_is_not_stored(client):
    application = ApplicationFactory()
    _signed_in(client, Role.WORKER, application.call.board.organisation)
    response = client.get(
        _url("application-detail", application.call.board.organisation, application.public_id)
    )
    page = response.content.decode()
    assert "I want the youth club to open at weekends." in page
    assert "Someone to come with me the first time." in page
    assert "Select for a seat" in page
    assert response["Cache-Control"] == "no-store"


def test_selecting_through_the_page_gives_the_seat(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    seat = Seat.objects.create(board=application.call.board, constituency="young_person")
    _signed_in(client, Role.WORKER, organisation)
    url = _url("application-select", organisation, application.public_id)
    empty = client.post(url, {})
    assert "Select a vacant seat." in empty.content.decode()
    assert "Enter a message to the applicant, in plain words." in empty.content.decode()
    response = client.post(url, {"seat": str(seat.pk), "outcome_message": "Welcome!"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.holder == application.person


def test_selecting_someone_with_no_consent_shows_the_seats_message_and_changes_nothing(client):
    call = CallFactory()
    organisation = call.board.organisation
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, consent=False)
    application = ApplicationFactory(call=call, person=person)
    seat = Seat.objects.create(board=call.board, constituency="young_person")
    _signed_in(client, Role.WORKER, organisation)
    before = rows_snapshot()
    response = client.post(
        _url("application-select", organisation, application.public_id),
        {"seat": str(seat.pk), "outcome_message": "Welcome!"},
    )
    assert response.status_code == 200
    assert "cannot take a seat until they" in response.content.decode()
    assert not changed_tables(before, rows_snapshot())


def test_no_vacant_seat_says_to_add_one(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    _signed_in(client, Role.WORKER, organisation)
    response = client.get(_url("application-select", organisation, application.public_id))
    assert "There is no vacant seat" in response.content.decode()


def test_not_selected_through_the_page_then_deciding_again_is_refused_plainly(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    _signed_in(client, Role.WORKER, organisation)
    url = _url("application-decline", organisation, application.public_id)
    assert client.post(url, {"outcome_message": "Thank you."}).status_code == 302
    again = client.post(url, {"outcome_message": "Thank you again."})
    assert "This application has already been decided." in again.content.decode()
    application.refresh_from_db()
    assert application.outcome_message == "Thank you."


def test_closing_a_call_early_through_its_confirm_page(client):
    call = CallFactory()
    _signed_in(client, Role.WORKER, call.board.organisation)
    url = _url("call-close", call.board.organisation, call.public_id)
    assert "Close this call now?" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 302
    call.refresh_from_db()
    assert call.closed_at is not None


# Young people and residents ----------------------------------------------------------------


def test_join_a_board_lists_open_calls_of_the_organisation_in_constant_queries(
    client, django_assert_max_num_queries
):
    call = CallFactory(title="Join the youth board")
    organisation = call.board.organisation
    CallFactory(board=call.board, title="An old call", closed_at=timezone.now())
    CallFactory(title="Another organisation's call")
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    url = _url("call-list", organisation)
    with django_assert_max_num_queries(25) as captured:
        response = client.get(url)
    page = response.content.decode()
    assert "Join the youth board" in page
    assert "An old call" not in page
    assert "Another organisation" not in page
    for _ in range(3):
        CallFactory(board=BoardFactory(organisation=organisation))
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_join_a_board_with_nothing_open_says_what_will_appear(client):
    organisation = factories.OrganisationFactory()
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    response = client.get(_url("call-list", organisation))
    assert "No boards are looking for new members right now" in response.content.decode()


def test_applying_one_question_per_page_keeps_the_answers_in_the_session(client):
    # given an open call and a young person
    call = CallFactory()
    organisation = call.board.organisation
    person = _signed_in(client, Role.YOUNG_PERSON, organisation)
    args = (organisation, call.public_id)
    # when they answer each question (the first sent empty first)
    empty = client.post(_url("application-why", *args), {})
    assert "Tell us why you want to join." in empty.content.decode()
    steps = [
        ("application-why", {"why": "I want more for young people."}, "application-bring"),
        ("application-bring", {"bring": ""}, "application-support"),
        ("application-support", {"support_needed": "An interpreter"}, "application-check"),
    ]
    for name, body, following in steps:
        response = client.post(_url(name, *args), body)
        assert response["Location"] == _url(following, *args)
        assert "?" not in response["Location"]  # the answers are never in the address
    assert client.session[APPLY_SESSION_KEY]["why"] == "I want more for young people."
    # then "check your answers" shows them, and sending makes the application
    check = client.get(_url("application-check", *args))
    page = check.content.decode()
    assert "I want more for young people." in page
    assert "An interpreter" in page
    assert check["Cache-Control"] == "no-store"
    key = client.session[APPLY_SESSION_KEY]["key"]
    sent = client.post(_url("application-check", *args), {"idempotency_key": key})
    application = Application.objects.get(call=call, person=person)
    assert sent["Location"] == _url("application-sent", organisation, application.public_id)
    assert application.bring == ""
    assert APPLY_SESSION_KEY not in client.session
    panel = client.get(sent["Location"]).content.decode()
    assert "Application sent" in panel
    # and the call's page now says they applied, with no way to apply again
    detail = client.get(_url("call-detail", *args)).content.decode()
    assert "You applied on" in detail
    assert client.get(_url("application-why", *args))["Location"] == _url("call-detail", *args)


def test_changing_an_answer_from_check_your_answers_comes_back_to_it(client):
    call = CallFactory()
    _signed_in(client, Role.YOUNG_PERSON, call.board.organisation)
    args = (call.board.organisation, call.public_id)
    client.post(_url("application-why", *args), {"why": "I care"})
    client.post(_url("application-bring", *args), {"bring": ""})
    client.post(_url("application-support", *args), {"support_needed": ""})
    client.get(_url("application-check", *args))
    # when they change what they would bring
    page = client.get(_url("application-bring", *args)).content.decode()
    assert _url("application-check", *args) in page  # "Back" goes to check your answers
    response = client.post(_url("application-bring", *args), {"bring": "I am good at art"})
    # then they are back on check your answers, with the new answer
    assert response["Location"] == _url("application-check", *args)
    assert "I am good at art" in client.get(response["Location"]).content.decode()


def test_a_decided_application_shows_the_seat_and_who_decided(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    seat = Seat.objects.create(board=application.call.board, constituency="young_person")
    worker = _signed_in(client, Role.WORKER, organisation, display_name="Priya")
    client.post(
        _url("application-select", organisation, application.public_id),
        {"seat": str(seat.pk), "outcome_message": "Welcome to the board!"},
    )
    page = client.get(_url("application-detail", organisation, application.public_id))
    text = page.content.decode()
    assert "Selected" in text
    assert worker.display_name in text
    assert "Welcome to the board!" in text
    assert "Select for a seat" not in text


def test_a_later_step_without_the_earlier_answers_goes_back_to_the_first_question(client):
    call = CallFactory()
    _signed_in(client, Role.YOUNG_PERSON, call.board.organisation)
    args = (call.board.organisation, call.public_id)
    response = client.get(_url("application-check", *args))
    assert response["Location"] == _url("application-why", *args)


def test_applying_twice_to_one_call_is_refused_plainly_on_check_your_answers(client):
    call = CallFactory()
    organisation = call.board.organisation
    person = _signed_in(client, Role.YOUNG_PERSON, organisation)
    args = (organisation, call.public_id)
    client.post(_url("application-why", *args), {"why": "I care"})
    client.post(_url("application-bring", *args), {"bring": ""})
    client.post(_url("application-support", *args), {"support_needed": ""})
    ApplicationFactory(call=call, person=person)  # sent meanwhile, from another tab
    response = client.post(_url("application-check", *args), {"idempotency_key": str(uuid.uuid4())})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You have already applied through this call." in page
    assert Application.objects.filter(call=call).count() == 1


def test_a_closed_or_past_call_takes_no_applications_through_the_pages(client):
    closed = CallFactory(closed_at=timezone.now())
    organisation = closed.board.organisation
    past = CallFactory(board=closed.board, closes_on=timezone.localdate() - dt.timedelta(days=1))
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    for call in (closed, past):
        args = (organisation, call.public_id)
        response = client.post(_url("application-why", *args), {"why": "I care"})
        assert response["Location"] == _url("call-detail", *args)
        detail = client.get(_url("call-detail", *args)).content.decode()
        assert "This call has closed" in detail
        assert _url("application-why", *args) not in detail
    assert not Application.objects.exists()


def test_a_call_closing_while_someone_checks_their_answers_refuses_plainly(client):
    call = CallFactory()
    organisation = call.board.organisation
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    args = (organisation, call.public_id)
    client.post(_url("application-why", *args), {"why": "I care"})
    client.post(_url("application-bring", *args), {"bring": ""})
    client.post(_url("application-support", *args), {"support_needed": ""})
    Call.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    response = client.post(_url("application-check", *args), {"idempotency_key": str(uuid.uuid4())})
    assert response["Location"] == _url("call-detail", *args)
    assert not Application.objects.exists()


def test_your_applications_shows_status_and_the_message_in_constant_queries(
    client, django_assert_max_num_queries
):
    organisation = factories.OrganisationFactory()
    person = _signed_in(client, Role.YOUNG_PERSON, organisation)
    board = BoardFactory(organisation=organisation)
    ApplicationFactory(
        call=CallFactory(board=board),
        person=person,
        status=Application.Status.NOT_SELECTED,
        decided_at=timezone.now(),
        outcome_message="Thank you. Come to the youth forum instead.",
    )
    ApplicationFactory(call=CallFactory(title="Somebody else's call"))
    url = _url("application-mine", organisation)
    with django_assert_max_num_queries(25) as captured:
        response = client.get(url)
    page = response.content.decode()
    assert "Not selected this time" in page
    assert "Come to the youth forum instead." in page
    assert "Somebody else" not in page
    assert response["Cache-Control"] == "no-store"
    for _ in range(3):
        ApplicationFactory(call=CallFactory(board=board), person=person)
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_no_applications_says_what_will_appear(client):
    organisation = factories.OrganisationFactory()
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    response = client.get(_url("application-mine", organisation))
    assert "You have not applied to join a board yet" in response.content.decode()


def test_withdrawing_your_own_application_through_its_confirm_page(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    client.force_login(application.person.user)
    url = _url("application-withdraw", organisation, application.public_id)
    assert "Withdraw your application?" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response["Location"] == _url("application-mine", organisation)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_someone_else_cannot_open_or_withdraw_your_application(client):
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    _signed_in(client, Role.YOUNG_PERSON, organisation)
    for name in ("application-withdraw", "application-sent"):
        url = _url(name, organisation, application.public_id)
        assert client.get(url).status_code == 403
    assert (
        client.post(_url("application-withdraw", organisation, application.public_id)).status_code
        == 403
    )
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED


def test_a_decided_application_cannot_be_withdrawn_through_the_page(client):
    application = ApplicationFactory(status=Application.Status.SELECTED, decided_at=timezone.now())
    organisation = application.call.board.organisation
    client.force_login(application.person.user)
    response = client.post(_url("application-withdraw", organisation, application.public_id), {})
    assert "This application has been decided, so it cannot be withdrawn." in (
        response.content.decode()
    )


def test_a_residents_call_is_for_parents_too(client):
    call = CallFactory(constituency=Constituency.RESIDENT)
    _signed_in(client, Role.PARENT_CARER, call.board.organisation)
    detail = client.get(_url("call-detail", call.board.organisation, call.public_id))
    assert "Resident, parent or service user" in detail.content.decode()
