"""Reads for youth budget rounds, each scoped to an organisation or to what is public."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

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
from alongside.budgeting.rules_words import AreaFacts, RoundFacts
from alongside.core.errors import NotFound
from alongside.core.selectors import get_in_organisation
from alongside.initiatives import selectors as initiatives_selectors
from alongside.initiatives.models import Initiative

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


# Setting up a round and its public face (services/rounds.py, views/rounds.py) ----------------


def round_feasible_count(*, round_: Round) -> int:
    """How many proposals are going forward to the vote."""
    return Proposal.objects.filter(round=round_, status=Proposal.Status.FEASIBLE).count()


def round_waiting_check_count(*, round_: Round) -> int:
    """How many proposals were sent to the panel (or had their check reopened) and wait for it."""
    return Proposal.objects.filter(round=round_, status=Proposal.Status.SUBMITTED).count()


def initiatives_for_rounds(*, organisation: Organisation) -> QuerySet[Initiative]:
    """The organisation's co-prioritisation initiatives a round can be part of: those not
    closed, newest first."""
    return (
        initiatives_selectors.initiatives_for_organisation(organisation=organisation)
        .filter(forms__code="co-prioritisation")
        .exclude(stage=Initiative.Stage.CLOSED)
        .distinct()
    )


def rounds_public(*, organisation: Organisation) -> QuerySet[Round]:
    """What anyone may see of an organisation's rounds: those past set-up, newest first, with
    their areas (in one more query however many rounds)."""
    return (
        Round.objects.for_organisation(organisation)
        .filter(stage__in=PUBLIC_STAGES)
        .select_related("organisation", "initiative")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name", "pk")))
        .order_by("-created_at", "-pk")
    )


def rounds_open_to(
    *, person: Person, organisations: list[Organisation], now: dt.datetime
) -> list[Round]:
    """Rounds voting now, in the organisations a young person takes part in, whose ages let
    them vote (their age on the day voting closes): one query, soonest closing first. Their
    area is asked when they vote."""
    if not organisations or person.kind != Person.Kind.YOUNG_PERSON:
        return []
    voting = (
        Round.objects.filter(
            organisation__in=organisations,
            stage=Round.Stage.VOTING,
            voting_opens_at__lte=now,
            voting_closes_at__gt=now,
        )
        .select_related("organisation")
        .order_by("voting_closes_at", "pk")
    )
    open_to = []
    for round_ in voting:
        assert round_.voting_closes_at is not None
        age = person.age_on(timezone.localtime(round_.voting_closes_at).date())
        if age is not None and round_.min_age <= age <= round_.max_age:
            open_to.append(round_)
    return open_to


def rules_facts(*, round_: Round) -> RoundFacts:
    """What the rules words (``rules_words``) are made from: the round's settings, its areas
    (one query, or none if they were prefetched) and its times in Europe/London."""

    def local(moment: dt.datetime | None) -> dt.datetime | None:
        return timezone.localtime(moment) if moment is not None else None

    return RoundFacts(
        budget_pence=round_.budget_pence,
        organisation=round_.organisation.name,
        ballot_kind=Kind(round_.ballot_kind),
        max_choices=round_.max_choices,
        points_to_share=round_.points_to_share,
        rule=cast(Any, round_.rule),
        completion=cast(Any, round_.completion),
        min_age=round_.min_age,
        max_age=round_.max_age,
        members_only=round_.members_only,
        areas=tuple(AreaFacts(a.name, a.budget_pence) for a in round_.areas.all()),
        area_voting=cast(Any, round_.area_voting),
        ideas_from=round_.ideas_from,
        feasibility_from=round_.feasibility_from,
        proposals_from=round_.proposals_from,
        voting_opens_at=local(round_.voting_opens_at),
        voting_closes_at=local(round_.voting_closes_at),
        results_on=round_.results_on,
        delivery_from=round_.delivery_from,
        ballots_can_change=round_.ballots_can_change,
        young_people_may_propose=round_.young_people_may_propose,
        groups_may_propose=round_.groups_may_propose,
        organisations_may_propose=round_.organisations_may_propose,
    )
