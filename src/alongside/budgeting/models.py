"""Youth budget rounds: the round and its settings, the proposals on its ballot, and the ballots.

A round is a co-prioritisation initiative's vote on how a budget is shared out. Its settings
are the tally engine's inputs (``budgeting.rules``): the ballot kind, the rule and completion.
Money is integer pence throughout; the Pabulib file a round publishes counts in pounds.

Who voted and how they voted are kept apart, as on a paper register and a ballot box: a
``Participation`` row says a person has voted in a round (one each, by a unique constraint),
and a ``Ballot`` holds the choices. An online or kiosk ballot points to its participation so
that a voter may change it while the round allows; a paper ballot points to nobody. Ballots
are append-only: a changed ballot is a new row and the old one is marked superseded.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.files import private_storage
from alongside.core.models import BaseModel, OrganisationScopedQuerySet
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution

_M = TypeVar("_M", bound=models.Model)


class RoundScopedQuerySet(OrganisationScopedQuerySet[_M]):
    organisation_field = "round__organisation"


class Round(BaseModel):
    class Stage(models.TextChoices):
        """The stages of a round, in order. ``SETUP`` is before anyone outside staff sees it."""

        SETUP = "setup", _("Being set up")
        RULES = "rules", _("Rules agreed")
        IDEAS = "ideas", _("Gathering ideas")
        FEASIBILITY = "feasibility", _("Checking ideas")
        PROPOSALS = "proposals", _("Proposals ready")
        VOTING = "voting", _("Voting")
        COUNTING = "counting", _("Counting")
        RESULTS = "results", _("Results")
        DELIVERY = "delivery", _("Delivering projects")
        CLOSED = "closed", _("Closed")

    class BallotKind(models.TextChoices):
        CHOOSE_UP_TO = "choose_up_to", _("Choose up to a number of projects")
        CHOOSE_ONE = "choose_one", _("Choose exactly one project")
        APPROVAL_WITHIN_BUDGET = "approval_budget", _("Choose projects that fit in the budget")
        POINTS = "points", _("Share out points")
        RANK = "rank", _("Put up to a number of projects in order")

    class Rule(models.TextChoices):
        """The tally engine's rules a round may use (``budgeting.rules.tally``)."""

        EQUAL_SHARES = "mes", _("Equal Shares")
        GREEDY = "greedy", _("Most votes first")

    class Completion(models.TextChoices):
        NONE = "none", _("No completion")
        ADD1 = "add1", _("Raise everyone's share until the money is used")
        ADD1_GREEDY = "add1-greedy", _("Raise everyone's share, then most votes first")

    class AreaVoting(models.TextChoices):
        OWN = "own", _("Voters vote in their own area only")
        EVERY = "every", _("Voters vote in every area")

    class TallyState(models.TextChoices):
        NOT_STARTED = "", _("Not started")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Counting")
        DONE = "done", _("Counted")
        FAILED = "failed", _("Could not be counted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rounds")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=2000, blank=True)
    budget_pence = models.PositiveBigIntegerField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SETUP)

    # Stage dates (local dates the rules page shows). Voting opens and closes at set times.
    ideas_from = models.DateField(null=True, blank=True)
    feasibility_from = models.DateField(null=True, blank=True)
    proposals_from = models.DateField(null=True, blank=True)
    voting_opens_at = models.DateTimeField(null=True, blank=True)
    voting_closes_at = models.DateTimeField(null=True, blank=True)
    results_on = models.DateField(null=True, blank=True)
    delivery_from = models.DateField(null=True, blank=True)

    # Eligibility: age on the day voting closes, membership, and areas (below).
    min_age = models.PositiveSmallIntegerField(default=11)
    max_age = models.PositiveSmallIntegerField(default=19)
    members_only = models.BooleanField(default=True)
    area_voting = models.CharField(
        max_length=10, choices=AreaVoting.choices, default=AreaVoting.OWN
    )

    # The ballot paper and the count.
    ballot_kind = models.CharField(
        max_length=20, choices=BallotKind.choices, default=BallotKind.CHOOSE_UP_TO
    )
    # For "choose up to" and "rank up to": how many.
    max_choices = models.PositiveSmallIntegerField(null=True, blank=True)
    # For "share out points": how many points each voter has.
    points_to_share = models.PositiveSmallIntegerField(null=True, blank=True)
    rule = models.CharField(max_length=20, choices=Rule.choices, default=Rule.EQUAL_SHARES)
    completion = models.CharField(
        max_length=20, choices=Completion.choices, default=Completion.ADD1_GREEDY
    )
    # A voter may change their ballot until voting closes; the last one counts.
    ballots_can_change = models.BooleanField(default=False)

    # Who may put forward ideas for proposals.
    young_people_may_propose = models.BooleanField(default=True)
    groups_may_propose = models.BooleanField(default=True)
    organisations_may_propose = models.BooleanField(default=False)

    # The sections of the set-up task list a worker has saved ("about", "areas", ...). Most
    # settings have working defaults, so a section counts as done only once someone chose it.
    setup_saved = models.JSONField(default=list, blank=True)

    # Sealing and counting. The seal is a SHA-256 over the round's Pabulib file(s).
    sealed_at = models.DateTimeField(null=True, blank=True)
    seal = models.CharField(max_length=64, blank=True)
    tally_state = models.CharField(
        max_length=10, choices=TallyState.choices, default=TallyState.NOT_STARTED, blank=True
    )
    tally_progress = models.PositiveSmallIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    # A round loaded from a Pabulib file (a past round, for demos and researchers).
    imported = models.BooleanField(default=False)

    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_pence__gte=1), name="budgeting_round_budget_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")),
                name="budgeting_round_ages_in_order",
            ),
            models.CheckConstraint(
                condition=Q(voting_opens_at__isnull=True)
                | Q(voting_closes_at__isnull=True)
                | Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="budgeting_round_voting_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="budgeting_round_max_choices_positive",
            ),
            models.CheckConstraint(
                condition=Q(points_to_share__isnull=True) | Q(points_to_share__gte=1),
                name="budgeting_round_points_positive",
            ),
            # Results are published only from a sealed, counted ballot set.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | ~Q(seal=""),
                name="budgeting_round_published_after_seal",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Area(BaseModel):
    """A school, ward or youth club a round is shared across, with its part of the budget."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=80)
    # Its own part of the budget; empty when the round has one budget for every area.
    budget_pence = models.PositiveBigIntegerField(null=True, blank=True)

    objects = RoundScopedQuerySet["Area"].as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="budgeting_area_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being written")
        SUBMITTED = "submitted", _("Waiting for the feasibility check")
        FEASIBLE = "feasible", _("Going forward to the vote")
        NOT_FEASIBLE = "not_feasible", _("Not going forward")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class ProposedBy(models.TextChoices):
        YOUNG_PERSON = "young_person", _("A young person")
        GROUP = "group", _("A group of young people")
        ORGANISATION = "organisation", _("An organisation")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    # The project's id in the round's Pabulib file: a small number, fixed when it is made.
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=3000)
    proposed_by = models.CharField(max_length=20, choices=ProposedBy.choices)
    # The group or organisation's name, when one proposed it.
    proposer_name = models.CharField(max_length=120, blank=True)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who wrote it: a young person may change the proposals they wrote or lead, and no others.
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The sum of its cost lines, kept by the services that change them.
    cost_pence = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Published on the round's page when a proposal does not go forward.
    not_feasible_reason = models.TextField(max_length=2000, blank=True)
    # Published on the round's page when its lead or staff withdraw it before the vote
    # (optional: a lead may not want to say why).
    withdrawn_reason = models.TextField(max_length=1000, blank=True)
    # A funded project's delivery: finished on this day (its milestones say how it got there).
    delivered_on = models.DateField(null=True, blank=True)
    ideas = models.ManyToManyField(Contribution, blank=True, related_name="proposals")
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = RoundScopedQuerySet["Proposal"].as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="budgeting_proposal_number"),
            models.CheckConstraint(
                condition=~Q(status="not_feasible") | ~Q(not_feasible_reason=""),
                name="budgeting_proposal_not_feasible_says_why",
            ),
            models.CheckConstraint(
                condition=Q(status="withdrawn") | Q(withdrawn_reason=""),
                name="budgeting_proposal_withdrawn_reason_only_if_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CostLine(BaseModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cost_lines")
    item = models.CharField(max_length=120)
    pence = models.PositiveBigIntegerField()
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pence__gte=1), name="budgeting_cost_line_positive")
        ]

    def __str__(self) -> str:
        return self.item


class ProposalPhoto(BaseModel):
    """A photo of a proposal (a drawing, the place it is for), stored privately and served
    only through a view that checks who may see it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="proposals/%Y/%m/", storage=private_storage)
    description = models.CharField(max_length=200)
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class PanelMember(BaseModel):
    """Someone on a round's feasibility panel. The panel must include young people.

    Taking someone off the panel marks them removed rather than deleting the row, so the
    interests they declared stay on the record; adding them again clears the mark."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panel")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = RoundScopedQuerySet["PanelMember"].as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="budgeting_panel_once")
        ]

    def __str__(self) -> str:
        return str(self.person_id)


class ConflictOfInterest(BaseModel):
    """A panel member's declared interest in a proposal: they take no part in its check."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="conflicts")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="conflicts")
    interest = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal"], name="budgeting_conflict_once")
        ]

    def __str__(self) -> str:
        return self.interest


