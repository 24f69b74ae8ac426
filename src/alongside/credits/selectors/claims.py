"""Claims as the pages read them: a young person's own, and the worker's queue."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.accounts.models import Organisation
from alongside.core.errors import NotFound
from alongside.credits.models import Claim


def claims_of_person(*, organisation: Organisation, person_id: int) -> QuerySet[Claim]:
    return Claim.objects.for_organisation(organisation).filter(person_id=person_id)


def claims_waiting(*, organisation: Organisation) -> QuerySet[Claim]:
    """Waiting claims, oldest first: whoever waited longest is decided first."""
    return (
        Claim.objects.for_organisation(organisation)
        .filter(status=Claim.Status.WAITING)
        .select_related("person")
        .order_by("created_at", "pk")
    )


def claim_get(*, organisation: Organisation, pk: int) -> Claim:
    found = Claim.objects.for_organisation(organisation).select_related("person").filter(pk=pk)
    claim = found.first()
    if claim is None:
        raise NotFound("That claim was not found.")
    return claim
