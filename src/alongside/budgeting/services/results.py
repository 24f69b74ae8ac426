"""Closing a round, sealing its ballots, counting them and publishing the result.

- ``round_close`` (staff, "close now") and ``round_close_due`` (the schedule, every minute)
  lock the round for update, which waits for every ballot in flight (each holds a key-share
  lock on the round: docs/adr/0015); then no ballot can arrive, the file(s) are built from
  the counted ballots, stored, and hashed into the seal, and the count is queued once the
  close has committed.
- ``round_count_retry`` queues a failed count again.
- ``round_publish`` makes the result public and records each funded project as a Decision
  citing the ideas it came from. ``round_deliver`` and ``round_finish`` are the last stages.

A paper ballot cast before the close counts until the round is sealed, so a round is sealed
only once every paper is settled: typed in twice and agreed, or decided by a manager (counted
or spoilt). The count page lists what is left. See docs/budgeting-results.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.budgeting import selectors, selectors_results, tasks
from alongside.budgeting.counting import seal_of
from alongside.budgeting.models import Proposal, Round, SealedFile
from alongside.budgeting.permissions import ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict
from alongside.decisions import selectors as decision_selectors
from alongside.decisions import services as decision_services
from alongside.govuk.jinja_helpers import format_money

logger = logging.getLogger(__name__)

Stage = Round.Stage
State = Round.TallyState

# Decisions made by publishing are keyed by proposal, so the same project is never decided twice.
DECISION_KEYS = uuid.UUID("3f0b8a52-5d0e-4d43-9f57-6b1f3c0a7e14")
SUBJECT_TYPE = "budgeting.proposal"

NOT_VOTING = "Voting has not started in this round, so it cannot be closed."
NOT_SEALED = "This round has not closed yet, so there is nothing to count."


def _queue_count(round_: Round) -> None:
    transaction.on_commit(lambda: tasks.round_count.enqueue(round_id=round_.pk))


def unsettled_problem(round_: Round) -> str | None:
    """Why the round cannot be sealed yet, or None: papers waiting or held are still to be
    counted or spoilt, and nothing can be added once it is sealed."""
    unsettled = selectors_results.unsettled_papers(round_=round_)
    if not unsettled:
        return None
    papers = "1 paper ballot is" if unsettled == 1 else f"{unsettled:,} paper ballots are"
    return (
        f"{papers} still waiting for a second worker to type in or for a decision on what "
        "it says. Settle every paper before voting closes: once it closes, nothing more can "
        "be counted."
    )


def _seal(locked: Round, *, actor_id: int | None, scheduled: bool) -> Round:
    now = timezone.now()
    files = selectors_results.files_from_ballots(round_=locked, sealed_at=now)
    SealedFile.objects.bulk_create(
        SealedFile(round=locked, area=f.area, area_name=f.area_name, text=f.text, sha256=f.sha256)
        for f in files
    )
    locked.seal = seal_of({f.area_name: f.sha256 for f in files})
    locked.sealed_at = now
    locked.stage = Stage.COUNTING
    locked.tally_state = State.QUEUED
    locked.tally_progress = 0
    locked.save(
        update_fields=["seal", "sealed_at", "stage", "tally_state", "tally_progress", "updated_at"]
    )
    audit_record(
        action="budgeting.round.close",
        summary="Closed voting and sealed the ballots",
        actor_id=actor_id,
        organisation_id=locked.organisation_id,
        target=locked,
        data={
            "seal": locked.seal,
            "ballots": selectors_results.ballots_counted(round_=locked),
            "on_schedule": scheduled,
        },
    )
    _queue_count(locked)
    return locked


@transaction.atomic
def round_close(*, actor: Actor, round_: Round) -> Round:
    """Close voting now, seal the ballots and queue the count. Closing a round that has closed
    already returns it as it is."""
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if locked.stage != Stage.VOTING:
        if locked.seal:
            return locked
        raise Conflict(NOT_VOTING)
    problem = unsettled_problem(locked)
    if problem:
        raise Conflict(problem)
    return _seal(locked, actor_id=actor.person_id, scheduled=False)


def round_close_due(*, now: dt.datetime | None = None) -> list[Round]:
    """Close every round whose voting time is over and whose paper ballots are all settled
    (``alongside budget close-due``, run each minute). Each round closes in its own
    transaction; running it twice closes nothing twice."""
    now = now or timezone.now()
    closed = []
    for round_id in selectors_results.due_round_ids(now=now):
        try:
            with transaction.atomic():
                locked = selectors_results.round_locked_by_pk(pk=round_id)
                if locked.stage != Stage.VOTING or not locked.voting_closes_at:
                    continue
                if locked.voting_closes_at > now or unsettled_problem(locked):
                    continue  # papers still to settle: tried again next time
                closed.append(_seal(locked, actor_id=None, scheduled=True))
        except Conflict as problem:
            # One round set up wrongly must not keep every other round from closing.
            logger.warning("Youth budget round %s could not close: %s", round_id, problem.message)
    return closed


@transaction.atomic
def round_count_retry(*, actor: Actor, round_: Round) -> Round:
    """Queue a failed count again. A count already queued, running or done is left alone."""
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if not locked.seal:
        raise Conflict(NOT_SEALED)
    if locked.tally_state != State.FAILED:
        return locked
    locked.tally_state = State.QUEUED
    locked.tally_progress = 0
    locked.save(update_fields=["tally_state", "tally_progress", "updated_at"])
    audit_record(
        action="budgeting.round.count_retry",
        summary="Asked for a failed count to be tried again",
        actor_id=actor.person_id,
        organisation_id=locked.organisation_id,
        target=locked,
    )
    _queue_count(locked)
    return locked


def _fit(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _record_decision(
    actor: Actor, round_: Round, proposal: Proposal, votes: int, cost_pence: int
) -> None:
    organisation = round_.organisation
    key = uuid.uuid5(DECISION_KEYS, str(proposal.public_id))
    if decision_selectors.decision_by_key(organisation=organisation, idempotency_key=key):
        return
    ideas = list(proposal.ideas.exclude(status__in=decision_selectors.NOT_CITABLE).order_by("pk"))
    support = (
        "Nobody voted for it, but it fit in the money left over."
        if votes == 0
        else f"{'1 young person' if votes == 1 else f'{votes:,} young people'} voted for it."
    )
    decision_services.decision_record(
        actor=actor,
        organisation=organisation,
        title=_fit(f"Funded: {proposal.title}", 200),
        what_changed=(
            f"{proposal.title} gets {format_money(cost_pence)} from {round_.title}. {support}"
        ),
        decided_by=_fit(f"Young people of {organisation.name} in {round_.title}", 200),
        forum=_fit(f"The vote in {round_.title}", 200),
        decided_on=timezone.localdate(),
        initiative=round_.initiative,
        subject_type=SUBJECT_TYPE,
        subject_id=str(proposal.public_id),
        cites_contributions=ideas,
        idempotency_key=key,
    )


@transaction.atomic
def round_publish(*, actor: Actor, round_: Round) -> Round:
    """Publish a counted round's result, and record each funded project as a Decision citing
    the ideas it came from. Publishing again records nothing more."""
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if locked.published_at is not None:
        return locked
    if locked.stage != Stage.COUNTING or locked.tally_state != State.DONE:
        raise Conflict("The results can be published once the ballots have been counted.")
    locked.stage = Stage.RESULTS
    locked.published_at = timezone.now()
    locked.save(update_fields=["stage", "published_at", "updated_at"])
    funded = [
        (number, result.projects[str(number)])
        for result in selectors_results.results_of(round_=locked)
        for number in result.selected
    ]
    proposals = selectors_results.proposals_by_number(
        round_=locked, numbers=[number for number, _ in funded]
    )
    for number, project in funded:
        _record_decision(
            actor, locked, proposals[number], int(project["votes"]), int(project["cost_pence"])
        )
    audit_record(
        action="budgeting.round.publish",
        summary="Published a youth budget round's results",
        actor_id=actor.person_id,
        organisation_id=locked.organisation_id,
        target=locked,
        data={"funded": len(funded)},
    )
    return locked


def _move(actor: Actor, round_: Round, *, start: str, to: str, action: str, summary: str) -> Round:
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    order = list(Stage.values)
    if order.index(locked.stage) >= order.index(to):
        return locked
    if locked.stage != start:
        raise Conflict(
            f"This round is at “{locked.get_stage_display()}”, so it cannot move to "
            f"“{Stage(to).label}” yet."
        )
    locked.stage = to
    locked.save(update_fields=["stage", "updated_at"])
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=locked.organisation_id,
        target=locked,
    )
    return locked


@transaction.atomic
def round_deliver(*, actor: Actor, round_: Round) -> Round:
    """From results to delivering the funded projects."""
    return _move(
        actor,
        round_,
        start=Stage.RESULTS,
        to=Stage.DELIVERY,
        action="budgeting.round.deliver",
        summary="Started delivering a round's funded projects",
    )


@transaction.atomic
def round_finish(*, actor: Actor, round_: Round) -> Round:
    """From delivering to closed: the round's work is done."""
    return _move(
        actor,
        round_,
        start=Stage.DELIVERY,
        to=Stage.CLOSED,
        action="budgeting.round.finish",
        summary="Closed a youth budget round",
    )


def round_seal_loaded(*, actor: Actor, round_: Round) -> Round:
    """Seal a round whose ballots were loaded from a file (``round_import``) and queue its
    count, in the caller's transaction: the same seal and count as any round's."""
    require(actor, ROUND_MANAGE, round_.organisation)
    return _seal(selectors.round_locked(round_=round_), actor_id=actor.person_id, scheduled=False)
