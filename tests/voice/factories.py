"""Factories for the voice tests: open initiatives, sessions and contributions."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from alongside.initiatives.models import Initiative, Session
from alongside.voice.models import Contribution
from tests.factories import OrganisationFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An open initiative that publishes at once (``moderate_before_publishing=True`` to check
    first)."""

    class Meta:
        model = Initiative

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Make the park better {n}")
    purpose = "Decide what the new park should have."
    stage = Initiative.Stage.OPEN
    moderate_before_publishing = False


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    initiative = factory.SubFactory(InitiativeFactory)
    held_on = factory.LazyFunction(lambda: dt.date(2026, 11, 4))
    place = Session.Place.YOUTH_CLUB
    duration_minutes = 90
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.LazyAttribute(lambda c: c.initiative.organisation)
    kind = Contribution.Kind.IDEA
    channel = Contribution.Channel.ONLINE
    text = factory.Sequence(lambda n: f"More benches by the skate ramp, please ({n})")
    anonymity = Contribution.Anonymity.STAFF_ONLY
    status = Contribution.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: dt.datetime(2026, 11, 5, 12, tzinfo=dt.UTC))
    idempotency_key = factory.LazyFunction(uuid.uuid4)


def image_upload(kind: str = "PNG", name: str = "drawing.png", size: int = 8) -> SimpleUploadedFile:
    """A small real image, as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (30, 120, 200)).save(buffer, format=kind)
    content_type = "image/png" if kind == "PNG" else "image/jpeg"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
