"""What young people say, the themes staff group it into, and the answers it gets.

A contribution is never deleted by staff: hiding keeps the row and the reason. What is shown to
whom is decided in selectors; the fields here say what the author chose (anonymity) and where
the words stand (status).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.files import private_storage
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.initiatives.models import Initiative, Session


class Contribution(BaseModel):
    class Kind(models.TextChoices):
        IDEA = "idea", _("An idea")
        VIEW = "view", _("A view")
        QUESTION = "question", _("A question")
        EXPERIENCE = "experience", _("An experience")
        SERVICE_FEEDBACK = "service_feedback", _("Feedback on a service")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        SESSION = "session", _("At a session")
        SURVEY = "survey", _("In a survey")
        PAPER = "paper", _("On paper")

    class Anonymity(models.TextChoices):
        STAFF_ONLY = "staff_only", _("Staff can see my name; nobody else can")
        NOBODY = "nobody", _("Nobody can see my name")

    class Status(models.TextChoices):
        AWAITING_MODERATION = "awaiting_moderation", _("Waiting to be checked")
        # Screening found contact details or what may be a disclosure of harm: a person must look.
        HELD = "held", _("Held for a person to look at")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")
        WITHDRAWN = "withdrawn", _("Withdrawn by the author")

    class HoldReason(models.TextChoices):
        CONTACT_DETAILS = "contact_details", _("It contains contact details")
        POSSIBLE_HARM = "possible_harm", _("It may say someone is being harmed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Kept beside the initiative's so the organisation's board reads one indexed table.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contributions"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="contributions"
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # Empty for words a worker wrote down from a group, or when the author's record is gone.
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    # Set when a worker wrote it down "on behalf of" the author; shown beside it.
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=5000)
    # A photo (flipchart notes, a drawing): stored privately, never served from a public URL.
    image = models.ImageField(upload_to="contributions/%Y/%m/", storage=private_storage, blank=True)
    anonymity = models.CharField(max_length=20, choices=Anonymity.choices, default=Anonymity.NOBODY)
    status = models.CharField(max_length=30, choices=Status.choices)
    hold_reason = models.CharField(max_length=30, choices=HoldReason.choices, blank=True)
    moderation_reason = models.CharField(max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # When it first got an answer (its own, or its theme's): the overdue flag reads this.
    first_answered_at = models.DateTimeField(null=True, blank=True)
    # Made by the form or the device, so a contribution sent twice is stored once.
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "-published_at"]),
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["organisation", "first_answered_at", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | ~Q(hold_reason=""),
                name="voice_contribution_held_says_why",
            ),
            models.CheckConstraint(
                condition=~Q(status="hidden") | ~Q(moderation_reason=""),
                name="voice_contribution_hidden_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_id}"


class Theme(BaseModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="themes")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    contributions = models.ManyToManyField(
        Contribution, through="ContributionTheme", related_name="themes"
    )
    # How many of its contributions are published, so the public boards read a number instead
    # of counting (bench/voice.py). Only voice's services change it, in the transaction that
    # changes a status or what the theme holds (services/theme_counts.py);
    # `alongside voice verify-counts` checks it against a real count.
    published_count = models.PositiveIntegerField(default=0, editable=False)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "initiative", "name"], name="voice_theme_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ContributionTheme(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE)
    added_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contribution", "theme"], name="voice_theme_once")
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} in {self.theme_id}"


class Answer(BaseModel):
    """An answer to one contribution or to a theme (and so to every contribution in it). Answers
    are kept as a history; the newest is the current one."""

    class Status(models.TextChoices):
        HEARD = "heard", _("Heard")
        CONSIDERING = "considering", _("Being considered")
        CHANGED = "changed", _("Changed something")
        NOT_POSSIBLE = "not_possible", _("Not possible, and why")
        PASSED_ON = "passed_on", _("Passed to someone else")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="answers")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    text = models.TextField(max_length=4000)
    passed_to = models.CharField(max_length=200, blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, theme__isnull=True)
                | Q(contribution__isnull=True, theme__isnull=False),
                name="voice_answer_to_one_thing",
            ),
            models.CheckConstraint(
                condition=~Q(status="passed_on") | ~Q(passed_to=""),
                name="voice_answer_passed_on_says_to_whom",
            ),
        ]

    def __str__(self) -> str:
        return self.get_status_display()
