"""Private questions: sent by a board member only, to the chair or support worker the board
has, audited without their words, once per key; answered once, by whoever it was sent to."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.governance import selectors_briefing
from alongside.governance.models import BriefingQuestion, Meeting, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import questions
from tests import factories
from tests.governance.factories import BoardFactory, seat_for
from tests.governance.factories_briefing import Briefed, briefed_board, question

pytestmark = pytest.mark.django_db


def _send(briefed: Briefed, person=None, **kwargs: object) -> BriefingQuestion:
    kwargs.setdefault("kind", BriefingQuestion.Kind.DID_NOT_UNDERSTAND)
    kwargs.setdefault("to", BriefingQuestion.To.CHAIR)
    kwargs.setdefault("text", "What does commissioning mean?")
    kwargs.setdefault("idempotency_key", uuid.uuid4())
    return questions.question_send(
        actor=factories.actor(person or briefed.member),
        meeting=briefed.meeting,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_member_sends_a_question_and_the_audit_trail_does_not_keep_its_words():
    briefed = briefed_board()
    sent = _send(briefed, text="  What does commissioning mean?  ")
    assert sent.text == "What does commissioning mean?"
    assert sent.person == briefed.member
    event = AuditEvent.objects.get(action="governance.question.send")
    assert event.data == {
        "meeting": str(briefed.meeting.public_id),
        "kind": "did_not_understand",
        "to": "chair",
    }
    assert "commissioning" not in str(event.data) + event.summary


def test_the_same_key_sent_twice_makes_one_question_and_one_audit_event():
    briefed = briefed_board()
    key = uuid.uuid4()
    first = _send(briefed, idempotency_key=key)
    again = _send(briefed, idempotency_key=key)
    assert first.pk == again.pk
    assert BriefingQuestion.objects.count() == 1
    assert AuditEvent.objects.filter(action="governance.question.send").count() == 1
    with pytest.raises(Conflict):
        _send(briefed, idempotency_key=key, text="Something else")


def _refused_changes_nothing(call) -> None:  # type: ignore[no-untyped-def]
    before = (BriefingQuestion.objects.count(), AuditEvent.objects.count())
    call()
    assert (BriefingQuestion.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "   "}, "Write your question"),
        ({"text": "x" * 2001}, "2000 characters or fewer"),
        ({"kind": "gossip"}, "Select what your question is about"),
        ({"to": "everyone"}, "Select who you want to read it"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(kwargs: dict, message: str):
    briefed = briefed_board()

    def call() -> None:
        with pytest.raises(ValidationFailed, match=message):
            _send(briefed, **kwargs)

    _refused_changes_nothing(call)


def test_only_a_member_of_the_board_may_send_one():
    briefed = briefed_board()
    # a member of another board of the same organisation, and staff with no seat
    other_board = BoardFactory(organisation=briefed.board.organisation)
    other = seat_for(other_board, "young_person").holder
    for person in (other, briefed.support_worker):

        def call(person=person) -> None:  # type: ignore[no-untyped-def]
            with pytest.raises(NotPermitted):
                _send(briefed, person=person)

        _refused_changes_nothing(call)


def test_someone_of_another_organisation_is_refused_by_the_policy():
    briefed = briefed_board()
    outsider = factories.person_with_role("young_person", factories.OrganisationFactory())
    with pytest.raises(NotPermitted):
        _send(briefed, person=outsider)


def test_no_question_about_a_finished_meeting():
    briefed = briefed_board()
    Meeting.objects.filter(pk=briefed.meeting.pk).update(
        status=Meeting.Status.CLOSED, opened_at=timezone.now(), closed_at=timezone.now()
    )

    def call() -> None:
        with pytest.raises(ValidationFailed, match="This meeting has finished"):
            _send(briefed)

    _refused_changes_nothing(call)


def test_only_the_places_the_board_has_can_be_chosen():
    briefed = briefed_board(support_worker=False)
    with pytest.raises(ValidationFailed, match="Select who you want to read it"):
        _send(briefed, to="support_worker")
    # and the chair cannot send a question to themself
    briefed = briefed_board()
    with pytest.raises(ValidationFailed, match="Select who you want to read it"):
        _send(briefed, person=briefed.chair, to="chair")


def test_with_neither_chair_nor_support_worker_it_goes_to_the_admins():
    briefed = briefed_board(chair=False, support_worker=False)
    sent = _send(briefed, to="")
    assert sent.to == BriefingQuestion.To.SUPPORT_WORKER


def test_the_chair_answers_once_and_the_answer_is_not_audited_in_words():
    briefed = briefed_board()
    asked = question(briefed)
    answered = questions.question_reply(
        actor=factories.actor(briefed.chair), question=asked, reply="A suggestion we vote on."
    )
    assert answered.reply == "A suggestion we vote on."
    assert answered.replied_by == briefed.chair
    assert answered.replied_at is not None
    event = AuditEvent.objects.get(action="governance.question.reply")
    assert "suggestion" not in str(event.data)
    with pytest.raises(ValidationFailed, match="already been answered"):
        questions.question_reply(
            actor=factories.actor(briefed.chair), question=asked, reply="Something else."
        )
    asked.refresh_from_db()
    assert asked.reply == "A suggestion we vote on."


def test_nobody_but_whom_it_was_sent_to_may_answer():
    briefed = briefed_board()
    to_chair = question(briefed, to="chair")
    to_worker = question(briefed, to="support_worker")
    admin = factories.person_with_role("org_admin", briefed.board.organisation)
    for person, asked in [
        (briefed.support_worker, to_chair),
        (briefed.chair, to_worker),
        (briefed.officer, to_chair),
        (admin, to_chair),  # the board has a chair, so not the admins
    ]:
        with pytest.raises(NotPermitted):
            questions.question_reply(actor=factories.actor(person), question=asked, reply="Hi")
    assert not BriefingQuestion.objects.filter(replied_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="governance.question.reply").exists()
    questions.question_reply(
        actor=factories.actor(briefed.support_worker), question=to_worker, reply="Yes."
    )


def test_admins_answer_questions_whose_board_has_no_one_to_read_them():
    briefed = briefed_board(chair=False, support_worker=False)
    asked = question(briefed, to="support_worker")
    admin = factories.person_with_role("org_admin", briefed.board.organisation)
    answered = questions.question_reply(actor=factories.actor(admin), question=asked, reply="Yes.")
    assert answered.replied_by == admin


def test_an_empty_answer_is_refused():
    briefed = briefed_board()
    asked = question(briefed)
    with pytest.raises(ValidationFailed, match="Write your answer"):
        questions.question_reply(actor=factories.actor(briefed.chair), question=asked, reply=" ")
    asked.refresh_from_db()
    assert asked.replied_at is None


def test_a_question_stays_with_whom_it_was_sent_to_when_the_chair_changes():
    # Given a question sent to the chair, and then a new chair
    briefed = briefed_board()
    asked = _send(briefed, to=BriefingQuestion.To.CHAIR)
    assert asked.recipient == briefed.chair
    Seat.objects.filter(board=briefed.board, holder=briefed.chair).update(role=Seat.Role.MEMBER)
    new_chair = seat_for(briefed.board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR).holder
    assert new_chair is not None
    # Then the new chair cannot read or answer it, and the one it was sent to still can
    assert not selectors_briefing.inbox_for(
        organisation=briefed.board.organisation, person=new_chair, admin=False
    ).exists()
    with pytest.raises(NotPermitted):
        questions.question_reply(actor=factories.actor(new_chair), question=asked, reply="Hi")
    answered = questions.question_reply(
        actor=factories.actor(briefed.chair), question=asked, reply="It is a vote."
    )
    assert answered.replied_by == briefed.chair
