"""Giving, writing down, moderating, changing and withdrawing contributions.

Where a contribution stands is decided by ``status_for``: screening (voice/screening.py) holds
text with contact details or words that may be a disclosure of harm for a person to look at;
otherwise an initiative that moderates first has it wait to be checked; otherwise it is
published at once. Held beats waiting beats published, and only a person can release a hold.
"""

from __future__ import annotations

import uuid

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.files import check_image
from alongside.core.idempotency import create_once
from alongside.core.limits import NUL
from alongside.initiatives.models import Initiative, Session
from alongside.voice import screening, selectors
from alongside.voice.models import Contribution
from alongside.voice.rules import (
    CONTRIBUTION_EDIT_OWN,
    CONTRIBUTION_MODERATE,
    CONTRIBUTION_RECORD,
    CONTRIBUTION_SUBMIT,
    CONTRIBUTION_VIEW,
)
from alongside.voice.services import theme_counts

TEXT_MAX = 5000
OFFLINE_CHANNELS = {
    Contribution.Channel.SESSION,
    Contribution.Channel.PAPER,
    Contribution.Channel.SURVEY,
}
Status = Contribution.Status


def status_for(text: str, *, moderate_first: bool) -> tuple[str, str]:
    """(status, hold reason) for new words: held, else waiting, else published."""
    reason = screening.screen(text)
    if reason is not None:
        return Status.HELD, str(reason)
    if moderate_first:
        return Status.AWAITING_MODERATION, ""
    return Status.PUBLISHED, ""


def _clean_text(text: str, *, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise ValidationFailed("Enter your words.", field=field)
    if len(text) > TEXT_MAX:
        raise ValidationFailed(
            f"Use {TEXT_MAX} characters or fewer. You used {len(text)}.", field=field
        )
    if NUL in text:
        raise ValidationFailed(
            "This has a hidden character we cannot accept. Type it in again instead of pasting it.",
            field=field,
        )
    return text


def _check_choice(
    value: str,
    choices: type[Contribution.Kind] | type[Contribution.Anonymity],
    field: str,
    message: str,
) -> None:
    if value not in choices.values:
        raise ValidationFailed(message, field=field)


def _check_initiative(
    organisation: Organisation,
    initiative: Initiative,
    stages: tuple[str, ...] = (Initiative.Stage.OPEN,),
) -> None:
    if initiative.organisation_id != organisation.pk:
        raise NotFound("That initiative is not in this organisation.")
    if initiative.stage not in stages:
        raise ValidationFailed(
            "This initiative is not taking ideas or views now.", field="initiative"
        )


def _save_image(contribution: Contribution, image: File[bytes] | None) -> None:
    if image is not None:
        extension = ".png" if (image.name or "").lower().endswith(".png") else ".jpg"
        # After the row is in: a repeated key stops before any file is written.
        contribution.image.save(f"{contribution.public_id}{extension}", image, save=False)
        contribution.save(update_fields=["image"])


def _audit(
    action: str, summary: str, actor: Actor, contribution: Contribution, **data: str
) -> None:
    # Never the words themselves, nor a name: only what happened, to which row.
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=contribution.organisation_id,
        target=contribution,
        data={"status": contribution.status, **data},
    )


@transaction.atomic
def contribution_submit(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    kind: str,
    text: str,
    anonymity: str,
    idempotency_key: uuid.UUID,
    image: File[bytes] | None = None,
) -> Contribution:
    """A young person, parent or community member gives their words online. Sent twice with
    the same key, it is stored once; a key already used by someone else is refused."""
    require(actor, CONTRIBUTION_SUBMIT, organisation)
    assert actor.person is not None  # the policy lets nobody anonymous submit
    _check_initiative(organisation, initiative)
    _check_choice(kind, Contribution.Kind, "kind", "Select what you are giving.")
    _check_choice(anonymity, Contribution.Anonymity, "anonymity", "Select who can see your name.")
    text = _clean_text(text)
    check_image(image)
    author = actor.person

    def create() -> Contribution:
        status, hold_reason = status_for(text, moderate_first=initiative.moderate_before_publishing)
        contribution = Contribution(
            organisation=organisation,
            initiative=initiative,
            kind=kind,
            channel=Contribution.Channel.ONLINE,
            author=author,
            text=text,
            anonymity=anonymity,
            status=status,
            hold_reason=hold_reason,
            published_at=timezone.now() if status == Status.PUBLISHED else None,
            idempotency_key=idempotency_key,
        )
        contribution.save()
        _save_image(contribution, image)
        _audit(
            "voice.contribution.submit",
            "Contribution given",
            actor,
            contribution,
            kind=kind,
            hold_reason=hold_reason,
        )
        return contribution

    contribution, _created = create_once(
        Contribution,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.author_id == author.pk
            and earlier.organisation_id == organisation.pk
            and earlier.initiative_id == initiative.pk
            and earlier.text == text
        ),
    )
    return contribution


