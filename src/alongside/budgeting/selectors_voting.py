"""Reads for voting online and receipts: a voter's own ballot, their rounds, a receipt's
ballot and what it helped fund. Nothing here links a ballot to a person for anyone but the
person themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Prefetch, Q, QuerySet

from alongside.accounts.models import Person
from alongside.budgeting.models import Area, Ballot, Participation, Proposal, Result, Round


def own_current_ballot(*, round_: Round, person: Person) -> Ballot | None:
    """The ballot of this person's that counts in this round (online or at a kiosk); None if
    they have not voted, or voted on paper, which points to nobody."""
    return (
        Ballot.objects.filter(
            round=round_, participation__person=person, superseded_at__isnull=True
        )
        .select_related("area")
        .first()
    )


def own_participations(*, person: Person) -> QuerySet[Participation]:
    """Every round this person has voted in, newest first, each with the ballot that counts
    (``current``: a list of none or one) and the round, in three queries however many."""
    return (
        Participation.objects.filter(person=person)
        .select_related("round", "round__organisation")
        .prefetch_related(
            Prefetch(
                "ballots",
                queryset=Ballot.objects.filter(superseded_at__isnull=True),
                to_attr="current",
            )
        )
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class OwnVote:
    """What a person has done in one round: voted, at ``cast_at`` (their ballot that counts, or
    when they were handed a paper one), or only been checked in for a polling station's tablet
    (``cast_at`` None)."""

    channel: str
    cast_at: dt.datetime | None

    @property
    def on_paper(self) -> bool:
        return self.channel == Participation.Channel.PAPER


def own_votes_in(*, person: Person, round_ids: Iterable[int]) -> dict[int, OwnVote]:
    """This person's vote in each of these rounds they have voted in, by round id: one query
    however many rounds."""
    rows = (
        Participation.objects.filter(person=person, round_id__in=list(round_ids))
        .annotate(cast_at=Max("ballots__cast_at", filter=Q(ballots__superseded_at__isnull=True)))
        .values_list("round_id", "channel", "created_at", "cast_at")
    )
    return {
        round_id: OwnVote(
            channel=channel,
            cast_at=cast_at or (created_at if channel == Participation.Channel.PAPER else None),
        )
        for round_id, channel, created_at, cast_at in rows
    }


def area_of(*, round_: Round, area_id: object) -> Area | None:
    """One of the round's areas by its id (as a form or the session holds it), or None."""
    try:
        pk = int(str(area_id))
    except ValueError:
        return None
    return Area.objects.filter(round=round_, pk=pk).first()


def proposals_numbered(*, round_: Round, numbers: list[int]) -> dict[int, Proposal]:
    return {p.number: p for p in Proposal.objects.filter(round=round_, number__in=numbers)}


def receipt_ballot(*, round_: Round, receipt_code: str) -> Ballot | None:
    return Ballot.objects.filter(round=round_, receipt_code=receipt_code).first()


def result_for(*, round_: Round, area_id: int | None) -> Result | None:
    """The published count a ballot was counted in: its area's, or the round's."""
    if area_id is None:
        return Result.objects.filter(round=round_, area__isnull=True).first()
    return Result.objects.filter(round=round_, area_id=area_id).first()
