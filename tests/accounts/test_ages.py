"""The age rules have one home: the Python functions and the database conditions agree."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.accounts import ages
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.accounts.selectors import people_for_organisation
from tests import factories
from tests.hypothesis_profiles import examples

months = st.one_of(st.none(), st.integers(min_value=1, max_value=12))
years = st.one_of(st.none(), st.integers(min_value=1990, max_value=2040))
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2045, 12, 31))
kinds = st.sampled_from(Person.Kind.values)


@given(month=st.integers(1, 12), year=st.integers(1990, 2040), day=days)
def test_age_goes_up_by_one_on_the_first_day_of_the_birthday_month(month, year, day):
    # Given a birthday month reached, age is the difference in years; before it, one less
    age = ages.age_on(month, year, day)
    assert age == day.year - year - (1 if day.month < month else 0)
    # And whoever is under an age is not older than it
    assert not (ages.is_under(13, month, year, day) and ages.is_older_than(13, month, year, day))


@given(month=months, year=years, day=days)
def test_unknown_birth_needs_a_parent_but_never_ages_out(month, year, day):
    if month is None or year is None:
        assert ages.needs_parental_consent(
            is_young_person=True, birth_month=month, birth_year=year, day=day
        )
        assert not ages.is_older_than(19, month, year, day)


def test_only_a_young_person_ever_needs_a_parents_consent():
    day = dt.date(2026, 12, 1)
    for kind in Person.Kind.values:
        needs = ages.needs_parental_consent(
            is_young_person=kind == Person.Kind.YOUNG_PERSON,
            birth_month=None,
            birth_year=None,
            day=day,
        )
        assert needs == (kind == Person.Kind.YOUNG_PERSON)


# The database conditions against the Python functions, on whichever database the run uses.

# Each example is a write and one or two queries, several times the cost of the pure
# properties above: 40% of the profile's examples (ci 200, thorough 2,000).
DB_EXAMPLES = settings(
    examples(0.4),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


@pytest.fixture
def subject(db: None) -> Person:
    return factories.PersonFactory(user=None)


def _matches(person: Person, condition) -> bool:
    return Person.objects.filter(pk=person.pk).filter(condition).exists()


@DB_EXAMPLES
@given(kind=kinds, month=months, year=years, day=days)
def test_sql_and_python_agree_on_who_needs_a_parents_consent(subject, kind, month, year, day):
    Person.objects.filter(pk=subject.pk).update(kind=kind, birth_month=month, birth_year=year)
    subject.refresh_from_db()

    in_sql = _matches(subject, ages.needs_parental_consent_q(day))

    assert in_sql == subject.needs_parental_consent_on(day)


@DB_EXAMPLES
@given(
    month=months,
    year=years,
    day=days,
    age=st.sampled_from(
        [ages.AGE_OF_DIGITAL_CONSENT, ages.DEFAULT_YOUTH_OFFER_UPPER_AGE, 25, 0, 60]
    ),
)
def test_sql_and_python_agree_on_under_and_older_than(subject, month, year, day, age):
    Person.objects.filter(pk=subject.pk).update(birth_month=month, birth_year=year)

    assert _matches(subject, ages.is_under_q(age, day)) == ages.is_under(age, month, year, day)
    assert _matches(subject, ages.is_older_than_q(age, day)) == ages.is_older_than(
        age, month, year, day
    )


def test_a_young_person_with_no_birth_date_is_listed_as_waiting(organisation):
    # Given a young person recorded before their birth date was known
    person = factories.offline_person(organisation, age=None)
    assert person.needs_parental_consent
    # When staff list who is waiting for a parent
    waiting = people_for_organisation(organisation=organisation, awaiting_parental_consent=True)
    # Then they are on it (the SQL version used to leave them out)
    assert list(waiting) == [person]


def test_a_young_person_with_no_birth_date_cannot_consent_for_themselves(organisation):
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, birth_month=None, birth_year=None, consent=False
    )
    factories.ConsentFactory(person=person, organisation=organisation)  # given by "self"

    assert factories.actor(person).roles_in(organisation.pk) == frozenset()
