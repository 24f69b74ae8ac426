"""Setting up an initiative and moving it through its stages.

Each function is keyword-only, runs in one transaction, asks the policy first and writes one
audit event per change, so a change and its record stand or fall together. A refusal raises
an ``ApplicationError`` whose message is a sentence a worker can act on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.initiatives import selectors
from alongside.initiatives.models import (
    ChecklistAnswer,
    ChecklistQuestion,
    CoproductionForm,
    Initiative,
    TeamMember,
)
from alongside.initiatives.rules import INITIATIVE_MANAGE, RUNGS, Missing

Stage = Initiative.Stage

MISSING_MESSAGES = {
    Missing.CHECKLIST: "Answer every question on the checklist ({answered} of {questions} "
    "answered so far).",
    Missing.DECISION_MAKER: "Say who makes the decision this initiative feeds.",
    Missing.SCOPE_FOR_INFLUENCE: "Say what young people can change.",
}


def _own(initiative: Initiative, organisation: Organisation) -> None:
    if initiative.organisation_id != organisation.pk:
        raise NotFound(selectors.NOT_HERE)


def _audit(
    actor: Actor,
    initiative: Initiative,
    action: str,
    summary: str,
    *,
    target: Any = None,
    data: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=initiative.organisation_id,
        target=target if target is not None else initiative,
        data=data,
    )


def _text(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(message, field=field)
    return value


def _check_forms(forms: Iterable[CoproductionForm]) -> list[CoproductionForm]:
    chosen = list(forms)
    if not chosen:
        raise ValidationFailed("Select at least one form of co-production.", field="forms")
    return chosen


def _check_partners(
    organisation: Organisation, partners: Iterable[Organisation]
) -> list[Organisation]:
    chosen = list(partners)
    if any(partner.pk == organisation.pk for partner in chosen):
        raise ValidationFailed(
            "An organisation cannot be a partner in its own initiative.", field="partners"
        )
    return chosen


def _check_lead(organisation: Organisation, lead: Person | None) -> None:
    if lead is None:
        return
    if lead.kind != Person.Kind.PROFESSIONAL or not selectors.is_member(
        organisation=organisation, person=lead
    ):
        raise ValidationFailed(
            "Choose a member of staff of this organisation to lead it.", field="lead"
        )


# Setting it up -----------------------------------------------------------------------------


@transaction.atomic
def initiative_create(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    purpose: str,
    forms: Iterable[CoproductionForm],
    idempotency_key: uuid.UUID,
    partners: Iterable[Organisation] = (),
    lead: Person | None = None,
) -> Initiative:
    """Start setting up an initiative. It is in planning, seen only by staff, until it opens.

    The form's key makes a form sent twice one initiative; a key used for another is refused.
    """
    require(actor, INITIATIVE_MANAGE, organisation)
    title = _text(title, "title", "Enter a name for the initiative.")
    purpose = _text(purpose, "purpose", "Enter what the initiative is for.")
    chosen_forms = _check_forms(forms)
    chosen_partners = _check_partners(organisation, partners)
    if lead is None and actor.person is not None and actor.person.kind == Person.Kind.PROFESSIONAL:
        lead = actor.person
    _check_lead(organisation, lead)

    def create() -> Initiative:
        initiative = Initiative.objects.create(
            organisation=organisation,
            title=title,
            purpose=purpose,
            lead=lead,
            idempotency_key=idempotency_key,
        )
        initiative.forms.set(chosen_forms)
        initiative.partners.set(chosen_partners)
        _audit(
            actor,
            initiative,
            "initiatives.initiative.create",
            "Initiative set up, in planning",
            data={"forms": sorted(form.code for form in chosen_forms)},
        )
        return initiative

    initiative, _created = create_once(
        Initiative,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.organisation_id == organisation.pk and earlier.title == title,
    )
    return initiative


@transaction.atomic
def initiative_update_about(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    title: str,
    purpose: str,
    partners: Iterable[Organisation] = (),
    lead: Person | None = None,
) -> Initiative:
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    initiative.title = _text(title, "title", "Enter a name for the initiative.")
    initiative.purpose = _text(purpose, "purpose", "Enter what the initiative is for.")
    chosen_partners = _check_partners(organisation, partners)
    _check_lead(organisation, lead)
    initiative.lead = lead
    initiative.save(update_fields=["title", "purpose", "lead", "updated_at"])
    initiative.partners.set(chosen_partners)
    _audit(actor, initiative, "initiatives.initiative.update", "Initiative's details changed")
    return initiative


@transaction.atomic
def initiative_forms_set(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    forms: Iterable[CoproductionForm],
) -> Initiative:
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    chosen = _check_forms(forms)
    initiative.forms.set(chosen)
    _audit(
        actor,
        initiative,
        "initiatives.initiative.forms",
        "Forms of co-production changed",
        data={"forms": sorted(form.code for form in chosen)},
    )
    return initiative


@transaction.atomic
def initiative_decision_set(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    decision_fed: str,
    decision_maker: str,
    scope_for_influence: str,
    how_to_take_part: str,
) -> Initiative:
    """Lundy's audience and influence: the decision it feeds, who makes it, what can change."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    initiative = selectors.initiative_for_update(initiative=initiative)
    if initiative.stage != Stage.PLANNING:
        # Once young people have been told, who decides and what can change stay stated.
        _text(decision_maker, "decision_maker", "Say who makes the decision. It is open now.")
        _text(
            scope_for_influence,
            "scope_for_influence",
            "Say what young people can change. It is open now.",
        )
    initiative.decision_fed = decision_fed.strip()
    initiative.decision_maker = decision_maker.strip()
    initiative.scope_for_influence = scope_for_influence.strip()
    initiative.how_to_take_part = how_to_take_part.strip()
    initiative.save(
        update_fields=[
            "decision_fed",
            "decision_maker",
            "scope_for_influence",
            "how_to_take_part",
            "updated_at",
        ]
    )
    _audit(actor, initiative, "initiatives.initiative.decision", "Who decides and what can change")
    return initiative


