"""Motions at a board meeting: propose, withdraw, decide.

A motion cannot be carried while the meeting is inquorate. Deciding locks the meeting row
(the lock attendance writes take), asks ``quorum_at`` for now, and if the room is not
quorate records the refusal in its own committed transaction — the refusal is part of the
record — then raises, having changed nothing else.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.accounts.models import Person
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.decisions.services import decision_record
from alongside.governance import quorum_words
from alongside.governance.models import AgendaItem, Meeting, Minutes, Motion, MotionVote
from alongside.governance.quorum import Verdict
from alongside.governance.selectors_meetings import counted_at, in_the_room, quorum_at
from alongside.governance.services.attendance import locked_meeting
from alongside.voice.models import Contribution

# A carried motion's Decision is keyed by the motion, so deciding twice records one Decision.
DECISION_KEYS = uuid.UUID("6f1c3f0e-3b7a-4d0c-9a5e-2f4b8c1d7e90")


def _voting_now(meeting: Meeting) -> set[int]:
    return set(
        in_the_room(meeting, timezone.now()).filter(votes=True).values_list("person_id", flat=True)
    )


@transaction.atomic
def motion_propose(
    *,
    actor: Actor,
    meeting: Meeting,
    text: str,
    proposer: Person,
    seconder: Person,
    agenda_item: AgendaItem | None = None,
    approves_minutes: Minutes | None = None,
    idempotency_key: uuid.UUID,
) -> Motion:
    """Record a motion proposed and seconded by two different voting members here now."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise ValidationFailed("Motions can only be made while the meeting is happening.")
    text = text.strip()
    if not text:
        raise ValidationFailed("Enter what the motion says.", field="text")
    if len(text) > 2000:
        raise ValidationFailed("The motion must be 2000 characters or fewer.", field="text")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationFailed("Select an item on this meeting's agenda.", field="agenda_item")
    voting = _voting_now(meeting)
    if proposer.pk not in voting:
        raise ValidationFailed(
            "Select who proposed it from the voting members here now.", field="proposer"
        )
    if seconder.pk not in voting:
        raise ValidationFailed(
            "Select who seconded it from the voting members here now.", field="seconder"
        )
    if proposer.pk == seconder.pk:
        raise ValidationFailed(
            "The person who seconds a motion must be someone other than who proposed it.",
            field="seconder",
        )
    if approves_minutes is not None:
        earlier = approves_minutes.meeting
        if (
            earlier.board_id != meeting.board_id
            or earlier.starts_at >= meeting.starts_at
            or approves_minutes.status != Minutes.Status.DRAFT
        ):
            raise ValidationFailed(
                "Select draft minutes of an earlier meeting of this board.",
                field="approves_minutes",
            )

    def create() -> Motion:
        motion = Motion.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            text=text,
            proposer=proposer,
            seconder=seconder,
            approves_minutes=approves_minutes,
            proposed_by_recorder=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.motion.propose",
            summary="A motion was proposed and seconded",
            actor_id=actor.person_id,
            organisation_id=meeting.board.organisation_id,
            target=motion,
            data={"meeting": str(meeting.public_id)},
        )
        return motion

    motion, _created = create_once(
        Motion,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.meeting_id == meeting.pk
            and earlier.text == text
            and earlier.proposer_id == proposer.pk
            and earlier.seconder_id == seconder.pk
        ),
    )
    return motion


@transaction.atomic
def motion_withdraw(*, actor: Actor, motion: Motion) -> Motion:
    locked_meeting(actor, motion.meeting)
    motion = Motion.objects.get(pk=motion.pk)
    if motion.status == Motion.Status.WITHDRAWN:
        return motion
    if motion.status != Motion.Status.PROPOSED:
        raise ValidationFailed("This motion has been decided, so it cannot be withdrawn.")
    motion.status = Motion.Status.WITHDRAWN
    motion.save(update_fields=["status", "updated_at"])
    audit_record(
        action="governance.motion.withdraw",
        summary="A motion was withdrawn",
        actor_id=actor.person_id,
        organisation_id=motion.meeting.board.organisation_id,
        target=motion,
    )
    return motion


def _counts(
    method: str,
    by_name: Mapping[int, str] | None,
    hands: tuple[int, int, int] | None,
    voting: set[int],
) -> tuple[int, int, int]:
    if method == Motion.Method.BY_NAME:
        if by_name is None or set(by_name) != voting:
            raise ValidationFailed(
                "Record a vote for each voting member here now, and only for them.",
                field="votes",
            )
        if any(choice not in MotionVote.Choice.values for choice in by_name.values()):
            raise ValidationFailed("Select For, Against or Abstain for each person.", field="votes")
        choices = list(by_name.values())
        return (
            choices.count(MotionVote.Choice.FOR),
            choices.count(MotionVote.Choice.AGAINST),
            choices.count(MotionVote.Choice.ABSTAIN),
        )
    if method == Motion.Method.SHOW_OF_HANDS:
        if hands is None or min(hands) < 0:
            raise ValidationFailed(
                "Enter how many were for, against and abstaining.", field="votes"
            )
        if sum(hands) > len(voting):
            raise ValidationFailed(
                f"The votes add up to {sum(hands)}, but only {len(voting)} voting members are "
                "here now.",
                field="votes",
            )
        return hands
    raise ValidationFailed("Select how the vote was taken.", field="method")


def _refuse(actor: Actor, meeting: Meeting, motion: Motion, verdict: Verdict) -> None:
    audit_record(
        action="governance.motion.refused_inquorate",
        summary="A vote was refused: the meeting was not quorate",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=motion,
        data={"verdict": _verdict_json(verdict), "words": quorum_words.verdict_tag(verdict)},
    )


