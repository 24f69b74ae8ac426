"""Recording sessions and who came: the rules the services keep, whatever page calls them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.accounts import selectors as people
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.initiatives import selectors_sessions as selectors
from alongside.initiatives import services
from alongside.initiatives.models import Attendance, Initiative, Session
from alongside.initiatives.views.sessions import minutes_text
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)
from tests.initiatives.factories_sessions import attend, initiative_in, session_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _record(actor_person: Person, initiative: Initiative, **overrides: object) -> Session:
    values: dict[str, object] = {
        "held_on": TODAY() - dt.timedelta(days=2),
        "place": Session.Place.YOUTH_CLUB,
        "duration_minutes": 90,
        "idempotency_key": uuid.uuid4(),
        **overrides,
    }
    return services.session_record(
        actor=factories.actor(actor_person),
        initiative=initiative,
        **values,  # type: ignore[arg-type]
    )


def test_a_worker_records_a_session_and_it_is_audited(
    worker: Person, organisation: Organisation
) -> None:
    # Given an open initiative
    initiative = initiative_in(organisation)
    mark = last_sequence()
    # When a worker records a session
    session = _record(worker, initiative)
    # Then it is stored with who recorded it, and the trail says so without naming anyone
    assert session.recorded_by == worker
    assert [e.action for e in events_after(mark)] == ["initiatives.session.record"]
    assert_names_nobody(events_after(mark), worker.display_name)
    assert_trail_intact()


def test_a_session_in_the_future_is_refused(worker: Person, organisation: Organisation) -> None:
    # Given an initiative
    initiative = initiative_in(organisation)
    # When a worker records a session for tomorrow
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, initiative, held_on=TODAY() + dt.timedelta(days=1))
    # Then it is refused on the date, and nothing is stored
    assert refused.value.field == "held_on"
    assert not Session.objects.exists()


def test_a_session_before_the_initiative_began_is_refused(
    worker: Person, organisation: Organisation
) -> None:
    initiative = initiative_in(organisation, starts_on=TODAY() - dt.timedelta(days=10))
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, initiative, held_on=TODAY() - dt.timedelta(days=11))
    assert refused.value.field == "held_on"
    # On the first day is fine
    assert _record(worker, initiative, held_on=TODAY() - dt.timedelta(days=10))


@pytest.mark.parametrize("minutes", [0, -5, 1441])
def test_a_duration_outside_1_to_1440_minutes_is_refused(
    worker: Person, organisation: Organisation, minutes: int
) -> None:
    initiative = initiative_in(organisation)
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, initiative, duration_minutes=minutes)
    assert refused.value.field == "duration_minutes"
    assert not Session.objects.exists()


@pytest.mark.parametrize("minutes", [1, 1440])
def test_a_duration_of_1_or_1440_minutes_is_taken(
    worker: Person, organisation: Organisation, minutes: int
) -> None:
    assert _record(worker, initiative_in(organisation), duration_minutes=minutes)


def test_a_place_that_is_not_a_kind_of_place_is_refused(
    worker: Person, organisation: Organisation
) -> None:
    # Given a worker who sends an address instead of a kind of place
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, initiative_in(organisation), place="12 Mill Lane")
    # Then it is refused: the product never stores where a child was
    assert refused.value.field == "place"


def test_a_closed_initiative_takes_no_more_sessions(
    worker: Person, organisation: Organisation
) -> None:
    initiative = initiative_in(
        organisation, stage=Initiative.Stage.CLOSED, feedback_given_at=timezone.now()
    )
    with pytest.raises(ValidationFailed):
        _record(worker, initiative)


def test_the_same_key_twice_is_one_session(worker: Person, organisation: Organisation) -> None:
    # Given a session form sent once
    initiative = initiative_in(organisation)
    key = uuid.uuid4()
    first = _record(worker, initiative, idempotency_key=key)
    mark = last_sequence()
    # When it is sent again with the same key
    again = _record(worker, initiative, idempotency_key=key)
    # Then there is one session, and nothing more was audited
    assert again.pk == first.pk
    assert Session.objects.count() == 1
    assert events_after(mark) == []


def test_a_key_reused_with_other_details_is_refused(
    worker: Person, organisation: Organisation
) -> None:
    initiative = initiative_in(organisation)
    key = uuid.uuid4()
    _record(worker, initiative, idempotency_key=key)
    with pytest.raises(Conflict):
        _record(worker, initiative, idempotency_key=key, duration_minutes=30)
    assert Session.objects.count() == 1


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.COMMISSIONER, Role.COUNCILLOR])
def test_only_workers_and_admins_record_sessions(
    person_with_role: object, organisation: Organisation, role: Role
) -> None:
    someone = factories.person_with_role(role, organisation)
    with pytest.raises(NotPermitted):
        _record(someone, initiative_in(organisation))
    assert not Session.objects.exists()


def test_an_admin_of_another_organisation_cannot_record_here(organisation: Organisation) -> None:
    other = factories.OrganisationFactory(slug="elsewhere")
    outsider = factories.person_with_role(Role.ORG_ADMIN, other)
    with pytest.raises(NotPermitted):
        _record(outsider, initiative_in(organisation))


# Attendance ---------------------------------------------------------------------------------


def test_the_same_person_twice_is_one_row_with_the_new_minutes(
    worker: Person, organisation: Organisation
) -> None:
    # Given a 90-minute session and a young person on it for 60 minutes
    session = session_in(organisation, duration_minutes=90)
    young = factories.offline_person(organisation, age=14)
    actor = factories.actor(worker)
    _row, created = services.attendance_record(
        actor=actor, session=session, person=young, minutes=60
    )
    assert created
    mark = last_sequence()
    # When they are added again with other minutes, then once more the same
    row, created_again = services.attendance_record(
        actor=actor, session=session, person=young, minutes=45
    )
    services.attendance_record(actor=actor, session=session, person=young, minutes=45)
    # Then there is one row, with the new minutes, and the change was audited once
    assert not created_again
    assert Attendance.objects.get().minutes == row.minutes == 45
    assert [e.action for e in events_after(mark)] == ["initiatives.attendance.change"]
    assert_trail_intact()


@pytest.mark.parametrize("minutes", [0, 91])
def test_minutes_outside_the_session_are_refused(
    worker: Person, organisation: Organisation, minutes: int
) -> None:
    session = session_in(organisation, duration_minutes=90)
    young = factories.offline_person(organisation)
    with pytest.raises(ValidationFailed) as refused:
        services.attendance_record(
            actor=factories.actor(worker), session=session, person=young, minutes=minutes
        )
    assert refused.value.field == "minutes"
    assert not Attendance.objects.exists()


def test_someone_from_another_organisation_cannot_be_put_on_a_session(
    worker: Person, organisation: Organisation
) -> None:
    other = factories.OrganisationFactory(slug="elsewhere")
    stranger = factories.offline_person(other)
    with pytest.raises(NotFound):
        services.attendance_record(
            actor=factories.actor(worker),
            session=session_in(organisation),
            person=stranger,
            minutes=30,
        )
    assert not Attendance.objects.exists()


def test_adding_someone_with_no_sign_in_flags_an_under_13_for_a_parents_consent(
    worker: Person, organisation: Organisation
) -> None:
    # Given a session
    session = session_in(organisation, duration_minutes=60)
    mark = last_sequence()
    # When a worker adds a 9-year-old who has no sign-in from the session page
    attendance = services.attendance_record_new_person(
        actor=factories.actor(worker),
        session=session,
        display_name="  Ash ",
        birth_month=1,
        birth_year=TODAY().year - 9,
        minutes=60,
        idempotency_key=uuid.uuid4(),
    )
    # Then they are a young person of the organisation with no sign-in, waiting for consent
    person = attendance.person
    assert person.display_name == "Ash"
    assert person.kind == Person.Kind.YOUNG_PERSON
    assert not person.can_sign_in
    assert person.created_by == worker
    assert person.needs_parental_consent
    waiting = people.people_for_organisation(
        organisation=organisation, awaiting_parental_consent=True
    )
    assert person in waiting
    # And the person and their attendance are both audited, without their name
    assert [e.action for e in events_after(mark)] == [
        "accounts.person.create",
        "initiatives.attendance.record",
    ]
    assert_names_nobody(events_after(mark), "Ash")
    assert_trail_intact()


def test_the_new_person_form_sent_twice_adds_one_person(
    worker: Person, organisation: Organisation
) -> None:
    session = session_in(organisation)
    key = uuid.uuid4()
    values = {
        "actor": factories.actor(worker),
        "session": session,
        "display_name": "Kai",
        "birth_month": 4,
        "birth_year": TODAY().year - 15,
        "minutes": 30,
        "idempotency_key": key,
    }
    first = services.attendance_record_new_person(**values)  # type: ignore[arg-type]
    people_before = Person.objects.count()
    again = services.attendance_record_new_person(**values)  # type: ignore[arg-type]
    assert again.pk == first.pk
    assert Person.objects.count() == people_before
    assert Attendance.objects.count() == 1


def test_minutes_too_long_for_a_new_person_add_nobody(
    worker: Person, organisation: Organisation
) -> None:
    session = session_in(organisation, duration_minutes=30)
    people_before = Person.objects.count()
    with pytest.raises(ValidationFailed):
        services.attendance_record_new_person(
            actor=factories.actor(worker),
            session=session,
            display_name="Kai",
            birth_month=4,
            birth_year=TODAY().year - 15,
            minutes=31,
            idempotency_key=uuid.uuid4(),
        )
    assert Person.objects.count() == people_before


def test_removing_someone_takes_them_off_and_keeps_their_record(
    worker: Person, organisation: Organisation
) -> None:
    session = session_in(organisation)
    young = factories.offline_person(organisation)
    attendance = attend(session, young)
    mark = last_sequence()
    services.attendance_remove(actor=factories.actor(worker), attendance=attendance)
    assert not Attendance.objects.exists()
    assert Person.objects.filter(pk=young.pk).exists()
    assert [e.action for e in events_after(mark)] == ["initiatives.attendance.remove"]


def test_a_commissioner_cannot_remove_anyone(organisation: Organisation) -> None:
    commissioner = factories.person_with_role(Role.COMMISSIONER, organisation)
    attendance = attend(session_in(organisation), factories.offline_person(organisation))
    with pytest.raises(NotPermitted):
        services.attendance_remove(actor=factories.actor(commissioner), attendance=attendance)
    assert Attendance.objects.exists()


# Selectors: the evidence for time credits ---------------------------------------------------


def test_attendance_for_a_person_lists_their_sessions_since_a_date(
    organisation: Organisation,
) -> None:
    # Given a young person at two sessions of one initiative and one of another, one long ago
    young = factories.offline_person(organisation)
    initiative = initiative_in(organisation, starts_on=None)
    recent = session_in(organisation, initiative=initiative, held_on=TODAY())
    older = session_in(organisation, held_on=TODAY() - dt.timedelta(days=20))
    long_ago = session_in(organisation, initiative=initiative, held_on=TODAY() - dt.timedelta(400))
    for session, minutes in ((recent, 30), (older, 45), (long_ago, 60)):
        attend(session, young, minutes)
    # And someone else's attendance, and theirs in another organisation
    attend(recent, factories.offline_person(organisation))
    other = factories.OrganisationFactory(slug="elsewhere")
    attend(session_in(other), young)
    # When their attendance since 30 days ago is read
    rows = selectors.attendance_for_person(
        person=young, organisation=organisation, since=TODAY() - dt.timedelta(days=30)
    )
    # Then it has the two recent sessions here, newest first, with minutes
    assert [(r.session_public_id, r.minutes) for r in rows] == [
        (str(recent.public_id), 30),
        (str(older.public_id), 45),
    ]
    assert rows[0].initiative_title == initiative.title


def test_minutes_by_person_adds_up_an_initiative(organisation: Organisation) -> None:
    initiative = initiative_in(organisation)
    first, second = (session_in(organisation, initiative=initiative) for _ in range(2))
    ash, kai = factories.offline_person(organisation), factories.offline_person(organisation)
    attend(first, ash, 30)
    attend(second, ash, 45)
    attend(first, kai, 60)
    attend(session_in(organisation), kai, 90)  # another initiative: not counted
    totals = selectors.attendance_minutes_by_person(initiative=initiative)
    assert totals == {ash.pk: (2, 75), kai.pk: (1, 60)}
    assert selectors.attendance_minutes_by_person(initiative=initiative, people=[kai]) == {
        kai.pk: (1, 60)
    }


@given(st.integers(min_value=0, max_value=24 * 60))
def test_minutes_text_says_hours_and_minutes(minutes: int) -> None:
    text = minutes_text(minutes)
    hours, rest = divmod(minutes, 60)
    assert (f"{hours} hour" in text) == bool(hours)
    assert (f"{rest} minute" in text) == (bool(rest) or not hours)