class FeasibilityCheck(BaseModel):
    """The panel's check of one proposal: legal, costed, in scope."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="feasibility")
    is_legal = models.BooleanField()
    is_costed = models.BooleanField()
    is_in_scope = models.BooleanField()
    notes = models.TextField(max_length=2000, blank=True)
    checked_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"check of {self.proposal_id}"


class Participation(BaseModel):
    """A person has voted in a round (online, at a kiosk, or handed a paper ballot). One each."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        KIOSK = "kiosk", _("At a polling station, on a tablet")
        PAPER = "paper", _("At a polling station, on paper")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Their area, where the round is shared across areas (for turnout and their ballot paper).
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The age band turnout is shown by (never the birth date): "11-13", "14-16", "17-19"...
    age_band = models.CharField(max_length=10, blank=True)
    polling_station = models.ForeignKey(
        "PollingStation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = RoundScopedQuerySet["Participation"].as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="budgeting_participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.round_id}"


class PollingStation(BaseModel):
    """A place and time where young people vote in person, run by a worker."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="polling_stations")
    name = models.CharField(max_length=120)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when a station opened by mistake is cancelled before anyone used it: kept, not
    # deleted, so the audit trail and the round's list still say what happened to it.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = RoundScopedQuerySet["PollingStation"].as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="budgeting_station_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    """One ballot's choices. Never updated or deleted once cast, except to mark it superseded.

    ``choices`` lists proposal numbers (as the Pabulib file names them): for ranked ballots in
    order, best first; for points ballots ``points`` holds each one's points, position by
    position. The receipt code is the voter's to keep; the Pabulib file names each ballot by a
    hash of it, so the file never holds a code.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        KIOSK = "kiosk", _("At a polling station, on a tablet")
        PAPER = "paper", _("On paper")
        DEVICE = "device", _("Entered on a device and sent later")
        IMPORTED = "imported", _("Imported from a file")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    # Empty for paper and imported ballots: nothing ties those to a person.
    participation = models.ForeignKey(
        Participation, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots"
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    choices = models.JSONField()
    points = models.JSONField(null=True, blank=True)
    receipt_code = models.CharField(max_length=20, unique=True)
    cast_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    # Paper ballots: the number printed on the paper, once per round.
    paper_number = models.CharField(max_length=20, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = RoundScopedQuerySet["Ballot"].as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["round", "superseded_at"])]
        constraints = [
            # One counted ballot per participation: changing a ballot supersedes the last.
            models.UniqueConstraint(
                fields=["participation"],
                condition=Q(superseded_at__isnull=True, participation__isnull=False),
                name="budgeting_ballot_one_current",
            ),
            models.UniqueConstraint(
                fields=["round", "paper_number"],
                condition=~Q(paper_number=""),
                name="budgeting_ballot_paper_once",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["paper", "imported"]) | Q(participation__isnull=False),
                name="budgeting_ballot_voter_unless_paper",
            ),
        ]

    def __str__(self) -> str:
        return f"ballot {self.pk} in {self.round_id}"


