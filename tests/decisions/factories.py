"""Factories for what the decisions tests stand on: initiatives, contributions, themes and
answers (made directly, keeping what voice's services keep), and decisions."""

from __future__ import annotations

import uuid

import factory
from django.utils import timezone

from alongside.decisions.models import Decision
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer, Contribution, Theme
from tests import factories

# One way to put contributions in a theme, keeping its count as voice's services do.
from tests.voice.factories_answers import in_theme as in_theme


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    organisation = factory.SubFactory(factories.OrganisationFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    purpose = "Make the youth club better."
    stage = Initiative.Stage.OPEN


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.LazyAttribute(lambda c: c.initiative.organisation)
    kind = Contribution.Kind.IDEA
    channel = Contribution.Channel.ONLINE
    author = None
    text = factory.Sequence(lambda n: f"Idea number {n}: open the club on Saturdays")
    anonymity = Contribution.Anonymity.NOBODY
    status = Contribution.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    idempotency_key = factory.LazyFunction(uuid.uuid4)

    class Params:
        held = factory.Trait(
            status=Contribution.Status.HELD,
            hold_reason=Contribution.HoldReason.CONTACT_DETAILS,
            published_at=None,
        )
        hidden = factory.Trait(
            status=Contribution.Status.HIDDEN, moderation_reason="It was unkind", published_at=None
        )
        withdrawn = factory.Trait(status=Contribution.Status.WITHDRAWN, published_at=None)
        waiting = factory.Trait(status=Contribution.Status.AWAITING_MODERATION, published_at=None)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    organisation = factory.SubFactory(factories.OrganisationFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    organisation = factory.LazyAttribute(
        lambda a: (a.contribution or a.theme).organisation  # type: ignore[union-attr]
    )
    contribution = None
    theme = None
    status = Answer.Status.CONSIDERING
    text = "We are looking at this with the youth board."
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    organisation = factory.SubFactory(factories.OrganisationFactory)
    title = factory.Sequence(lambda n: f"Decision {n}")
    what_changed = "The club now opens on Saturdays."
    decided_by = "The youth board"
    forum = "Youth board meeting"
    decided_on = factory.LazyFunction(timezone.localdate)
    idempotency_key = factory.LazyFunction(uuid.uuid4)
