"""A board, its seats by constituency, its quorum rule, and how young members are recruited."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.files import private_storage
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.governance.quorum import Constituency as QuorumConstituency
from alongside.governance.quorum import Rule
from alongside.initiatives.models import Initiative


class BoardScopedQuerySet(OrganisationScopedQuerySet[models.Model]):
    organisation_field = "board__organisation"


class CallScopedQuerySet(OrganisationScopedQuerySet[models.Model]):
    organisation_field = "call__board__organisation"


class Constituency(models.TextChoices):
    YOUNG_PERSON = QuorumConstituency.YOUNG_PERSON.value, _("Young person")
    RESIDENT = QuorumConstituency.RESIDENT.value, _("Resident, parent or service user")
    PROFESSIONAL = QuorumConstituency.PROFESSIONAL.value, _("Professional or councillor")


class Board(BaseModel):
    class Kind(models.TextChoices):
        YOUTH_BOARD = "youth_board", _("Youth board")
        STEERING_GROUP = "steering_group", _("Project steering group")
        COMMISSIONING_PANEL = "commissioning_panel", _("Commissioning panel")
        ASSOCIATE_GOVERNORS = "associate_governors", _("Associate governors")
        YOUTH_COUNCIL = "youth_council", _("Youth council")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="boards")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="boards"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=120)
    # What the board is for, in plain words a young member reads first.
    purpose = models.CharField(max_length=300)
    # Terms of reference: a web page first (paragraphs of text), a file only as well.
    terms_of_reference = models.TextField(max_length=20000, blank=True)
    terms_file = models.FileField(
        storage=private_storage, upload_to="governance/terms/", blank=True
    )
    # The quorum rule, as data (see governance.quorum.Rule).
    quorum_minimum = models.PositiveSmallIntegerField(default=3)
    quorum_residents = models.PositiveSmallIntegerField(default=1)
    quorum_professionals = models.PositiveSmallIntegerField(default=1)
    quorum_young_people = models.PositiveSmallIntegerField(default=0)
    quorum_young_chair = models.BooleanField(default=False)
    # Who a young member's private "I didn't understand" goes to, besides the chair.
    support_worker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_minimum__gte=1, quorum_minimum__lte=100),
                name="governance_board_quorum_minimum_valid",
            ),
            models.CheckConstraint(
                condition=Q(quorum_residents__gte=1, quorum_residents__lte=10)
                & Q(quorum_professionals__gte=1, quorum_professionals__lte=10),
                name="governance_board_quorum_ratio_valid",
            ),
            models.CheckConstraint(
                condition=Q(quorum_young_people__lte=100),
                name="governance_board_quorum_young_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quorum_rule(self) -> Rule:
        return Rule(
            minimum_present=self.quorum_minimum,
            residents=self.quorum_residents,
            professionals=self.quorum_professionals,
            minimum_young_people=self.quorum_young_people,
            chair_is_young_person=self.quorum_young_chair,
        )


class Seat(BaseModel):
    """A place on a board for one constituency, held by one person for a term (or vacant)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associate member")
        OBSERVER = "observer", _("Observer (no vote)")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="seats")
    constituency = models.CharField(max_length=20, choices=Constituency.choices)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    holder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_seats"
    )
    term_starts = models.DateField(null=True, blank=True)
    term_ends = models.DateField(null=True, blank=True)
    # Seats made before keys were asked for have none; every service call gives one.
    idempotency_key = models.UUIDField(unique=True, null=True, editable=False)

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["board", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "holder"],
                condition=Q(holder__isnull=False),
                name="governance_one_seat_per_person",
            ),
            models.UniqueConstraint(
                fields=["board"], condition=Q(role="chair"), name="governance_one_chair"
            ),
            models.UniqueConstraint(
                fields=["board"], condition=Q(role="vice_chair"), name="governance_one_vice_chair"
            ),
            models.CheckConstraint(
                condition=Q(term_starts__isnull=True)
                | Q(term_ends__isnull=True)
                | Q(term_ends__gte=models.F("term_starts")),
                name="governance_seat_term_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.get_constituency_display()})"

    @property
    def votes(self) -> bool:
        return self.role != Seat.Role.OBSERVER


class GlossaryTerm(BaseModel):
    """A word young members might not know, explained; linked from every board paper."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(max_length=80)
    meaning = models.CharField(max_length=600)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["term", "pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("term"), name="governance_glossary_term_once"
            )
        ]

    def __str__(self) -> str:
        return self.term


class Call(BaseModel):
    """An open call for young people (or residents) to join a board."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="calls")
    constituency = models.CharField(
        max_length=20, choices=Constituency.choices, default=Constituency.YOUNG_PERSON
    )
    title = models.CharField(max_length=120)
    # What joining means, in plain words: what members do, how often, what support there is.
    description = models.TextField(max_length=3000)
    places = models.PositiveSmallIntegerField(default=1)
    closes_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1, places__lte=50), name="governance_call_places_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Application(BaseModel):
    """A young person's answer to a call, in their own words, and what was decided."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected this time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="board_applications")
    why = models.TextField(max_length=2000)
    bring = models.TextField(max_length=2000, blank=True)
    support_needed = models.TextField(max_length=1000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # Told to the applicant in plain words, whatever the outcome.
    outcome_message = models.TextField(max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = CallScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="governance_apply_once"),
            models.CheckConstraint(
                condition=Q(status__in=["received", "withdrawn"], decided_at__isnull=True)
                | Q(status__in=["selected", "not_selected"], decided_at__isnull=False),
                name="governance_application_decided_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"Application {self.public_id}"
