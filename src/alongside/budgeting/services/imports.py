"""Loading a past round from a Pabulib file, for demos and researchers.

The file's projects become proposals (going forward to the vote) and its votes become
ballots marked as imported, tied to nobody; the round is then sealed and counted exactly as
a round voted in Alongside, so its results page, its re-count file and ``budget verify``
all work the same. The file is checked line by line first: a file that cannot be read loads
nothing, and the message names the line.

What the file cannot say is set plainly: the round is marked imported, has no voting dates
of its own (it "closed" when it was loaded) and no age rule (the file's voters were checked
by whoever ran it).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.budgeting.models import Ballot, Proposal, Round
from alongside.budgeting.permissions import ROUND_MANAGE
from alongside.budgeting.rules import BallotKind, Election, PabulibError, parse_pabulib
from alongside.budgeting.services.ballots import receipt_code_new
from alongside.budgeting.services.results import round_seal_loaded
from alongside.budgeting.services.rounds import MAX_BUDGET_PENCE
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.initiatives.models import Initiative
from alongside.initiatives.selectors import initiative_has_form

# The largest file a page or the command will load (Pabulib's largest files are about this).
MAX_FILE_BYTES = 50 * 1024 * 1024
BATCH = 5000


def _pence(amount: Fraction | int, what: str) -> int:
    pence = Fraction(amount) * 100
    if pence.denominator != 1:
        raise ValidationFailed(
            f"{what} has fractions of a penny, which a round cannot hold.", field="file"
        )
    return int(pence)


def _kind_and_limits(election: Election) -> tuple[str, int | None, int | None]:
    """The round's ballot kind, how many choices and how many points, from the file's META."""
    meta = election.instance.meta
    kind = election.profile.kind
    max_length = meta.get("max_length", "").strip()
    if kind is BallotKind.APPROVAL:
        if meta.get("max_sum_cost", "").strip():
            return Round.BallotKind.APPROVAL_WITHIN_BUDGET, None, None
        if max_length == "1":
            return Round.BallotKind.CHOOSE_ONE, None, None
        return (
            Round.BallotKind.CHOOSE_UP_TO,
            int(max_length) if max_length.isdigit() else None,
            None,
        )
    if kind is BallotKind.CUMULATIVE:
        given = meta.get("max_sum_points", "").strip()
        most = max(
            (sum(int(p) for p in b.points or ()) for b in election.profile.ballots), default=1
        )
        return Round.BallotKind.POINTS, None, int(given) if given.isdigit() else max(most, 1)
    if kind is BallotKind.ORDINAL:
        return Round.BallotKind.RANK, int(max_length) if max_length.isdigit() else None, None
    raise ValidationFailed(
        "This file's votes give each project a score, and a round has no such ballot: "
        "load a file of approval, points or ranked votes.",
        field="file",
    )


def _numbers(election: Election) -> dict[str, int]:
    """Each project's number in the round: its id where every id is a whole number, else its
    place in the file (the file's ids are kept in the proposal's summary)."""
    ids = [p.id for p in election.instance.projects]
    if all(i.isdigit() and int(i) > 0 for i in ids) and len({int(i) for i in ids}) == len(ids):
        return {i: int(i) for i in ids}
    return {i: n for n, i in enumerate(ids, start=1)}


def _completion(rule: str, *, greedy: bool) -> str:
    """The completion the file's ``rule`` names (Pabulib: ``equalshares/add1``); Equal Shares
    with add1 then greedy when it names none, as equalshares.net recommends."""
    if greedy:
        return Round.Completion.NONE
    if "add1-greedy" in rule or "add1_greedy" in rule:
        return Round.Completion.ADD1_GREEDY
    if "add1" in rule:
        return Round.Completion.ADD1
    if rule.strip():
        return Round.Completion.NONE
    return Round.Completion.ADD1_GREEDY


def read_election(text: str | bytes) -> Election:
    """The file, read, or ``ValidationFailed`` naming the line that cannot be read."""
    if len(text) > MAX_FILE_BYTES:
        raise ValidationFailed("The file must be smaller than 50 MB.", field="file")
    try:
        election = parse_pabulib(text)
    except PabulibError as error:
        where = f"Line {error.line}: " if error.line else ""
        raise ValidationFailed(f"{where}{error.reason}", field="file") from None
    if not election.profile.ballots:
        raise ValidationFailed("The file has no votes, so there is nothing to count.", field="file")
    return election


@transaction.atomic
def round_import(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    text: str | bytes,
    idempotency_key: uuid.UUID,
) -> Round:
    """Load the file as a past round of ``initiative``, sealed and queued to be counted."""
    require(actor, ROUND_MANAGE, organisation)
    if initiative.organisation_id != organisation.pk or not initiative_has_form(
        initiative=initiative, code="co-prioritisation"
    ):
        raise ValidationFailed(
            "Choose an initiative of this organisation whose forms include co-prioritisation.",
            field="initiative",
        )
    election = read_election(text)
    instance = election.instance
    budget = _pence(instance.budget, "The budget")
    if not 1 <= budget <= MAX_BUDGET_PENCE:
        raise ValidationFailed(
            "The file's budget must be between 1p and £100,000,000.", field="file"
        )
    kind, max_choices, points = _kind_and_limits(election)
    numbers = _numbers(election)
    costs = {p.id: _pence(p.cost, f"Project {p.id}'s cost") for p in instance.projects}
    meta = instance.meta
    title = (
        meta.get("description") or f"{meta.get('unit', '')} {meta.get('instance', '')}"
    ).strip()
    rule = meta.get("rule", "")
    greedy = "greedy" in rule and "equal" not in rule
    where = " ".join(part for part in (meta.get("unit", ""), meta.get("country", "")) if part)

    def create() -> Round:
        now = timezone.now()
        round_ = Round.objects.create(
            organisation=organisation,
            initiative=initiative,
            title=(title or "A past round")[:120],
            summary=f"Loaded from a Pabulib file: {where}."
            if where
            else "Loaded from a Pabulib file.",
            budget_pence=budget,
            stage=Round.Stage.VOTING,
            voting_opens_at=now - dt.timedelta(seconds=1),
            voting_closes_at=now,
            min_age=0,
            max_age=150,
            members_only=False,
            ballot_kind=kind,
            max_choices=max_choices,
            points_to_share=points,
            rule=Round.Rule.GREEDY if greedy else Round.Rule.EQUAL_SHARES,
            completion=_completion(rule, greedy=greedy),
            imported=True,
            idempotency_key=idempotency_key,
        )
        Proposal.objects.bulk_create(
            Proposal(
                round=round_,
                number=numbers[p.id],
                title=(p.name or f"Project {p.id}")[:120],
                summary=f"Project {p.id} in the file.",
                proposed_by=Proposal.ProposedBy.ORGANISATION,
                cost_pence=costs[p.id],
                status=Proposal.Status.FEASIBLE,
            )
            for p in instance.projects
        )
        ballots = [
            Ballot(
                round=round_,
                channel=Ballot.Channel.IMPORTED,
                choices=[numbers[i] for i in b.projects],
                points=[int(p) for p in b.points] if b.points is not None else None,
                receipt_code=receipt_code_new(),
                cast_at=now,
                idempotency_key=uuid.UUID(bytes=secrets.token_bytes(16), version=4),
            )
            for b in election.profile.ballots
        ]
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        audit_record(
            action="budgeting.round.import",
            summary="Loaded a past youth budget round from a Pabulib file",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=round_,
            data={"projects": len(instance.projects), "ballots": len(ballots)},
        )
        return round_seal_loaded(actor=actor, round_=round_)

    round_, _ = create_once(
        Round,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.organisation_id == organisation.pk and earlier.imported,
    )
    return round_
