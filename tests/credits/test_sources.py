"""The earning sources sessions and board meetings register: stable keys, only the time given,
only the organisation's own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Basis, Earning
from alongside.credits.selectors.balances import lines_of_person
from alongside.credits.selectors.history import history_rows
from alongside.credits.services.earning import earnings_approve
from alongside.credits.sources import earning_sources
from alongside.governance.models import Meeting, MeetingAttendance
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.credits.factories_earn import members, occasion_key, session_with
from tests.credits.factories_mine import credit
from tests.governance.factories import BoardFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_both_sources_are_registered() -> None:
    assert {"session", "board_meeting"} <= {s.code for s in earning_sources}
    assert "Sessions" in earning_sources.kinds().values()


def test_a_session_is_an_occasion_and_its_attendance_the_activities(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    people = members(organisation, 2)
    session = session_with(
        organisation, people, minutes=45, held_on=dt.date(2026, 3, 3), basis=Basis.SANCTION
    )
    session_with(other_organisation, members(other_organisation, 1))
    source = earning_sources.get("session")
    assert source is not None
    (occasion,) = source.occasions(organisation, since=dt.date(2026, 1, 1), limit=10)
    assert occasion.label == "Session at a youth club, 3 March 2026"
    assert occasion.people == 2
    activities = source.activities(organisation, occasion.key)
    assert [a.key for a in activities] == [
        f"session:{session.public_id}:{p.public_id}" for p in people
    ]
    assert {(a.minutes, a.basis) for a in activities} == {(45, "sanction")}
    assert source.activities(other_organisation, occasion_key(session)) == []
    assert source.activities(organisation, "session:not-a-uuid") == []


def test_a_finished_meetings_present_members_are_the_activities(
    organisation: Organisation,
) -> None:
    board = BoardFactory(organisation=organisation)
    here, away = members(organisation, 2)
    start = timezone.now() - dt.timedelta(days=2)
    meeting = MeetingFactory(
        board=board,
        starts_at=start,
        status=Meeting.Status.CLOSED,
        opened_at=start,
        closed_at=start + dt.timedelta(hours=2),
    )
    common = {"meeting": meeting, "constituency": Constituency.YOUNG_PERSON, "votes": True}
    MeetingAttendance.objects.create(
        person=here, status="present", arrived_at=start, minutes=110, **common
    )
    MeetingAttendance.objects.create(person=away, status="apologies", **common)
    source = earning_sources.get("board_meeting")
    assert source is not None
    (occasion,) = source.occasions(organisation, since=start.date(), limit=10)
    assert (occasion.people, occasion.group_label) == (1, board.name)
    (activity,) = source.activities(organisation, occasion.key)
    assert (activity.person_id, activity.minutes, activity.kind) == (here.pk, 110, "board_meeting")
    assert activity.key == f"board_meeting:{meeting.public_id}:{here.public_id}"
    # And its words are read again, in one query, from the meeting (a key not its own is left)
    assert source.labels(organisation.pk, [activity.key, "session:x:y"]) == {
        activity.key: activity.label
    }


def test_a_meeting_not_finished_is_not_an_occasion(organisation: Organisation) -> None:
    MeetingFactory(board=BoardFactory(organisation=organisation))
    source = earning_sources.get("board_meeting")
    assert source is not None
    assert source.occasions(organisation, since=dt.date(2000, 1, 1), limit=10) == []


def test_an_earning_reads_in_the_language_of_the_page_not_of_its_approver(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people, held_on=dt.date(2026, 3, 3))
    with override("en"):
        (earning,) = earnings_approve(
            organisation=organisation,
            source="session",
            occasion_key=occasion_key(session),
            person_ids=[people[0].pk],
            actor=factories.actor(worker),
        )
    assert earning.label.endswith("3 March 2026")

    with override("cy"):
        words = earning_sources.labels_of([earning])
        lines = lines_of_person(organisation_id=organisation.pk, person_id=people[0].pk)
        (row,) = history_rows(list(lines[:20]))

    assert words[earning.pk].startswith("Sesiwn")
    assert words[earning.pk].endswith("3 Mawrth 2026")
    assert row.what == words[earning.pk]


def test_an_earning_whose_session_is_gone_keeps_its_words(organisation: Organisation) -> None:
    (person,) = members(organisation, 1)
    credit(person, organisation, 60, label="Session at a youth club, 3 March 2026")
    earning = Earning.objects.get(person=person)

    assert earning_sources.labels_of([earning]) == {earning.pk: earning.label}
