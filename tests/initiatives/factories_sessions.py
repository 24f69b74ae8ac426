"""Initiatives, sessions and attendance for the sessions tests (until the initiative pages
have their own factories)."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.initiatives.models import Attendance, Initiative, Session
from tests.factories import OrganisationFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Youth centre redesign {n}")
    purpose = "Young people choose what the new youth centre has in it."
    stage = Initiative.Stage.OPEN
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=120))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    initiative = factory.SubFactory(InitiativeFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    place = Session.Place.YOUTH_CLUB
    duration_minutes = 90
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    minutes = 60


def initiative_in(organisation: Organisation, **kwargs: object) -> Initiative:
    return InitiativeFactory(organisation=organisation, **kwargs)  # type: ignore[no-any-return]


def session_in(organisation: Organisation, **kwargs: object) -> Session:
    if "initiative" not in kwargs:
        kwargs["initiative"] = initiative_in(organisation)
    return SessionFactory(**kwargs)  # type: ignore[no-any-return]


def attend(session: Session, person: Person, minutes: int = 60) -> Attendance:
    return AttendanceFactory(session=session, person=person, minutes=minutes)  # type: ignore[no-any-return]