@transaction.atomic
def contribution_record(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    kind: str,
    channel: str,
    text: str,
    anonymity: str,
    idempotency_key: uuid.UUID,
    author: Person | None = None,
    session: Session | None = None,
    image: File[bytes] | None = None,
) -> Contribution:
    """A worker writes down what someone said at a session, on paper or in a survey, "on
    behalf of" them: ``author`` is a person taking part here, or None for a group's words."""
    require(actor, CONTRIBUTION_RECORD, organisation)
    _check_initiative(organisation, initiative, selectors.RECORDABLE_STAGES)
    _check_choice(kind, Contribution.Kind, "kind", "Select what kind of contribution it is.")
    _check_choice(anonymity, Contribution.Anonymity, "anonymity", "Select who can see the name.")
    if channel not in OFFLINE_CHANNELS:
        raise ValidationFailed("Select where it was said or written.", field="channel")
    if session is not None and session.initiative_id != initiative.pk:
        raise ValidationFailed("That session was not part of this initiative.", field="session")
    if author is not None and not selectors.is_participant(
        organisation=organisation, person=author
    ):
        raise NotFound("That person is not taking part in this organisation.")
    text = _clean_text(text)
    check_image(image)

    def create() -> Contribution:
        status, hold_reason = status_for(text, moderate_first=initiative.moderate_before_publishing)
        contribution = Contribution(
            organisation=organisation,
            initiative=initiative,
            session=session,
            kind=kind,
            channel=channel,
            author=author,
            recorded_by=actor.person,
            text=text,
            anonymity=anonymity,
            status=status,
            hold_reason=hold_reason,
            published_at=timezone.now() if status == Status.PUBLISHED else None,
            idempotency_key=idempotency_key,
        )
        contribution.save()
        _save_image(contribution, image)
        _audit(
            "voice.contribution.record",
            "Contribution written down on someone's behalf",
            actor,
            contribution,
            kind=kind,
            channel=channel,
            hold_reason=hold_reason,
        )
        return contribution

    contribution, _created = create_once(
        Contribution,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.recorded_by_id == actor.person_id
            and earlier.organisation_id == organisation.pk
            and earlier.initiative_id == initiative.pk
            and earlier.text == text
        ),
    )
    return contribution


def _locked(organisation: Organisation, contribution: Contribution) -> Contribution:
    """The row again, locked, so two moderators (or a moderator and the author) take turns."""
    if contribution.organisation_id != organisation.pk:
        raise NotFound(selectors.NOT_FOUND)
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


@transaction.atomic
def contribution_publish(
    *, actor: Actor, organisation: Organisation, contribution: Contribution
) -> Contribution:
    """A moderator publishes words that were held or waiting to be checked."""
    require(actor, CONTRIBUTION_MODERATE, organisation)
    locked = _locked(organisation, contribution)
    if locked.status == Status.PUBLISHED:
        return locked  # pressed twice: already done
    if locked.status not in selectors.MODERATION_STATUSES:
        raise Conflict(
            "Only contributions that are held or waiting to be checked can be published."
        )
    was = locked.status
    now = timezone.now()
    locked.status = Status.PUBLISHED
    locked.published_at = now
    locked.moderated_by = actor.person
    locked.moderated_at = now
    locked.save(
        update_fields=["status", "published_at", "moderated_by", "moderated_at", "updated_at"]
    )
    theme_counts.status_changed(locked, was=was)
    _audit("voice.contribution.publish", "Contribution published", actor, locked, was=was)
    return locked


