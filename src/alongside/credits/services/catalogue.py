"""The organisation admin's catalogue: reward partners, rewards and milestones.

Adding is idempotent by the key the add page carried (a page sent twice adds one); a name or
a milestone's hours used twice is refused in words by the unique constraints, which decide
(never a check beforehand). A reward is withdrawn, never deleted: its vouchers keep pointing
at it, and a voucher already given can still be used. A milestone is only words at a number
of hours, so it can be removed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.credits.models import Milestone, Partner, Reward
from alongside.credits.rules import CREDITS_MANAGE

MAX_COST_HOURS = 1000
MAX_AGE = 25
MAX_STOCK = 100_000


@dataclass(frozen=True)
class RewardDetails:
    name: str
    description: str
    cost_minutes: int
    partner_id: int | None
    min_age: int | None
    max_age: int | None
    stock: int | None
    is_goal: bool


def _check_reward(details: RewardDetails) -> None:
    if not 1 <= details.cost_minutes <= MAX_COST_HOURS * 60:
        raise ValidationFailed(
            _("The cost must be from 1 minute to %(most)s hours.") % {"most": MAX_COST_HOURS},
            field="cost",
        )
    for field, age in (("min_age", details.min_age), ("max_age", details.max_age)):
        if age is not None and not 0 <= age <= MAX_AGE:
            raise ValidationFailed(
                _("An age limit must be from 0 to %(most)s.") % {"most": MAX_AGE}, field=field
            )
    low, high = details.min_age, details.max_age
    if low is not None and high is not None and low > high:
        raise ValidationFailed(
            _("The youngest age must be the same as or less than the oldest."), field="max_age"
        )
    if details.stock is not None and not 0 <= details.stock <= MAX_STOCK:
        raise ValidationFailed(
            _("How many there are must be from 0 to %(most)s.") % {"most": MAX_STOCK}, field="stock"
        )


def _partner_of(organisation: Organisation, partner_id: int | None) -> Partner | None:
    if partner_id is None:
        return None
    partner = Partner.objects.for_organisation(organisation).filter(pk=partner_id).first()
    if partner is None:
        raise ValidationFailed(_("Choose a partner from the list."), field="partner")
    return partner


def _saved(row: Reward | Partner | Milestone, message: str, field: str) -> None:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationFailed(message, field=field) from None


def _reward_name_taken(name: str) -> str:
    return _(
        "There is already a reward called %(name)s. Change that one instead, or offer it again "
        "if it was withdrawn."
    ) % {"name": name}


_Row = TypeVar("_Row", Reward, Partner, Milestone)


def _added_once(
    model: type[_Row],
    organisation: Organisation,
    idempotency_key: uuid.UUID,
    create: Callable[[], _Row],
    taken: ValidationFailed,
) -> _Row:
    """``create`` once for this key (a repeat gets the first row); a name or number already in
    the catalogue (the unique constraint, not a check beforehand) is ``taken``."""
    try:
        row, _made = create_once(
            model,
            idempotency_key=idempotency_key,
            create=create,
            same=lambda earlier: earlier.organisation_id == organisation.pk,
        )
    except IntegrityError:
        raise taken from None
    return row


def _audit(actor: Actor, organisation: Organisation, row: object, kind: str, what: str) -> None:
    audit_record(
        action=f"credits.{kind}.change",
        summary=what,
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=row,
    )


@transaction.atomic
def reward_add(
    *,
    actor: Actor,
    organisation: Organisation,
    details: RewardDetails,
    idempotency_key: uuid.UUID,
) -> Reward:
    require(actor, CREDITS_MANAGE, organisation)
    _check_reward(details)
    partner = _partner_of(organisation, details.partner_id)

    def create() -> Reward:
        reward = Reward(organisation=organisation, idempotency_key=idempotency_key)
        _fill(reward, details, partner)
        reward.save()
        _audit(actor, organisation, reward, "reward", f"A reward was added: {reward.name}")
        return reward

    taken = ValidationFailed(_reward_name_taken(details.name.strip()), field="name")
    return _added_once(Reward, organisation, idempotency_key, create, taken)


def _fill(reward: Reward, details: RewardDetails, partner: Partner | None) -> None:
    reward.name = details.name.strip()
    reward.description = details.description.strip()
    reward.cost_minutes = details.cost_minutes
    reward.partner = partner
    reward.min_age = details.min_age
    reward.max_age = details.max_age
    reward.stock = details.stock
    reward.is_goal = details.is_goal


@transaction.atomic
def reward_change(
    *,
    actor: Actor,
    organisation: Organisation,
    reward_id: int,
    details: RewardDetails,
    withdrawn: bool,
) -> Reward:
    """Change a reward, withdraw it (no more can be taken) or offer it again. Its cost changes
    only what is taken from now on: a voucher keeps the cost it was taken at."""
    require(actor, CREDITS_MANAGE, organisation)
    reward = (
        Reward.objects.for_organisation(organisation)
        .select_for_update()
        .filter(pk=reward_id)
        .first()
    )
    if reward is None:
        raise NotFound(_("That reward was not found."))
    _check_reward(details)
    was_withdrawn = reward.withdrawn_at is not None
    _fill(reward, details, _partner_of(organisation, details.partner_id))
    if withdrawn != was_withdrawn:
        reward.withdrawn_at = timezone.now() if withdrawn else None
    _saved(reward, _reward_name_taken(reward.name), "name")
    if withdrawn and not was_withdrawn:
        what = f"A reward was withdrawn: {reward.name}"
    elif was_withdrawn and not withdrawn:
        what = f"A reward was offered again: {reward.name}"
    else:
        what = f"A reward was changed: {reward.name}"
    _audit(actor, organisation, reward, "reward", what)
    return reward


def _members(organisation: Organisation, member_ids: Collection[int]) -> list[Person]:
    """Only people who hold the reward-partner role here can check a partner's vouchers."""
    found = list(
        Person.objects.filter(
            pk__in=member_ids,
            memberships__organisation=organisation,
            memberships__role=Role.REWARD_PARTNER,
        ).distinct()
    )
    if len(found) != len(set(member_ids)):
        raise ValidationFailed(
            _("Choose who checks vouchers from the list of reward partners."), field="members"
        )
    return found


