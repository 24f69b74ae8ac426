"""The questions inbox and the answer page through the Django client: each reader sees only
the questions sent to them, unanswered first; an answer is given once; the pages are not kept
in a shared cache; the inbox's queries do not grow with its questions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.governance.models import BriefingQuestion
from tests import factories
from tests.governance.factories_briefing import Briefed, briefed_board, question

pytestmark = pytest.mark.django_db


def _inbox(briefed: Briefed) -> str:
    return reverse("governance:question-inbox", args=[briefed.board.organisation.slug])


def _reply(briefed: Briefed, asked: BriefingQuestion) -> str:
    return reverse(
        "governance:question-reply", args=[briefed.board.organisation.slug, asked.public_id]
    )


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def _seen(client, briefed: Briefed, person) -> str:  # type: ignore[no-untyped-def]
    client.force_login(person.user)
    response = client.get(_inbox(briefed))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return _text(response)


def test_each_reader_sees_only_the_questions_sent_to_them(client):
    briefed = briefed_board()
    question(briefed, to="chair", text="For the chair")
    question(briefed, to="support_worker", text="For the support worker")
    admin = factories.person_with_role("org_admin", briefed.board.organisation)
    staff = factories.person_with_role("commissioner", briefed.board.organisation)
    chair, worker = (
        _seen(client, briefed, briefed.chair),
        _seen(client, briefed, briefed.support_worker),
    )
    assert chair.count("Read and answer") == 1
    assert worker.count("Read and answer") == 1
    # another member, the admins (the board has both a chair and a support worker), other staff
    for person in (briefed.officer, briefed.member, admin, staff):
        page = _seen(client, briefed, person)
        assert "Read and answer" not in page
        assert "No questions for you." in page


def test_the_admins_read_questions_when_the_board_has_no_one_to_read_them(client):
    briefed = briefed_board(chair=False, support_worker=False)
    question(briefed, to="support_worker", text="Nobody to ask")
    admin = factories.person_with_role("org_admin", briefed.board.organisation)
    assert _seen(client, briefed, admin).count("Read and answer") == 1
    assert "Read and answer" not in _seen(client, briefed, briefed.support_worker)


def test_unanswered_questions_come_first(client):
    briefed = briefed_board()
    for text in ("Answered", "Waiting", "Also answered"):
        other = factories.person_with_role("young_person", briefed.board.organisation)
        question(briefed, person=other, text=text)
    BriefingQuestion.objects.exclude(text="Waiting").update(
        reply="Yes", replied_by=briefed.chair, replied_at=timezone.now()
    )
    page = _seen(client, briefed, briefed.chair)
    assert page.index("Not answered yet") < page.index("Answered</strong>")
    assert page.count("Answered</strong>") == 2


def test_the_chair_answers_once_and_a_second_answer_is_refused_plainly(client):
    briefed = briefed_board()
    asked = question(briefed, text="What is quorum?")
    client.force_login(briefed.chair.user)
    page = client.get(_reply(briefed, asked))
    assert page["Cache-Control"] == "no-store"
    assert "What is quorum?" in _text(page)
    empty = client.post(_reply(briefed, asked), {"reply": ""})
    assert "Write your answer." in _text(empty)
    assert "This field is required" not in _text(empty)
    response = client.post(_reply(briefed, asked), {"reply": "How many must be there."})
    assert response.status_code == 302
    again = client.post(_reply(briefed, asked), {"reply": "Something else."})
    assert "This question has already been answered. A question gets one answer." in _text(again)
    asked.refresh_from_db()
    assert asked.reply == "How many must be there."
    # and the young person sees the answer on their briefing
    client.force_login(briefed.member.user)
    briefing = reverse(
        "governance:briefing", args=[briefed.board.organisation.slug, briefed.meeting.public_id]
    )
    assert "How many must be there." in _text(client.get(briefing))


def test_nobody_else_can_open_a_question_to_answer_it(client):
    briefed = briefed_board()
    asked = question(briefed, to="chair")
    admin = factories.person_with_role("org_admin", briefed.board.organisation)
    for person in (briefed.support_worker, briefed.officer, briefed.member, admin):
        client.force_login(person.user)
        assert client.get(_reply(briefed, asked)).status_code == 403
        assert client.post(_reply(briefed, asked), {"reply": "Hi"}).status_code == 403
    asked.refresh_from_db()
    assert asked.replied_at is None


def test_the_inbox_takes_the_same_queries_however_many_questions(
    client, django_assert_max_num_queries
):
    briefed = briefed_board()
    question(briefed)
    client.force_login(briefed.chair.user)
    with django_assert_max_num_queries(40) as captured:
        client.get(_inbox(briefed))
    for n in range(6):
        other = factories.person_with_role("young_person", briefed.board.organisation)
        question(briefed, person=other, text=f"Question {n}")
    with django_assert_max_num_queries(len(captured)):
        client.get(_inbox(briefed))
