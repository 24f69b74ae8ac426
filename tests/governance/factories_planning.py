"""Papers and agenda items made directly, and a planned meeting with a clerk, for the
planning tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import factory

from alongside.accounts.actor import Actor
from alongside.accounts.roles import Role
from alongside.governance.models import AgendaItem, Board, Meeting, Paper
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    body = "The youth club is open three evenings a week.\n\nThe board could add Saturdays."
    plain_words = "Should the youth club open on Saturdays too?"
    idempotency_key = factory.LazyFunction(uuid.uuid4)


def agenda_item(meeting: Meeting, position: int, title: str | None = None) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title or f"Item {position}"
    )


@dataclass
class Planned:
    board: Board
    meeting: Meeting
    clerk: Actor


def planned_meeting() -> Planned:
    """A planned meeting of an open board, and a worker who clerks it."""
    organisation = factories.OrganisationFactory()
    board = BoardFactory(organisation=organisation)
    clerk = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    return Planned(board=board, meeting=MeetingFactory(board=board), clerk=clerk)