def _partner_name_taken(name: str) -> str:
    return _("There is already a partner called %(name)s.") % {"name": name}


@transaction.atomic
def partner_add(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    description: str,
    member_ids: Collection[int],
    idempotency_key: uuid.UUID,
) -> Partner:
    require(actor, CREDITS_MANAGE, organisation)
    members = _members(organisation, member_ids)

    def create() -> Partner:
        partner = Partner.objects.create(
            organisation=organisation,
            name=name.strip(),
            description=description.strip(),
            idempotency_key=idempotency_key,
        )
        partner.members.set(members)
        _audit(actor, organisation, partner, "partner", f"A partner was added: {partner.name}")
        return partner

    taken = ValidationFailed(_partner_name_taken(name.strip()), field="name")
    return _added_once(Partner, organisation, idempotency_key, create, taken)


@transaction.atomic
def partner_change(
    *,
    actor: Actor,
    organisation: Organisation,
    partner_id: int,
    name: str,
    description: str,
    member_ids: Collection[int],
) -> Partner:
    require(actor, CREDITS_MANAGE, organisation)
    partner = (
        Partner.objects.for_organisation(organisation)
        .select_for_update()
        .filter(pk=partner_id)
        .first()
    )
    if partner is None:
        raise NotFound(_("That partner was not found."))
    members = _members(organisation, member_ids)
    partner.name = name.strip()
    partner.description = description.strip()
    _saved(partner, _partner_name_taken(partner.name), "name")
    partner.members.set(members)
    _audit(actor, organisation, partner, "partner", f"A partner was changed: {partner.name}")
    return partner


def _milestone_taken(hours_text: str) -> str:
    return _("There is already a milestone at %(hours)s.") % {"hours": hours_text}


def _check_milestone(minutes: int) -> None:
    if not 1 <= minutes <= MAX_COST_HOURS * 60:
        raise ValidationFailed(
            _("The hours must be from 1 minute to %(most)s hours.") % {"most": MAX_COST_HOURS},
            field="hours",
        )


@transaction.atomic
def milestone_add(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    minutes: int,
    hours_text: str,
    idempotency_key: uuid.UUID,
) -> Milestone:
    require(actor, CREDITS_MANAGE, organisation)
    _check_milestone(minutes)

    def create() -> Milestone:
        milestone = Milestone.objects.create(
            organisation=organisation,
            name=name.strip(),
            minutes=minutes,
            idempotency_key=idempotency_key,
        )
        _audit(actor, organisation, milestone, "milestone", "A milestone was added")
        return milestone

    taken = ValidationFailed(_milestone_taken(hours_text), field="hours")
    return _added_once(Milestone, organisation, idempotency_key, create, taken)


@transaction.atomic
def milestone_change(
    *,
    actor: Actor,
    organisation: Organisation,
    milestone_id: int,
    name: str,
    minutes: int,
    hours_text: str,
    remove: bool,
) -> Milestone | None:
    """Change a milestone, or remove it (``None``): nothing else points at one."""
    require(actor, CREDITS_MANAGE, organisation)
    milestone = (
        Milestone.objects.for_organisation(organisation)
        .select_for_update()
        .filter(pk=milestone_id)
        .first()
    )
    if milestone is None:
        raise NotFound(_("That milestone was not found."))
    if remove:
        _audit(actor, organisation, milestone, "milestone", "A milestone was removed")
        milestone.delete()
        return None
    _check_milestone(minutes)
    milestone.name = name.strip()
    milestone.minutes = minutes
    _saved(milestone, _milestone_taken(hours_text), "hours")
    _audit(actor, organisation, milestone, "milestone", "A milestone was changed")
    return milestone
