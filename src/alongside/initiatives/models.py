"""Initiatives: a piece of co-produced work, the forms of co-production it uses, the questions
answered before it opens, its team, and the sessions where young people take part face to face.

The eight forms and the checklist questions are rows (loaded by migrations from seed 002 and
REFERENCE.md), so an organisation's wording can change without a release.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.credits.models import Basis


class CoproductionForm(models.Model):
    """One of Bovaird and Loeffler's eight forms, as seed 002 describes them."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    example = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ChecklistQuestion(models.Model):
    """A question an initiative's lead answers before it can open: Lundy's four and General
    Comment 12's nine requirements (REFERENCE.md)."""

    class Source(models.TextChoices):
        LUNDY = "lundy", _("The Lundy model")
        GENERAL_COMMENT_12 = "gc12", _("UN General Comment 12")

    code = models.SlugField(max_length=40, unique=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    question = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.question


class Initiative(BaseModel):
    class Stage(models.TextChoices):
        PLANNING = "planning", _("Planning")
        OPEN = "open", _("Open")
        DECIDING = "deciding", _("Deciding")
        DELIVERING = "delivering", _("Delivering")
        CLOSED = "closed", _("Closed")

    class Who(models.TextChoices):
        """Who set the agenda, and who decided: the evidence a measured rung is read from."""

        ADULTS = "adults", _("Adults")
        SHARED = "shared", _("Adults and young people together")
        YOUNG_PEOPLE = "young_people", _("Young people")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="initiatives"
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="partner_initiatives")
    title = models.CharField(max_length=120)
    purpose = models.TextField(max_length=2000)
    forms = models.ManyToManyField(CoproductionForm, related_name="initiatives")
    # Lundy: audience and influence, stated before it opens.
    decision_fed = models.CharField(max_length=300, blank=True)
    decision_maker = models.CharField(max_length=200, blank=True)
    scope_for_influence = models.TextField(max_length=2000, blank=True)
    how_to_take_part = models.TextField(max_length=2000, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PLANNING)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Hart's ladder, 1 to 8, as the lead claims it; rungs 1 to 3 are not participation.
    claimed_rung = models.PositiveSmallIntegerField(null=True, blank=True)
    agenda_set_by = models.CharField(max_length=20, choices=Who.choices, blank=True)
    decided_by = models.CharField(max_length=20, choices=Who.choices, blank=True)
    # Contributions are published at once and looked at after, or looked at first.
    moderate_before_publishing = models.BooleanField(default=True)
    # When the lead chose the moderation setting (the set-up task list shows it as done).
    moderation_chosen_at = models.DateTimeField(null=True, blank=True)
    # Lundy: feedback before closing. An initiative cannot close without it.
    feedback = models.TextField(max_length=4000, blank=True)
    feedback_given_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The set-up form makes this key when it is first shown, so a form sent twice is one
    # initiative (core.idempotency.create_once).
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_rung__isnull=True)
                | Q(claimed_rung__gte=1, claimed_rung__lte=8),
                name="initiatives_initiative_rung_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="initiatives_initiative_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(stage="closed") | Q(feedback_given_at__isnull=False),
                name="initiatives_initiative_closed_after_feedback",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class InitiativeScopedQuerySet(OrganisationScopedQuerySet[models.Model]):
    organisation_field = "initiative__organisation"


class SessionScopedQuerySet(OrganisationScopedQuerySet[models.Model]):
    organisation_field = "session__initiative__organisation"


class ChecklistAnswer(BaseModel):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    question = models.ForeignKey(ChecklistQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.BooleanField()
    how = models.TextField(max_length=1000)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InitiativeScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "question"], name="initiatives_checklist_one_answer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.answer}"


class TeamMember(BaseModel):
    """A young person or professional on the initiative's team, with a written role (seed 002
    names unclear roles as a risk)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    role_title = models.CharField(max_length=80)
    role_description = models.TextField(max_length=1000)

    objects = InitiativeScopedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiatives_team_once")
        ]

    def __str__(self) -> str:
        return self.role_title


class Session(BaseModel):
    """A face-to-face session a worker ran for an initiative. The place is a kind, never an
    address: a young person's whereabouts are not ours to keep."""

    class Place(models.TextChoices):
        YOUTH_CLUB = "youth_club", _("Youth club")
        SCHOOL = "school", _("School or college")
        COMMUNITY = "community", _("Community centre or library")
        OUTDOORS = "outdoors", _("Park or outdoors")
        HEALTH = "health", _("Health or care setting")
        ONLINE = "online", _("Online meeting")
        OTHER = "other", _("Somewhere else")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    place = models.CharField(max_length=20, choices=Place.choices)
    duration_minutes = models.PositiveIntegerField()
    # Why people were there (credits' Basis): time ordered as a sanction or required earns no
    # time credits, the youth court's rule.
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.CHOSEN)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A worker's device makes this key, so a form sent twice (or a sync retried) is one session.
    idempotency_key = models.UUIDField(unique=True)

    objects = InitiativeScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=24 * 60),
                name="initiatives_session_duration_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_place_display()} on {self.held_on}"


class Attendance(BaseModel):
    """One person at one session, with the minutes they took part: the evidence for time
    credits and for measuring participation, entered once."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance")
    minutes = models.PositiveIntegerField()
    # Set when a worker added someone new (with no sign-in) from the session page: the key
    # made when that form was shown, so a form sent twice adds one person, not two.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)

    objects = SessionScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="initiatives_attend_once"),
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=24 * 60),
                name="initiatives_attendance_minutes_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} for {self.minutes} minutes"
