"""Safeguarding concerns: a young person saying they feel unsafe or unhappy, or a worker raising
what they saw or read. Only the organisation's designated safeguarding leads read them, every
read is audited, and no public page, count, report or export ever includes them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.voice.models import Contribution


class Concern(BaseModel):
    class Kind(models.TextChoices):
        SELF = "self", _("A young person said they feel unsafe or unhappy")
        RAISED = "raised", _("A member of staff raised a concern")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for a lead")
        ACKNOWLEDGED = "acknowledged", _("A lead is dealing with it")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="concerns"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The young person it is about (for SELF, the one who raised it).
    about = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # In the person's own words (Working Together: records in the child's own words).
    text = models.TextField(max_length=5000)
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    acknowledge_by = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    # What the young person is told, shown to them only once a lead chooses to share it.
    response = models.TextField(max_length=4000, blank=True)
    response_shared_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The lead's own note on closing: never shown to the young person.
    close_note = models.TextField(max_length=4000, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "acknowledge_by"])]

    def __str__(self) -> str:
        return f"Concern {self.public_id}"
