"""Pots as the pages read them: the organisation's open ones (to gift to) and all of them."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.accounts.models import Organisation
from alongside.core.errors import NotFound
from alongside.credits.models import Pot


def pots_open(*, organisation: Organisation) -> QuerySet[Pot]:
    return Pot.objects.for_organisation(organisation).filter(closed_at__isnull=True)


def pots_all(*, organisation: Organisation) -> QuerySet[Pot]:
    return Pot.objects.for_organisation(organisation).order_by("closed_at", "name")


def pot_get(*, organisation: Organisation, pk: int) -> Pot:
    pot = Pot.objects.for_organisation(organisation).filter(pk=pk).first()
    if pot is None:
        raise NotFound("That pot was not found.")
    return pot
