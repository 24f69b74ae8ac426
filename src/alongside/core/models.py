from __future__ import annotations

from datetime import UTC
from typing import Any, Self, TypeVar

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone


class BaseModel(models.Model):
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


_M = TypeVar("_M", bound=models.Model)


class TenantQuerySet(models.QuerySet[_M]):
    """Rows that belong to organisations. Every read of tenant data says which organisation it
    is for; how a model belongs to one is up to its queryset. Generic in the model, so that
    ``Model.objects.for_organisation(org)`` is a queryset of that model to the type checker."""

    def for_organisation(self, organisation: Any) -> Self:
        raise NotImplementedError(f"{type(self).__name__} does not say how rows are scoped.")


class OrganisationScopedQuerySet(TenantQuerySet[_M]):
    """For models with a foreign key to their organisation."""

    organisation_field = "organisation"

    def for_organisation(self, organisation: Any) -> Self:
        return self.filter(**{self.organisation_field: organisation})


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_organisation(self, organisation: Any) -> AuditEventQuerySet:
        return self.filter(organisation_id=organisation.pk)


# An organisation's chain is keyed by its id; installation-wide events (no organisation) by 0,
# which no organisation has, so one unique constraint covers both on SQLite and PostgreSQL.
CHAIN_OF = Coalesce("organisation_id", Value(0))


class AuditEvent(models.Model):
    """An append-only, hash-chained record of something that happened.

    It holds ids and a summary, never a young person's name or details: the trail must be safe
    to show to an auditor. Ids are plain integers rather than foreign keys so that the trail
    outlives what it describes. Each organisation has its own chain (and the installation one
    for events with no organisation), numbered from 1, so that writers in different
    organisations never wait for each other.
    """

    sequence = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        # Sequences are per chain, so the order across chains is the order of writing.
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation_id", "sequence"])]
        constraints = [
            models.UniqueConstraint(CHAIN_OF, F("sequence"), name="core_auditevent_one_per_place")
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only.")

    def chain_payload(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "organisation_id": self.organisation_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "data": self.data,
        }


class AuditChainHead(models.Model):
    """One row per chain, locked by each writer so that chain's events are added one at a time.

    ``seal`` is a MAC over the chain, sequence and hash under the audit key, so a head lowered
    to hide removed events does not check out.
    """

    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    seal = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(CHAIN_OF, name="core_auditchainhead_one_per_chain")]

    def __str__(self) -> str:
        return f"Audit chain {self.organisation_id or 'installation'} at event {self.last_sequence}"


class LedgerAccount(models.Model):
    """An account in the books of one organisation, in one unit (core/ledger.py).

    Owners are plain ids, like the audit trail's, so that the books outlive what they describe
    and no domain's row can be deleted out from under them. ``balance`` is a cache of the sum of
    the account's lines, written only by ``ledger_books`` in the same transaction as the lines,
    under a row lock; ``alongside credits verify`` proves it equal to the sum.
    """

    class Owner(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        PARTNER = "partner", "Reward partner"
        POT = "pot", "Group pot"
        SYSTEM = "system", "The books"

    class Unit(models.TextChoices):
        MINUTES = "minutes", "Minutes of time credit"
        PENCE = "pence", "Pence"

    organisation_id = models.PositiveBigIntegerField()
    owner_kind = models.CharField(max_length=20, choices=Owner.choices)
    owner_id = models.PositiveBigIntegerField(default=0)
    # What the account is for, in its owner's books: "credits", "issued", "redeemed".
    purpose = models.CharField(max_length=40)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    # Only the books' own source accounts, from which credits are issued, go below zero.
    may_go_negative = models.BooleanField(default=False)
    balance = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "owner_kind", "owner_id", "purpose", "unit"],
                name="core_ledgeraccount_one_per_owner_and_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(may_go_negative=True) | models.Q(balance__gte=0),
                name="core_ledgeraccount_not_overdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_kind} {self.owner_id} {self.purpose} ({self.unit})"


class LedgerTransaction(models.Model):
    """Two or more lines that sum to zero, written once and never changed (core/ledger.py)."""

    organisation_id = models.PositiveBigIntegerField(db_index=True)
    # What it was, in the words of the domain that posted it: "earn", "redeem", "gift".
    kind = models.CharField(max_length=40)
    reason = models.CharField(max_length=300, blank=True)
    actor_id = models.PositiveBigIntegerField(null=True, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)
    # A transaction is reversed at most once, by a transaction that points back at it.
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    idempotency_key = models.UUIDField(unique=True)
    seal = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Ledger transactions are append-only: post a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Ledger transactions are append-only: post a reversal instead.")

    def seal_fields(self) -> dict[str, object]:
        return {
            "organisation_id": self.organisation_id,
            "kind": self.kind,
            "reason": self.reason,
            "actor_id": self.actor_id,
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat(),
            "reverses": self.reverses_id,
            "idempotency_key": str(self.idempotency_key),
        }


class LedgerLine(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="lines"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="lines")
    amount = models.BigIntegerField()
    # The account's balance once this line was posted: a history page reads it, never a sum.
    balance_after = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["account", "-id"], name="core_ledgerline_history")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="core_ledgerline_not_zero"),
            models.UniqueConstraint(
                fields=["transaction", "account"], name="core_ledgerline_one_per_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} in account {self.account_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Ledger lines are append-only: post a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Ledger lines are append-only: post a reversal instead.")
