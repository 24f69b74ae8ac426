"""Decisions: shared ground for every domain.

A board's carried motion, a youth budget's funded project, a commissioning panel's choice and an
inspection's recommendation are each a Decision, made through ``decisions.services`` by the
domain that took it. ``subject_type`` and ``subject_id`` say what it is the outcome of (a
domain's own object, named as ``app_label.model``) without a foreign key, so that this package
needs to know none of the domains above it. Citations tie it to what young people said.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from alongside.accounts.models import Organisation, Person
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution, Theme


class Decision(BaseModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="decisions"
    )
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    # What was decided, and what changed because of it, in plain words for young people.
    title = models.CharField(max_length=200)
    what_changed = models.TextField(max_length=4000)
    # Who decided: a named person or body ("The youth board", "Cllr Jean Price").
    decided_by = models.CharField(max_length=200)
    forum = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField()
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-decided_on"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_type="", subject_id="")
                | (~Q(subject_type="") & ~Q(subject_id="")),
                name="decisions_decision_subject_whole",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """One contribution or one theme a decision cites."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="citations")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, theme__isnull=True)
                | Q(contribution__isnull=True, theme__isnull=False),
                name="decisions_citation_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["decision", "contribution"],
                condition=Q(contribution__isnull=False),
                name="decisions_cites_contribution_once",
            ),
            models.UniqueConstraint(
                fields=["decision", "theme"],
                condition=Q(theme__isnull=False),
                name="decisions_cites_theme_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision {self.decision_id} cites {self.contribution_id or self.theme_id}"
