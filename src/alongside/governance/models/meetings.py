"""A board's meetings: agenda and papers, who came, motions and votes, minutes, actions, and
the private questions young members send before or during a meeting."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Person
from alongside.core.files import private_storage
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.governance.models.boards import Board, BoardScopedQuerySet, Constituency, Seat
from alongside.initiatives.models import Initiative
from alongside.voice.models import Theme


class MeetingScopedQuerySet(OrganisationScopedQuerySet[models.Model]):
    organisation_field = "meeting__board__organisation"


class Meeting(BaseModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Planned")
        IN_PROGRESS = "in_progress", _("Happening now")
        CLOSED = "closed", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    # Where a public body meets (a room at the town hall, online) — not anyone's home.
    location = models.CharField(max_length=120)
    # A public meeting is listed in the organisation's calendar feed and the API; a private
    # one (most boards with children on them) is seen only by the organisation's members.
    is_public = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    papers_published_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Who is in the chair today: the board's chair unless someone else stands in.
    chaired_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["board", "-starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="scheduled", opened_at__isnull=True, closed_at__isnull=True)
                | Q(status="in_progress", opened_at__isnull=False, closed_at__isnull=True)
                | Q(status="closed", opened_at__isnull=False, closed_at__isnull=False)
                | Q(status="cancelled", opened_at__isnull=True),
                name="governance_meeting_status_times",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Paper(BaseModel):
    """A paper for a meeting: a web page first (with a plain-words version), a file as well
    only if there is one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=50000)
    plain_words = models.TextField(max_length=4000, blank=True)
    file = models.FileField(storage=private_storage, upload_to="governance/papers/", blank=True)
    written_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True, null=True, editable=False)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    # What this item is about, written for young members (shown on their briefing page).
    plain_summary = models.TextField(max_length=2000, blank=True)
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    paper = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    idempotency_key = models.UUIDField(unique=True, null=True, editable=False)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="governance_agenda_position_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class MeetingAttendance(BaseModel):
    """Who was at a meeting, and when. The seat's constituency and vote are copied when
    attendance is taken, so a seat changed later never rewrites who was in the room: the
    quorum at any moment, and ``governance verify``, read these rows alone."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="board_attendance")
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    constituency = models.CharField(max_length=20, choices=Constituency.choices)
    votes = models.BooleanField()
    status = models.CharField(max_length=20, choices=Status.choices)
    arrived_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # Minutes of participation, in the same form as a session's attendance (time credits).
    minutes = models.PositiveIntegerField(null=True, blank=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="governance_attend_meeting_once"
            ),
            models.CheckConstraint(
                condition=Q(status="present", arrived_at__isnull=False)
                | (~Q(status="present") & Q(arrived_at__isnull=True, left_at__isnull=True)),
                name="governance_attendance_times_when_present",
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=models.F("arrived_at")),
                name="governance_attendance_left_after_arriving",
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__lte=24 * 60),
                name="governance_attendance_minutes_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"


class Motion(BaseModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CARRIED = "carried", _("Carried")
        LOST = "lost", _("Not carried")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Method(models.TextChoices):
        BY_NAME = "by_name", _("By name")
        SHOW_OF_HANDS = "show_of_hands", _("Show of hands")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    text = models.TextField(max_length=2000)
    proposer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="motions_proposed"
    )
    seconder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="motions_seconded"
    )
    # A motion to approve the minutes of an earlier meeting of the same board.
    approves_minutes = models.ForeignKey(
        "Minutes", null=True, blank=True, on_delete=models.PROTECT, related_name="approving_motions"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    abstentions = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Who was counted for the quorum when the vote was taken (seat constituencies and votes),
    # as the service saw it: kept for the record; ``governance verify`` recomputes it.
    quorum_at_vote = models.JSONField(null=True, blank=True)
    # Plain words for "you said, we did" when it is carried: what changes because of it.
    what_changes = models.TextField(max_length=4000, blank=True)
    proposed_by_recorder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "withdrawn"], decided_at__isnull=True)
                | Q(
                    status__in=["carried", "lost"],
                    decided_at__isnull=False,
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    abstentions__isnull=False,
                ),
                name="governance_motion_decided_with_votes",
            ),
            models.CheckConstraint(
                condition=~Q(status="carried") | Q(votes_for__gt=models.F("votes_against")),
                name="governance_motion_carried_by_majority",
            ),
            # Whatever writes a motion (a page, the API, a shell), it cannot be carried
            # without the quorate verdict it was decided under; `governance verify` then
            # re-checks that verdict against the attendance rows. Each step is spelled out
            # because SQL lets a check pass when it comes out NULL (a missing key).
            models.CheckConstraint(
                condition=~Q(status="carried")
                | Q(
                    quorum_at_vote__isnull=False,
                    quorum_at_vote__has_key="verdict",
                    quorum_at_vote__verdict__has_key="quorate",
                    quorum_at_vote__verdict__quorate=True,
                ),
                name="governance_motion_carried_only_when_quorate",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MotionVote(models.Model):
    """One member's vote on a motion taken by name."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="board_votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "person"], name="governance_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.choice}"


class Minutes(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    body = models.TextField(max_length=50000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", approved_at__isnull=True, published_at__isnull=True)
                | Q(status="approved", approved_at__isnull=False, published_at__isnull=True)
                | Q(status="published", approved_at__isnull=False, published_at__isnull=False),
                name="governance_minutes_status_times",
            )
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting_id}"


class ActionItem(BaseModel):
    """Something a meeting agreed someone will do, by when, tracked to done."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_actions"
    )
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.CharField(max_length=500, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class BriefingQuestion(BaseModel):
    """A young member's private "I didn't understand" or "I want to raise something", to the
    chair or the board's support worker only."""

    class Kind(models.TextChoices):
        DID_NOT_UNDERSTAND = "did_not_understand", _("I didn't understand something")
        WANT_TO_RAISE = "want_to_raise", _("I want to raise something")

    class To(models.TextChoices):
        CHAIR = "chair", _("The chair")
        SUPPORT_WORKER = "support_worker", _("The support worker")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="board_questions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    to = models.CharField(max_length=20, choices=To.choices)
    # The person it was sent to, fixed when sent: a new chair never reads the questions sent
    # to the one before. Empty when the board had no one in that place (its admins read it).
    recipient = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    reply = models.TextField(max_length=2000, blank=True)
    replied_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Question {self.public_id}"
