"""What the admin's catalogue pages read: every reward (withdrawn ones too), the partners with
who checks their vouchers, the milestones, and the people who may be made a partner's checker.
Each is a fixed number of queries, however long the catalogue."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import NotFound
from alongside.credits.models import Milestone, Partner, Reward

_Item = TypeVar("_Item", Reward, Partner, Milestone)


def catalogue_rewards(*, organisation: Organisation) -> QuerySet[Reward]:
    """Offered rewards first, cheapest first; then the withdrawn ones."""
    return (
        Reward.objects.for_organisation(organisation)
        .select_related("partner")
        .order_by("withdrawn_at", "cost_minutes", "name", "pk")
    )


def catalogue_partners(*, organisation: Organisation) -> QuerySet[Partner]:
    return (
        Partner.objects.for_organisation(organisation)
        .prefetch_related(
            Prefetch("members", queryset=Person.objects.only("pk", "display_name").order_by("pk"))
        )
        .order_by("name", "pk")
    )


def catalogue_milestones(*, organisation: Organisation) -> QuerySet[Milestone]:
    return Milestone.objects.for_organisation(organisation).order_by("minutes", "pk")


def partner_choices(*, organisation: Organisation) -> list[tuple[int, str]]:
    return list(
        Partner.objects.for_organisation(organisation).order_by("name").values_list("pk", "name")
    )


def checker_choices(*, organisation: Organisation) -> list[tuple[int, str]]:
    """Everyone holding the reward-partner role here, by display name."""
    return list(
        Person.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.REWARD_PARTNER
        )
        .distinct()
        .order_by("display_name", "pk")
        .values_list("pk", "display_name")
    )


def _one(model: type[_Item], organisation: Organisation, pk: int, missing: str) -> _Item:
    found = model.objects.for_organisation(organisation).filter(pk=pk).first()
    if found is None:
        raise NotFound(missing)
    return found


def catalogue_reward_get(*, organisation: Organisation, pk: int) -> Reward:
    return _one(Reward, organisation, pk, _("That reward was not found."))


def catalogue_partner_get(*, organisation: Organisation, pk: int) -> Partner:
    return _one(Partner, organisation, pk, _("That partner was not found."))


def catalogue_milestone_get(*, organisation: Organisation, pk: int) -> Milestone:
    return _one(Milestone, organisation, pk, _("That milestone was not found."))