class PaperEntry(BaseModel):
    """One worker's typing of a paper ballot. A second worker types it again; when the two
    agree a ``Ballot`` is cast, and when they differ it is held, not counted."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a second worker")
        COUNTED = "counted", _("Both entries agree: counted")
        HELD = "held", _("The two entries differ: held")
        # A round manager looked at a held paper and found it could not be counted.
        SPOILT = "spoilt", _("Looked at and spoilt: not counted")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="paper_entries")
    polling_station = models.ForeignKey(
        PollingStation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paper_number = models.CharField(max_length=20)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    choices = models.JSONField()
    points = models.JSONField(null=True, blank=True)
    entered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_choices = models.JSONField(null=True, blank=True)
    second_points = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    ballot = models.OneToOneField(
        Ballot, null=True, blank=True, on_delete=models.PROTECT, related_name="paper_entry"
    )
    idempotency_key = models.UUIDField(unique=True)
    # A held paper, looked at by a round manager: counted as one entry had it, or spoilt.
    resolved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    spoilt_reason = models.CharField(max_length=300, blank=True)

    objects = RoundScopedQuerySet["PaperEntry"].as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "paper_number"], name="budgeting_paper_entry_once"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=models.F("entered_by")),
                name="budgeting_paper_entry_two_workers",
            ),
            models.CheckConstraint(
                condition=~Q(status="spoilt") | ~Q(spoilt_reason=""),
                name="budgeting_paper_entry_spoilt_says_why",
            ),
            # Only a held paper is looked at again, so only one that was held has a resolver.
            models.CheckConstraint(
                condition=Q(resolved_by__isnull=True)
                | Q(status__in=["counted", "spoilt"], resolved_at__isnull=False),
                name="budgeting_paper_entry_resolved_once",
            ),
        ]

    def __str__(self) -> str:
        return f"paper {self.paper_number}"


class Result(BaseModel):
    """The engine's count of a round (one per area where the round has sub-budgets)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField(max_length=20)
    completion = models.CharField(max_length=20)
    budget_pence = models.PositiveBigIntegerField()
    ballots_counted = models.PositiveIntegerField()
    # Proposal numbers funded, in the order the rule chose them.
    selected = models.JSONField()
    # What plain "most votes first" would have funded, for the results page to show beside.
    greedy_selected = models.JSONField()
    # Per proposal number: votes, and the engine's plain-words explanation.
    projects = models.JSONField()
    # SHA-256 of the Pabulib file counted (the seal is made from these).
    file_sha256 = models.CharField(max_length=64)

    objects = RoundScopedQuerySet["Result"].as_manager()

    class Meta:
        ordering = ["area__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "area"], name="budgeting_result_once_per_area"
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(area__isnull=True),
                name="budgeting_result_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"result of {self.round_id}"


class Milestone(BaseModel):
    """Delivery of a funded proposal: what was done, what it cost, and when it is done."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    spent_pence = models.PositiveBigIntegerField(default=0)
    photo = models.ImageField(upload_to="milestones/%Y/%m/", storage=private_storage, blank=True)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class SealedFile(BaseModel):
    """A round's Pabulib file as it was sealed at close: exactly the bytes the seal hashes, kept
    so that the download is always those bytes, and the count and ``alongside budget verify``
    start from them. One per round, or one per area when areas have their own budgets."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sealed_files")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The area's name as sealed (the seal's key), "" for a round with one budget.
    area_name = models.CharField(max_length=80, blank=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64)

    objects = RoundScopedQuerySet["SealedFile"].as_manager()

    class Meta:
        ordering = ["area_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "area_name"], name="budgeting_sealed_file_once_per_area"
            )
        ]

    def __str__(self) -> str:
        return f"sealed file of {self.round_id} {self.area_name}".strip()
