"""Builders for the themes and answers tests: initiatives, contributions, themes and answers,
made straight in the database (the contributions domain's services are tested on their own)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import F
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme


def initiative(organisation: Organisation, **kwargs: Any) -> Initiative:
    kwargs.setdefault("title", "Parks for everyone")
    kwargs.setdefault("purpose", "Decide what the new park has in it.")
    return Initiative.objects.create(organisation=organisation, **kwargs)


def contribution(
    organisation: Organisation,
    *,
    author: Person | None = None,
    initiative_: Initiative | None = None,
    age_days: int = 0,
    **kwargs: Any,
) -> Contribution:
    """A published idea, sent ``age_days`` ago."""
    if initiative_ is None:
        initiative_ = Initiative.objects.filter(organisation=organisation).first() or initiative(
            organisation
        )
    kwargs.setdefault("kind", Contribution.Kind.IDEA)
    kwargs.setdefault("channel", Contribution.Channel.ONLINE)
    kwargs.setdefault("text", "A skate park with lights so we can use it after school")
    kwargs.setdefault("status", Contribution.Status.PUBLISHED)
    kwargs.setdefault("anonymity", Contribution.Anonymity.STAFF_ONLY)
    if kwargs["status"] == Contribution.Status.HELD:
        kwargs.setdefault("hold_reason", Contribution.HoldReason.CONTACT_DETAILS)
    if kwargs["status"] == Contribution.Status.HIDDEN:
        kwargs.setdefault("moderation_reason", "It was unkind about a named person.")
    created = timezone.now() - dt.timedelta(days=age_days)
    kwargs.setdefault("created_at", created)
    if kwargs["status"] == Contribution.Status.PUBLISHED:
        kwargs.setdefault("published_at", created)
    return Contribution.objects.create(
        organisation=organisation,
        initiative=initiative_,
        author=author,
        idempotency_key=uuid.uuid4(),
        **kwargs,
    )


def theme(organisation: Organisation, name: str = "Places to go", **kwargs: Any) -> Theme:
    return Theme.objects.create(organisation=organisation, name=name, **kwargs)


def in_theme(theme_: Theme, *contributions: Contribution) -> None:
    """Put them in the theme straight in the database, keeping the theme's count of published
    contributions as voice's services would (``contribution_theme_add``)."""
    for item in contributions:
        ContributionTheme.objects.create(theme=theme_, contribution=item)
    published = sum(item.status == Contribution.Status.PUBLISHED for item in contributions)
    if published:
        Theme.objects.filter(pk=theme_.pk).update(published_count=F("published_count") + published)
        theme_.refresh_from_db(fields=["published_count"])


def answer(organisation: Organisation, **kwargs: Any) -> Answer:
    kwargs.setdefault("status", Answer.Status.HEARD)
    kwargs.setdefault("text", "Thank you. We have read it and will talk about it on Tuesday.")
    return Answer.objects.create(organisation=organisation, idempotency_key=uuid.uuid4(), **kwargs)
