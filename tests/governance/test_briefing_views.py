"""The briefing and the private question through the Django client: what a member reads,
who else is refused, the question form's messages, and its confirmation."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.governance.models import BriefingQuestion, Meeting
from tests import factories
from tests.governance.factories import BoardFactory, seat_for
from tests.governance.factories_briefing import Briefed, briefed_board, question

pytestmark = pytest.mark.django_db


def _url(briefed: Briefed, name: str = "governance:briefing", *more: object) -> str:
    return reverse(name, args=[briefed.board.organisation.slug, briefed.meeting.public_id, *more])


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_member_reads_the_briefing_with_papers_words_and_who_else_is_there(client):
    briefed = briefed_board()
    Meeting.objects.filter(pk=briefed.meeting.pk).update(papers_published_at=timezone.now())
    client.force_login(briefed.member.user)
    response = client.get(_url(briefed))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = _text(response)
    assert "Riverside Youth Centre, upstairs room" in page
    assert briefed.board.purpose in page
    assert "Should the club open on Saturdays?" in page
    assert "How much money the youth club has to spend next year." in page
    # the words the agenda and papers use, linked to the glossary, and not the others
    assert "A suggestion the board votes on." in page
    assert "Choosing and paying for a service." in page
    assert "quorum" not in page.lower().split("words you might not know")[1].split("who else")[0]
    assert (
        reverse("governance:glossary", args=[briefed.board.organisation.slug]) + "#term-motion"
        in page
    )
    # who else: display names and seat roles, not the visitor
    assert "Jo" in page
    assert "Chair" in page
    assert "Ms Patel" in page
    assert "I didn't understand something / I want to raise something" in page


def test_before_the_papers_are_published_none_are_shown_and_the_page_says_when(client):
    briefed = briefed_board()
    client.force_login(briefed.member.user)
    page = _text(client.get(_url(briefed)))
    assert "Papers are usually ready a week before" in page
    assert "How much money the youth club has to spend next year." not in page


@pytest.mark.parametrize("name", ["governance:briefing", "governance:question-send"])
def test_a_member_of_another_board_or_staff_without_a_seat_is_refused(client, name):
    briefed = briefed_board()
    other_board = BoardFactory(organisation=briefed.board.organisation)
    other = seat_for(other_board, "young_person").holder
    for person in (other, briefed.support_worker):
        client.force_login(person.user)
        assert client.get(_url(briefed, name)).status_code == 403
        body = {"idempotency_key": str(uuid.uuid4()), "kind": "want_to_raise", "to": "chair",
                "text": "Let me in"}  # fmt: skip
        assert client.post(_url(briefed, name), body).status_code == 403
    assert not BriefingQuestion.objects.exists()


def test_the_question_form_shows_its_messages_and_sends_nothing_when_wrong(client):
    briefed = briefed_board()
    client.force_login(briefed.member.user)
    response = client.post(_url(briefed, "governance:question-send"), {
        "idempotency_key": str(uuid.uuid4()), "text": "x" * 2001})  # fmt: skip
    page = _text(response)
    assert "govuk-error-summary" in page
    assert "Select what your question is about." in page
    assert "Select who you want to read it." in page
    assert "Your question must be 2000 characters or fewer." in page
    assert "This field is required" not in page
    assert not BriefingQuestion.objects.exists()


def test_a_question_sent_says_who_will_read_it_and_that_nobody_else_will(client):
    briefed = briefed_board()
    client.force_login(briefed.member.user)
    form = _text(client.get(_url(briefed, "governance:question-send")))
    assert "The chair of the board" in form
    assert "The support worker for the board" in form
    response = client.post(_url(briefed, "governance:question-send"), {
        "idempotency_key": str(uuid.uuid4()), "kind": "did_not_understand",
        "to": "support_worker", "text": "What is a budget?"})  # fmt: skip
    sent = BriefingQuestion.objects.get()
    assert response["Location"] == _url(briefed, "governance:question-sent", sent.public_id)
    confirmation = client.get(response["Location"])
    assert confirmation["Cache-Control"] == "no-store"
    page = _text(confirmation)
    assert "Sam, the support worker for the board, will read it." in page
    assert "Nobody else will read it" in page
    # and it is on the member's briefing, with no answer yet
    briefing = _text(client.get(_url(briefed)))
    assert "What is a budget?" in briefing
    assert "No answer yet" in briefing
    assert "Sam, the support worker" in briefing


def test_with_no_chair_or_support_worker_the_form_says_the_admins_read_it(client):
    briefed = briefed_board(chair=False, support_worker=False)
    client.force_login(briefed.member.user)
    page = _text(client.get(_url(briefed, "governance:question-send")))
    assert "Who do you want to read it?" not in page
    assert "who look after its boards (its admins) will read it" in page
    body = {"idempotency_key": str(uuid.uuid4()), "kind": "want_to_raise", "text": "The bus"}
    response = client.post(_url(briefed, "governance:question-send"), body)
    assert response.status_code == 302


def test_a_young_person_never_sees_another_members_question(client):
    briefed = briefed_board()
    asked = question(briefed, text="A private worry about the budget")
    # another member of the same board
    client.force_login(briefed.chair.user)
    assert "A private worry" not in _text(client.get(_url(briefed)))
    assert client.get(_url(briefed, "governance:question-sent", asked.public_id)).status_code == 403
    # and the sender does see it, with its answer when there is one
    BriefingQuestion.objects.filter(pk=asked.pk).update(
        reply="We will explain it first.", replied_by=briefed.chair, replied_at=timezone.now()
    )
    client.force_login(briefed.member.user)
    page = _text(client.get(_url(briefed)))
    assert "A private worry about the budget" in page
    assert "We will explain it first." in page


def test_someone_from_another_organisation_gets_not_found_or_refused(client):
    briefed = briefed_board()
    outsider = factories.person_with_role("org_admin", factories.OrganisationFactory())
    client.force_login(outsider.user)
    assert client.get(_url(briefed)).status_code in (403, 404)


def test_the_briefing_takes_the_same_queries_however_many_questions(
    client, django_assert_max_num_queries
):
    briefed = briefed_board()
    client.force_login(briefed.member.user)
    question(briefed)
    with django_assert_max_num_queries(40) as captured:
        client.get(_url(briefed))
    for n in range(5):
        question(briefed, text=f"Question {n}")
    with django_assert_max_num_queries(len(captured)):
        client.get(_url(briefed))


def test_the_form_sent_twice_makes_one_question(client):
    briefed = briefed_board()
    client.force_login(briefed.member.user)
    body = {"idempotency_key": str(uuid.uuid4()), "kind": "want_to_raise", "to": "chair",
            "text": "Can we talk about the bus?"}  # fmt: skip
    first = client.post(_url(briefed, "governance:question-send"), body)
    again = client.post(_url(briefed, "governance:question-send"), body)
    assert first["Location"] == again["Location"]
    assert BriefingQuestion.objects.count() == 1