def _verdict_json(verdict: Verdict) -> dict[str, object]:
    data = asdict(verdict)
    data["missing"] = [{"shortfall": str(m.shortfall), "count": m.count} for m in verdict.missing]
    data["quorate"] = verdict.quorate
    return data


def motion_decide(
    *,
    actor: Actor,
    motion: Motion,
    method: str,
    votes_by_name: Mapping[int, str] | None = None,
    show_of_hands: tuple[int, int, int] | None = None,
    what_changes: str = "",
    cites_contributions: Sequence[Contribution] = (),
) -> Motion:
    """Record the vote. Refused (and the refusal kept) while the meeting is not quorate.

    The same form sent twice records one result: the motion is read under the meeting's
    lock, so the second finds it decided and, if the counts are the same, returns it.

    Call this outside any transaction of your own: the refusal's audit event must commit.
    """
    with transaction.atomic():
        meeting = locked_meeting(actor, motion.meeting)
        motion = cast(Motion, Motion.objects.select_related("agenda_item__theme").get(pk=motion.pk))
        now = timezone.now()
        verdict = quorum_at(meeting, now)
        if motion.status != Motion.Status.PROPOSED:
            return _already(motion, method, votes_by_name, show_of_hands)
        if not verdict.quorate:
            _refuse(actor, meeting, motion, verdict)
        else:
            return _decide(
                actor, meeting, motion, verdict, now, method, votes_by_name, show_of_hands,
                what_changes, cites_contributions,
            )  # fmt: skip
    raise ValidationFailed(quorum_words.verdict_refusal(verdict))


def _already(
    motion: Motion,
    method: str,
    by_name: Mapping[int, str] | None,
    hands: tuple[int, int, int] | None,
) -> Motion:
    if motion.status == Motion.Status.WITHDRAWN:
        raise ValidationFailed("This motion was withdrawn, so there is no vote to record.")
    if method == Motion.Method.BY_NAME and by_name is not None:
        recorded = dict(motion.votes.values_list("person_id", "choice"))
        same = motion.method == method and recorded == dict(by_name)
    else:
        same = motion.method == method and hands == (
            motion.votes_for,
            motion.votes_against,
            motion.abstentions,
        )
    if not same:
        raise ValidationFailed("The vote on this motion has already been recorded.")
    return motion


def _decide(
    actor: Actor,
    meeting: Meeting,
    motion: Motion,
    verdict: Verdict,
    now: dt.datetime,
    method: str,
    by_name: Mapping[int, str] | None,
    hands: tuple[int, int, int] | None,
    what_changes: str,
    cites_contributions: Sequence[Contribution],
) -> Motion:
    voting = {row["person"] for row in counted_at(meeting, now) if row["votes"]}
    votes_for, against, abstain = _counts(method, by_name, hands, voting)  # type: ignore[arg-type]
    carried = votes_for > against
    what_changes = what_changes.strip()
    # Approving minutes is the board's own business, not an outcome for "You said, we did".
    procedural = motion.approves_minutes_id is not None
    if carried and not procedural and not what_changes:
        raise ValidationFailed(
            "Enter what changes because of it, in plain words.", field="what_changes"
        )
    motion.status = Motion.Status.CARRIED if carried else Motion.Status.LOST
    motion.method = method
    motion.votes_for, motion.votes_against, motion.abstentions = votes_for, against, abstain
    motion.decided_at = now
    motion.what_changes = what_changes
    motion.quorum_at_vote = {"verdict": _verdict_json(verdict), "counted": counted_at(meeting, now)}
    motion.save()
    if method == Motion.Method.BY_NAME and by_name is not None:
        MotionVote.objects.bulk_create(
            [MotionVote(motion=motion, person_id=p, choice=c) for p, c in by_name.items()]
        )
    audit_record(
        action="governance.motion.decide",
        summary=f"A motion was {'carried' if carried else 'not carried'}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=motion,
        data={"for": votes_for, "against": against, "abstain": abstain, "method": method},
    )
    if carried and procedural:
        _approve_minutes(actor, meeting, motion)
    elif carried:
        _record_decision(actor, meeting, motion, cites_contributions)
    return motion


def _record_decision(
    actor: Actor, meeting: Meeting, motion: Motion, cites: Sequence[Contribution]
) -> None:
    item = motion.agenda_item
    theme = item.theme if item is not None else None
    board = meeting.board
    decision_record(
        actor=actor,
        organisation=board.organisation,
        title=motion.text[:200],
        what_changed=motion.what_changes,
        decided_by=board.name,
        forum=meeting.title,
        decided_on=timezone.localdate(),
        initiative=board.initiative or (item.initiative if item is not None else None),
        subject_type="governance.motion",
        subject_id=str(motion.public_id),
        cites_contributions=cites,
        cites_themes=[theme] if theme is not None else [],
        idempotency_key=uuid.uuid5(DECISION_KEYS, str(motion.public_id)),
    )


def _approve_minutes(actor: Actor, meeting: Meeting, motion: Motion) -> None:
    minutes = cast(Minutes, Minutes.objects.select_for_update().get(pk=motion.approves_minutes_id))
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationFailed("Those minutes are no longer a draft, so they cannot be approved.")
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.save(update_fields=["status", "approved_at", "updated_at"])
    audit_record(
        action="governance.minutes.approve",
        summary="Minutes approved by a motion of the next meeting",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=minutes,
        data={"motion": str(motion.public_id)},
    )
