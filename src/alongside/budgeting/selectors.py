"""Reads for youth budget rounds, each scoped to an organisation or to what is public."""

from __future__ import annotations

import uuid

from django.db import connection
from django.db.models import QuerySet

from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting.ballot_paper import BallotRules, Kind
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    Participation,
    Proposal,
    Round,
)
from alongside.core.errors import NotFound
from alongside.core.selectors import get_in_organisation

NOT_HERE = "That round is not part of this organisation."
NOT_PUBLIC = "There is no youth budget round at this address."

# Stages in which a round is seen outside staff.
PUBLIC_STAGES = frozenset(
    {
        Round.Stage.RULES,
        Round.Stage.IDEAS,
        Round.Stage.FEASIBILITY,
        Round.Stage.PROPOSALS,
        Round.Stage.VOTING,
        Round.Stage.COUNTING,
        Round.Stage.RESULTS,
        Round.Stage.DELIVERY,
        Round.Stage.CLOSED,
    }
)


def rounds_for_organisation(*, organisation: Organisation) -> QuerySet[Round]:
    return Round.objects.for_organisation(organisation).select_related("initiative")


def round_get(*, organisation: Organisation, public_id: str) -> Round:
    return get_in_organisation(
        Round.objects.select_related("organisation", "initiative"),
        organisation=organisation,
        public_id=public_id,
        not_found=NOT_HERE,
    )


def round_public_get(*, public_id: str) -> Round:
    found = (
        Round.objects.select_related("organisation", "initiative")
        .filter(public_id=public_id, stage__in=PUBLIC_STAGES)
        .first()
    )
    if found is None:
        raise NotFound(NOT_PUBLIC)
    return found


def round_key_shared(*, round_: Round) -> Round:
    """The round as committed now, held so that it cannot close until this transaction ends.

    On PostgreSQL a key-share lock: ballots do not wait for each other, but closing the round
    (``round_locked``, FOR UPDATE) waits for every ballot in flight, and a ballot arriving
    while a close is in flight waits for it and then reads the closed round. The foreign key
    from a ballot to its round cannot do this, as Django makes its checks deferred to commit.
    SQLite lets one transaction write at a time, so a plain read is enough there.
    """
    if connection.vendor != "postgresql":
        return Round.objects.get(pk=round_.pk)
    table = connection.ops.quote_name(Round._meta.db_table)
    return Round.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR KEY SHARE", [round_.pk])[0]  # noqa: S608


def round_locked(*, round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def round_has_areas(*, round_: Round) -> bool:
    return Area.objects.filter(round=round_).exists()


def areas_of(*, round_: Round) -> QuerySet[Area]:
    return Area.objects.filter(round=round_).order_by("name", "pk")


def on_ballot(*, round_: Round, area: Area | None) -> QuerySet[Proposal]:
    """The proposals on a voter's ballot paper: those going forward, in their area (or every
    area, when the round votes across areas or has none)."""
    proposals = Proposal.objects.filter(round=round_, status=Proposal.Status.FEASIBLE)
    if area is not None:
        proposals = proposals.filter(area=area)
    return proposals.order_by("number")


def ballot_rules(*, round_: Round, area: Area | None) -> BallotRules:
    proposals = on_ballot(round_=round_, area=area)
    costs = dict(proposals.values_list("number", "cost_pence"))
    budget = round_.budget_pence
    if area is not None and area.budget_pence is not None:
        budget = area.budget_pence
    return BallotRules(
        kind=Kind(round_.ballot_kind),
        costs=costs,
        budget_pence=budget,
        max_choices=round_.max_choices,
        points_to_share=round_.points_to_share,
    )


def participation_locked(*, round_: Round, person: Person) -> Participation:
    return Participation.objects.select_for_update().get(round=round_, person=person)


def participation_of(*, round_: Round, person: Person) -> Participation | None:
    return Participation.objects.filter(round=round_, person=person).first()


def current_ballot_locked(*, participation: Participation) -> QuerySet[Ballot]:
    return Ballot.objects.select_for_update().filter(
        participation=participation, superseded_at__isnull=True
    )


def participation_has_ballot(*, participation: Participation) -> bool:
    return Ballot.objects.filter(participation=participation).exists()


def paper_number_used(*, round_: Round, paper_number: str) -> bool:
    return Ballot.objects.filter(round=round_, paper_number=paper_number).exists()


def paper_entry_locked(*, entry: PaperEntry) -> PaperEntry:
    return PaperEntry.objects.select_for_update().get(pk=entry.pk)


def is_young_person_here(*, round_: Round, person: Person) -> bool:
    return Membership.objects.filter(
        organisation_id=round_.organisation_id, person=person, role=Role.YOUNG_PERSON
    ).exists()


def counted_ballots(*, round_: Round) -> QuerySet[Ballot]:
    """The ballots that count: every one not superseded."""
    return Ballot.objects.filter(round=round_, superseded_at__isnull=True).order_by("pk")


def ballot_by_key(*, idempotency_key: uuid.UUID) -> Ballot | None:
    return (
        Ballot.objects.select_related("participation")
        .filter(idempotency_key=idempotency_key)
        .first()
    )


def ballot_by_receipt(*, round_: Round, receipt_code: str) -> Ballot | None:
    return Ballot.objects.filter(round=round_, receipt_code=receipt_code).first()