@transaction.atomic
def initiative_dates_set(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
) -> Initiative:
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise ValidationFailed(
            "The end date must be the same as or after the start date.", field="ends_on"
        )
    initiative.starts_on = starts_on
    initiative.ends_on = ends_on
    initiative.save(update_fields=["starts_on", "ends_on", "updated_at"])
    _audit(
        actor,
        initiative,
        "initiatives.initiative.dates",
        "Dates changed",
        data={
            "starts_on": starts_on.isoformat() if starts_on else None,
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    return initiative


@transaction.atomic
def initiative_ladder_set(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    claimed_rung: int,
    agenda_set_by: str,
    decided_by: str,
) -> Initiative:
    """The rung of Hart's ladder the lead claims, with who set the agenda and who decided.
    Rungs 1 to 3 are not participation; they can be saved, and the pages say so."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    if claimed_rung not in RUNGS:
        raise ValidationFailed("Select a rung from 1 to 8.", field="claimed_rung")
    who = set(Initiative.Who.values)
    if agenda_set_by not in who:
        raise ValidationFailed("Select who set the agenda.", field="agenda_set_by")
    if decided_by not in who:
        raise ValidationFailed("Select who decides.", field="decided_by")
    initiative.claimed_rung = claimed_rung
    initiative.agenda_set_by = agenda_set_by
    initiative.decided_by = decided_by
    initiative.save(update_fields=["claimed_rung", "agenda_set_by", "decided_by", "updated_at"])
    _audit(
        actor,
        initiative,
        "initiatives.initiative.ladder",
        f"Claimed rung {claimed_rung} of Hart's ladder",
        data={"rung": claimed_rung, "agenda_set_by": agenda_set_by, "decided_by": decided_by},
    )
    return initiative


@transaction.atomic
def initiative_moderation_set(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    moderate_before_publishing: bool,
) -> Initiative:
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    initiative.moderate_before_publishing = moderate_before_publishing
    initiative.moderation_chosen_at = timezone.now()
    initiative.save(
        update_fields=["moderate_before_publishing", "moderation_chosen_at", "updated_at"]
    )
    _audit(
        actor,
        initiative,
        "initiatives.initiative.moderation",
        "Checked before publishing" if moderate_before_publishing else "Checked after publishing",
        data={"before_publishing": moderate_before_publishing},
    )
    return initiative


# The team ---------------------------------------------------------------------------------


@transaction.atomic
def team_member_add(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    person: Person,
    role_title: str,
    role_description: str,
) -> TeamMember:
    """Put a young person or professional on the team, with a role written down (seed 002
    names unclear roles as a risk). The audit names the role, never the person."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    if person.erased_at is not None or not selectors.is_member(
        organisation=organisation, person=person
    ):
        raise ValidationFailed("Choose someone who is part of this organisation.", field="person")
    role_title = _text(role_title, "role_title", "Enter a name for their role.")
    role_description = _text(
        role_description, "role_description", "Enter what they will do in this role."
    )
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(
                initiative=initiative,
                person=person,
                role_title=role_title,
                role_description=role_description,
            )
    except IntegrityError:
        raise Conflict("They are already on the team.", field="person") from None
    _audit(
        actor,
        initiative,
        "initiatives.team.add",
        f"Added to the team as {role_title}",
        target=member,
        data={"initiative": str(initiative.public_id), "kind": person.kind},
    )
    return member


@transaction.atomic
def team_member_remove(
    *, actor: Actor, organisation: Organisation, initiative: Initiative, member: TeamMember
) -> None:
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    if member.initiative_id != initiative.pk:
        raise NotFound("That person is not on this initiative's team.")
    deleted, _ = TeamMember.objects.filter(pk=member.pk).delete()
    if deleted:
        _audit(
            actor,
            initiative,
            "initiatives.team.remove",
            f"Taken off the team ({member.role_title})",
            data={"initiative": str(initiative.public_id)},
        )


# The checklist ----------------------------------------------------------------------------


@transaction.atomic
def checklist_answer_record(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    question: ChecklistQuestion,
    answer: bool,
    how: str,
) -> ChecklistAnswer:
    """Answer one checklist question yes or no, saying how. A new answer replaces the last."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    how = _text(
        how,
        "how",
        "Say how you will do this." if answer else "Say why not, and what you will do instead.",
    )
    recorded, _created = ChecklistAnswer.objects.update_or_create(
        initiative=initiative,
        question=question,
        defaults={"answer": answer, "how": how, "answered_by": actor.person},
    )
    _audit(
        actor,
        initiative,
        "initiatives.checklist.answer",
        f"Answered {question.code}: {'yes' if answer else 'no'}",
        target=recorded,
        data={"question": question.code, "answer": answer},
    )
    return recorded


# Stages -----------------------------------------------------------------------------------


def missing_messages(initiative: Initiative) -> list[str]:
    """What stops it opening, as sentences (the open page lists them)."""
    progress = selectors.setup_progress(initiative=initiative)
    return [
        MISSING_MESSAGES[item].format(answered=progress.answered, questions=progress.questions)
        for item in progress.missing
    ]


def _move(
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    *,
    to: str,
    allowed_from: set[str],
    refusal: str,
) -> tuple[Initiative, bool]:
    """Lock the row and move the stage; (initiative, False) if it was there already."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    locked = selectors.initiative_for_update(initiative=initiative)
    if locked.stage == to:
        return locked, False
    if locked.stage not in allowed_from:
        raise Conflict(refusal)
    return locked, True


@transaction.atomic
def initiative_open(
    *, actor: Actor, organisation: Organisation, initiative: Initiative
) -> Initiative:
    """Open it to young people: refused, naming what is missing, until every checklist question
    is answered and who decides and what can change are stated. The row is locked, so two
    people pressing "Open it" at once open it once."""
    locked, moving = _move(
        actor,
        organisation,
        initiative,
        to=Stage.OPEN,
        allowed_from={Stage.PLANNING},
        refusal="Only an initiative that is being planned can be opened.",
    )
    if not moving:
        return locked
    missing = missing_messages(locked)
    if missing:
        raise ValidationFailed("You cannot open it yet. " + " ".join(missing))
    locked.stage = Stage.OPEN
    locked.opened_at = timezone.now()
    locked.save(update_fields=["stage", "opened_at", "updated_at"])
    _audit(actor, locked, "initiatives.initiative.open", "Initiative opened")
    return locked


@transaction.atomic
def initiative_deciding(
    *, actor: Actor, organisation: Organisation, initiative: Initiative
) -> Initiative:
    locked, moving = _move(
        actor,
        organisation,
        initiative,
        to=Stage.DECIDING,
        allowed_from={Stage.OPEN},
        refusal="Only an open initiative can move to deciding.",
    )
    if moving:
        locked.stage = Stage.DECIDING
        locked.save(update_fields=["stage", "updated_at"])
        _audit(actor, locked, "initiatives.initiative.deciding", "Moved to deciding")
    return locked


@transaction.atomic
def initiative_delivering(
    *, actor: Actor, organisation: Organisation, initiative: Initiative
) -> Initiative:
    locked, moving = _move(
        actor,
        organisation,
        initiative,
        to=Stage.DELIVERING,
        allowed_from={Stage.OPEN, Stage.DECIDING},
        refusal="Only an open initiative, or one that is deciding, can move to delivering.",
    )
    if moving:
        locked.stage = Stage.DELIVERING
        locked.save(update_fields=["stage", "updated_at"])
        _audit(actor, locked, "initiatives.initiative.delivering", "Moved to delivering")
    return locked


@transaction.atomic
def initiative_feedback_record(
    *, actor: Actor, organisation: Organisation, initiative: Initiative, feedback: str
) -> Initiative:
    """What the young people involved were told happened (Lundy: feedback). Shown on the
    public page; needed before it can close."""
    require(actor, INITIATIVE_MANAGE, organisation)
    _own(initiative, organisation)
    feedback = _text(feedback, "feedback", "Enter what you told the young people involved.")
    locked = selectors.initiative_for_update(initiative=initiative)
    if locked.stage == Stage.PLANNING:
        raise Conflict("Open the initiative before you record feedback.")
    if locked.stage == Stage.CLOSED:
        raise Conflict("This initiative is closed, so its feedback cannot change.")
    locked.feedback = feedback
    locked.feedback_given_at = timezone.now()
    locked.save(update_fields=["feedback", "feedback_given_at", "updated_at"])
    _audit(actor, locked, "initiatives.initiative.feedback", "Feedback recorded")
    return locked


@transaction.atomic
def initiative_close(
    *, actor: Actor, organisation: Organisation, initiative: Initiative
) -> Initiative:
    """Close it: refused until feedback to the young people involved has been recorded (the
    database's check constraint holds the same rule)."""
    locked, moving = _move(
        actor,
        organisation,
        initiative,
        to=Stage.CLOSED,
        allowed_from={Stage.OPEN, Stage.DECIDING, Stage.DELIVERING},
        refusal="An initiative that has not opened cannot be closed.",
    )
    if not moving:
        return locked
    if locked.feedback_given_at is None:
        raise ValidationFailed(
            "Record the feedback you gave the young people involved before you close it."
        )
    locked.stage = Stage.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["stage", "closed_at", "updated_at"])
    _audit(actor, locked, "initiatives.initiative.close", "Initiative closed")
    return locked