@transaction.atomic
def contribution_hide(
    *, actor: Actor, organisation: Organisation, contribution: Contribution, reason: str
) -> Contribution:
    """A moderator hides a contribution. The row and the reason are kept."""
    require(actor, CONTRIBUTION_MODERATE, organisation)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("Enter why you are hiding it.", field="reason")
    limit = Contribution._meta.get_field("moderation_reason").max_length or 300
    if len(reason) > limit or NUL in reason:
        raise ValidationFailed(f"Use {limit} characters or fewer.", field="reason")
    locked = _locked(organisation, contribution)
    if locked.status == Status.WITHDRAWN:
        raise Conflict("The author withdrew this, so nobody else sees it already.")
    was = locked.status
    now = timezone.now()
    locked.status = Status.HIDDEN
    locked.moderation_reason = reason
    locked.moderated_by = actor.person
    locked.moderated_at = now
    locked.save(
        update_fields=["status", "moderation_reason", "moderated_by", "moderated_at", "updated_at"]
    )
    theme_counts.status_changed(locked, was=was)
    _audit("voice.contribution.hide", "Contribution hidden", actor, locked, was=was)
    return locked


def _own(actor: Actor, organisation: Organisation, contribution: Contribution) -> Contribution:
    require(actor, CONTRIBUTION_EDIT_OWN, organisation)
    locked = _locked(organisation, contribution)
    if actor.person_id is None or locked.author_id != actor.person_id:
        raise NotPermitted("Only the person who gave this can change it.")
    return locked


@transaction.atomic
def contribution_edit(
    *, actor: Actor, organisation: Organisation, contribution: Contribution, text: str
) -> Contribution:
    """The author changes their words. They are screened again; published words go back to be
    checked if the initiative checks first; a hold stays until a person releases it."""
    locked = _own(actor, organisation, contribution)
    if locked.status in (Status.HIDDEN, Status.WITHDRAWN):
        raise Conflict("This can no longer be changed.", field="text")
    text = _clean_text(text)
    was = locked.status
    status, hold_reason = status_for(
        text, moderate_first=locked.initiative.moderate_before_publishing
    )
    if was == Status.HELD and status != Status.HELD:
        # Words that held it may have been taken out; a person still looks at what was said.
        status, hold_reason = Status.HELD, locked.hold_reason
    if was == Status.AWAITING_MODERATION and status == Status.PUBLISHED:
        status = Status.AWAITING_MODERATION
    now = timezone.now()
    locked.text = text
    locked.status = status
    locked.hold_reason = hold_reason
    if status != Status.PUBLISHED:
        locked.published_at = None
    locked.edited_at = now
    locked.save(
        update_fields=["text", "status", "hold_reason", "published_at", "edited_at", "updated_at"]
    )
    theme_counts.status_changed(locked, was=was)
    _audit(
        "voice.contribution.edit",
        "Contribution changed by its author",
        actor,
        locked,
        was=was,
        hold_reason=hold_reason,
    )
    return locked


@transaction.atomic
def contribution_withdraw(
    *, actor: Actor, organisation: Organisation, contribution: Contribution
) -> Contribution:
    """The author takes their words back. The row is kept (answers and decisions may cite it)
    but nobody else sees the words any more."""
    locked = _own(actor, organisation, contribution)
    if locked.status == Status.WITHDRAWN:
        return locked
    was = locked.status
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    theme_counts.status_changed(locked, was=was)
    _audit(
        "voice.contribution.withdraw",
        "Contribution withdrawn by its author",
        actor,
        locked,
        was=was,
    )
    return locked


# Access to personal data is logged ---------------------------------------------------------


def contribution_log_view(
    *, actor: Actor, organisation: Organisation, contribution: Contribution, photo: bool = False
) -> None:
    """A member of staff opened a contribution (or its photo). Logged only where it tells them
    who gave it, or shows a photo."""
    require(actor, CONTRIBUTION_VIEW, organisation)
    named = selectors.author_is_named(contribution, viewer_is_staff=True)
    if not (named or photo):
        return
    audit_record(
        action="voice.contribution.photo_view" if photo else "voice.contribution.view",
        summary="Contribution photo looked at"
        if photo
        else "Contribution looked at, with its author",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=contribution,
    )


def contribution_list_log_view(
    *, actor: Actor, organisation: Organisation, contributions: list[Contribution]
) -> None:
    """A member of staff opened a page of the staff list: one event per page, saying how many
    authors' names it showed."""
    require(actor, CONTRIBUTION_VIEW, organisation)
    named = sum(selectors.author_is_named(c, viewer_is_staff=True) for c in contributions)
    audit_record(
        action="voice.contribution.list_view",
        summary="List of contributions looked at",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        data={"shown": len(contributions), "names_shown": named},
    )
