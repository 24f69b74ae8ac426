"""Calls for new board members and applications to them, made directly (the services are
tested on their own)."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.governance.models import Application, Call
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.governance.factories import BoardFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    board = factory.SubFactory(BoardFactory)
    constituency = Constituency.YOUNG_PERSON
    title = factory.Sequence(lambda n: f"Join the youth board {n}")
    description = (
        "Members meet once a month after school to decide how the youth service spends its "
        "money.\n\nWe pay for your bus and there is food."
    )
    places = 2
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    person = factory.LazyAttribute(
        lambda o: factories.person_with_role(Role.YOUNG_PERSON, o.call.board.organisation)
    )
    why = "I want the youth club to open at weekends."
    bring = "I know what young people in my area want."
    support_needed = "Someone to come with me the first time."
    idempotency_key = factory.LazyFunction(uuid.uuid4)
