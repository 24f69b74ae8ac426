"""Claims' rows of the permission matrix: a young person's claims and the form to claim, and
the worker's queue and decision page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.credits.models import Claim
from tests.matrix import PageState, World, org
from tests.matrix import Row as R


def _claim(w: World) -> Claim:
    if "earn_claim" not in w.objects:
        w.objects["earn_claim"] = Claim.objects.create(
            organisation=w.organisation,
            person=w.person(Role.YOUNG_PERSON.value),
            description="I helped set up the chairs for the youth forum.",
            done_on=timezone.localdate() - dt.timedelta(days=3),
            minutes=45,
            idempotency_key=uuid.uuid4(),
        )
    return w.objects["earn_claim"]


def _claim_args(w: World) -> dict[str, Any]:
    return {**org(w), "pk": _claim(w).pk}


def _claim_body(w: World) -> dict[str, Any]:
    day = timezone.localdate() - dt.timedelta(days=1)
    return {
        "idempotency_key": str(uuid.uuid4()),
        "description": "I painted the mural at the youth centre.",
        "done_on_day": day.day,
        "done_on_month": day.month,
        "done_on_year": day.year,
        "hours": "1",
        "minutes": "30",
        "confirm": "yes",
    }


def _decide_body(w: World) -> dict[str, Any]:
    return {"decision": "decline", "note": "We could not find this in the session notes."}


def _mine_with_claim(w: World) -> dict[str, Any]:
    claim = _claim(w)
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.DECLINED, decision_note="We could not find this in the session notes."
    )
    return org(w)


def _queue_with_claim(w: World) -> dict[str, Any]:
    _claim(w)
    return org(w)


MATRIX_ROWS = [
    R("credits:earn-claims-mine", org),
    R("credits:earn-claim-new", org, body=_claim_body),
    R("credits:earn-claims-review", org),
    R("credits:earn-claim-decide", _claim_args, body=_decide_body),
]

PAGE_STATES = [
    PageState(
        "credits-claims-mine-declined", "credits:earn-claims-mine", _mine_with_claim, "young_person"
    ),
    PageState("credits-claims-queue", "credits:earn-claims-review", _queue_with_claim, "worker"),
]

TYPED_TEXT = [(Claim, "description"), (Claim, "decision_note")]
