"""Time credits: what each activity earns, what young people claim, rewards and vouchers.

The money of this domain is the ledger in core (``LedgerAccount`` in minutes): a person's
credits are an account, credits are issued from the organisation's source account, and a
reward redeemed moves them to the partner's account. The rows here say *why* each ledger
transaction happened, so every credit shows where it came from.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.core.models import BaseModel, LedgerTransaction, OrganisationScopedQuerySet


class Basis(models.TextChoices):
    """Why someone was there. Time given because it was ordered or required earns nothing
    (the youth court's rule: jury hours earn, sanction hours do not)."""

    CHOSEN = "chosen", _("They chose to take part")
    SANCTION = "sanction", _("A sanction (for example community service a youth panel ordered)")
    REQUIREMENT = "requirement", _("A requirement (for example a compulsory school activity)")


class Rounding(models.TextChoices):
    EXACT = "exact", _("To the minute")
    DOWN_QUARTER = "down_quarter", _("Down to the quarter hour")
    NEAREST_QUARTER = "nearest_quarter", _("To the nearest quarter hour")
    DOWN_HOUR = "down_hour", _("Down to the hour")


class CreditSettings(BaseModel):
    """An organisation's rules for time credits; one row, made with defaults when first read."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="credit_settings"
    )
    rounding = models.CharField(max_length=20, choices=Rounding.choices, default=Rounding.EXACT)
    # Most credit a person can earn in one week (Monday to Sunday, UK time); none when null.
    weekly_cap_minutes = models.PositiveIntegerField(null=True, blank=True)
    # Burnout signals (issue 16's defaults): over 8 hours in a week, or more than 4 weeks in a
    # row above 4 hours.
    week_limit_minutes = models.PositiveIntegerField(default=8 * 60)
    steady_limit_minutes = models.PositiveIntegerField(default=4 * 60)
    steady_weeks = models.PositiveSmallIntegerField(default=4)

    objects = OrganisationScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Credit rules of {self.organisation_id}"


class ActivityRule(BaseModel):
    """Whether an activity kind earns in an organisation, and at what rate (credit minutes for
    each hour given: 60 is one credit an hour). A kind with no rule earns at 60."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="credit_activity_rules"
    )
    # A kind registered by a domain (credits/sources.py): "session", "board_meeting", "claim"…
    kind = models.CharField(max_length=40)
    earns = models.BooleanField(default=True)
    credit_minutes_per_hour = models.PositiveIntegerField(default=60)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="credits_rule_once"),
            models.CheckConstraint(
                condition=Q(credit_minutes_per_hour__lte=600), name="credits_rule_rate_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.credit_minutes_per_hour}/h"


class Earning(BaseModel):
    """One person's time at one activity, as credits saw it: approved (credited, perhaps 0 by a
    rule), or declined. ``activity_key`` is the source's own name for the activity and person,
    so the same attendance is never credited twice, however often it is approved."""

    class Status(models.TextChoices):
        CREDITED = "credited", _("Credited")
        DECLINED = "declined", _("Not credited")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="earnings")
    source = models.CharField(max_length=40)
    activity_key = models.CharField(max_length=120)
    # The occasion's key (the activity key without its person): what the approve queue counts
    # each occasion's decided people by, in the database.
    occasion_key = models.CharField(max_length=120, blank=True, default="")
    kind = models.CharField(max_length=40)
    # What it was, in words the young person reads ("Youth forum session, 3 March 2026").
    label = models.CharField(max_length=200)
    # What it counts towards in the reports: an initiative or a board ("initiative:12").
    group_key = models.CharField(max_length=60)
    group_label = models.CharField(max_length=200)
    occurred_on = models.DateField()
    # Monday of that week in UK time: burnout is counted by week.
    week_start = models.DateField()
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.CHOSEN)
    minutes_given = models.PositiveIntegerField()
    minutes_credited = models.PositiveIntegerField()
    # Why fewer minutes were credited than given, as a code (credits/earning.py says it in words).
    rule_applied = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transaction = models.OneToOneField(
        LedgerTransaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the worker said when not crediting it, or when taking the credits back: the young
    # person reads it beside the activity.
    decision_note = models.CharField(max_length=300, blank=True)
    # Set when a worker took the credits back (the ledger holds the reversing transaction).
    reversed_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "week_start"], name="credits_earning_week"),
            models.Index(fields=["person", "-occurred_on"], name="credits_earning_person"),
            models.Index(fields=["organisation", "occasion_key"], name="credits_earning_occasion"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "activity_key"], name="credits_earning_once"
            ),
            models.CheckConstraint(
                condition=Q(minutes_given__gte=1, minutes_given__lte=24 * 60),
                name="credits_earning_minutes_valid",
            ),
            # Sanction and requirement hours never earn, whatever a rule or a worker says.
            models.CheckConstraint(
                condition=Q(basis="chosen") | Q(minutes_credited=0),
                name="credits_earning_obligations_earn_nothing",
            ),
            models.CheckConstraint(
                condition=Q(minutes_credited=0, transaction__isnull=True)
                | Q(minutes_credited__gt=0, transaction__isnull=False),
                name="credits_earning_credited_through_ledger",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.minutes_credited} of {self.minutes_given}"


class Claim(BaseModel):
    """Time a young person says they gave, with what they did, for a worker to approve."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a worker")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Not approved")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credit_claims")
    description = models.CharField(max_length=500)
    done_on = models.DateField()
    minutes = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the worker said when not approving it, which the young person reads.
    decision_note = models.CharField(max_length=300, blank=True)
    idempotency_key = models.UUIDField(unique=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=24 * 60), name="credits_claim_minutes"
            )
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk}: {self.minutes} minutes"


class Pot(BaseModel):
    """A group's shared pot of credits (a youth council's, a club's), which members gift to."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="credits_pot_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Partner(BaseModel):
    """A venue or business that gives rewards for credits (a cinema, a leisure centre)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    # People who check and mark this partner's vouchers (the reward-partner role).
    members = models.ManyToManyField(Person, blank=True, related_name="reward_partners")
    # Made when the add page was shown: the same page sent twice adds one.
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="credits_partner_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Reward(BaseModel):
    """Something credits can be spent on. No cash value and no expiry (Children's Code 13)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="rewards"
    )
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=500, blank=True)
    cost_minutes = models.PositiveIntegerField()
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # How many are left; unlimited when null. Taken with a guarded F() update, never below 0.
    stock = models.PositiveIntegerField(null=True, blank=True)
    # Shown on "my credits" as a goal with a progress bar (the laptop at 50 hours).
    is_goal = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Made when the add page was shown: the same page sent twice adds one.
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["cost_minutes", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_minutes__gte=1, cost_minutes__lte=1000 * 60),
                name="credits_reward_cost_valid",
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="credits_reward_ages_in_order",
            ),
            # One "Cinema ticket" in a catalogue: a withdrawn one is offered again, not re-added.
            models.UniqueConstraint(
                fields=["organisation", "name"], name="credits_reward_name_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(BaseModel):
    """Recognition at a number of hours given (a certificate at 10 hours): not spent, a goal."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    minutes = models.PositiveIntegerField()
    # Made when the add page was shown: the same page sent twice adds one.
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["minutes"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "minutes"], name="credits_milestone_once"
            ),
            models.CheckConstraint(condition=Q(minutes__gte=1), name="credits_milestone_minutes"),
        ]

    def __str__(self) -> str:
        return self.name


class Redemption(BaseModel):
    """A reward taken: its voucher code, which the partner checks and marks used once."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Ready to use")
        USED = "used", _("Used")
        CANCELLED = "cancelled", _("Cancelled, credits given back")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reward = models.ForeignKey(Reward, on_delete=models.PROTECT, related_name="redemptions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redemptions")
    cost_minutes = models.PositiveIntegerField()
    # Random, unguessable, shown to the young person and typed by the partner.
    voucher_code = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ISSUED)
    used_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.UUIDField(unique=True, default=uuid.uuid4)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="used", used_at__isnull=False)
                | (~Q(status="used") & Q(used_at__isnull=True)),
                name="credits_redemption_used_when_marked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reward_id} for {self.person_id}"


# The group_key of a person's totals over the whole organisation (GroupHours).
WHOLE_ORGANISATION = "all"


class WeeklyHours(models.Model):
    """Minutes a person gave in one week, kept by the service that records each Earning (in the
    same transaction, with F()), so burnout signals read a few rows, never every earning."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    minutes_given = models.PositiveIntegerField(default=0)
    minutes_credited = models.PositiveIntegerField(default=0)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "week_start", "minutes_given"], name="credits_week_load"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "week_start"], name="credits_week_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in week of {self.week_start}: {self.minutes_given}"


class GroupHours(models.Model):
    """Minutes a person has given to one initiative or board (``group_key``), and to the whole
    organisation (``group_key`` "all"), kept like ``WeeklyHours``: the concentration of
    contribution (top 10% share, Gini) reads one row per contributor."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    group_key = models.CharField(max_length=60)
    group_label = models.CharField(max_length=200)
    minutes_given = models.PositiveIntegerField(default=0)
    # The day credits were last posted for this person here: the report counts the people
    # credited in its months from these rows (a credit taken back later still counts).
    last_credited_on = models.DateField(null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "group_key", "minutes_given"], name="credits_group_load"
            ),
            models.Index(
                fields=["organisation", "group_key", "last_credited_on"],
                name="credits_group_recent",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "group_key", "person"], name="credits_group_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_key}: {self.minutes_given}"


class MonthlyCredits(models.Model):
    """Credits issued and redeemed in one month (by the ledger's date), per initiative or board
    and per month and year of birth, kept by the services that post them (in the same
    transaction, with F()), so the admin's report reads a few hundred rows, never a year of
    lines. ``alongside credits verify`` proves each month's totals equal the ledger's.

    ``group_key`` is "" for what no activity explains (adjustments, redemptions); a birth year
    and month of 0 is "not known" (0, not NULL, so the unique constraint holds on every
    database)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    group_key = models.CharField(max_length=60, blank=True)
    group_label = models.CharField(max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(default=0)
    birth_month = models.PositiveSmallIntegerField(default=0)
    # Signed: a month's reversals can outweigh what it issued.
    issued = models.BigIntegerField(default=0)
    redeemed = models.BigIntegerField(default=0)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "group_key", "birth_year", "birth_month"],
                name="credits_month_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.group_key}: {self.issued} in, {self.redeemed} out"


class GiftCode(models.Model):
    """A person's short code for receiving gifts of credits in one organisation, which they
    tell the giver: young people are never shown a list of members to choose from. Made from
    the person's public id under the audit key, so it is the same each time it is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # Eight letters in two groups, "ABCD-EFGH" (no I, L or O, which look like numbers).
    code = models.CharField(max_length=9)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="credits_gift_code_once"),
            models.UniqueConstraint(
                fields=["organisation", "person"], name="credits_gift_code_per_person"
            ),
        ]

    def __str__(self) -> str:
        return self.code
