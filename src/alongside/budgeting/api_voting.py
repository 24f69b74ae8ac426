"""Voting from a device that sends its ballot later: a young person's phone or tablet keeps the
vote while offline and sends it, with the idempotency key it made when the vote was made,
as often as it takes to get an answer. The first send casts the ballot (201); every repeat
answers with the same receipt (200, ``created: false``), never a second ballot.

The caller is the young person themselves: their signed-in session (with the CSRF token, as
a form needs), or an API token acting as them. Everything else about the vote is the
website's: the same service, the same checks, the same words when it is refused.

No ``from __future__ import annotations`` here: ninja reads the annotations at import time.
"""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Field, HeaderEx, P, Router, Schema
from ninja.responses import Status

from alongside.accounts.api_auth import ApiTokenAuth, OwnSession, caller_of, policy_extra, require
from alongside.api.errors import Problem
from alongside.api.keys import idempotency_key as idempotency_key_from
from alongside.api.schemas import Input
from alongside.budgeting import selectors, services
from alongside.budgeting.models import Area, Ballot
from alongside.budgeting.permissions import BALLOT_CAST
from alongside.core.errors import ValidationFailed
from alongside.core.limits import column_length

router = Router(tags=["youth budgets"])

# More projects than any round puts on a ballot paper: only a limit on what is read.
MOST_CHOICES = 500


class BallotIn(Input):
    choices: list[int] = Field(
        max_length=MOST_CHOICES,
        description="The projects chosen, by their number in the round (the Pabulib file's "
        "project ids). For a ranked ballot, in order, best first.",
    )
    points: list[int] | None = Field(
        None,
        max_length=MOST_CHOICES,
        description="For a points ballot: the points given to each project in choices, "
        "position by position.",
    )
    area: str | None = Field(
        None,
        max_length=column_length(Area, "name"),
        description="The voter's area, by name, where the round votes by area.",
    )
    idempotency_key: uuid.UUID | None = Field(
        None,
        description="Made once for this ballot and sent with every retry (or send it in the "
        "Idempotency-Key header).",
    )


class ReceiptOut(Schema):
    round: uuid.UUID = Field(description="The round's public id.")
    receipt_code: str = Field(description="The voter's receipt code, to keep.")
    cast_at: dt.datetime
    created: bool = Field(
        description="False when this key had been sent before: the first ballot's receipt."
    )


@router.post(
    "/rounds/{round_id}/ballots",
    response={
        200: ReceiptOut,
        201: ReceiptOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
    },
    auth=[ApiTokenAuth(), OwnSession()],
    operation_id="BallotCast",
    url_name="ballot-cast",
    summary="Cast your own ballot in a round, from a device that sends it later",
    openapi_extra=policy_extra(BALLOT_CAST),
)
def ballot_cast(
    request: HttpRequest,
    round_id: uuid.UUID,
    payload: BallotIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key")] = None,
) -> Status[ReceiptOut]:
    """A young person's own vote. Refused (403) for anyone else, or anyone the round is not
    for (with the reason); 409 once voting has closed or they have voted already (unless the
    round lets them change it: then the new ballot counts, the last is kept as replaced);
    422 for a ballot the round's rules do not allow, with the reason a voter would be told."""
    round_ = selectors.round_public_get(public_id=str(round_id))
    actor = caller_of(request)
    require(actor, BALLOT_CAST, round_.organisation)
    key = idempotency_key_from(idempotency_key, payload.idempotency_key, what="ballot")
    area = None
    if payload.area is not None:
        area = selectors.areas_of(round_=round_).filter(name=payload.area).first()
        if area is None:
            raise ValidationFailed("Choose one of this round's areas, by its name.", field="area")
    cast = services.ballot_cast(
        actor=actor,
        round_=round_,
        choices=payload.choices,
        points=payload.points,
        area=area,
        idempotency_key=key,
        channel=Ballot.Channel.DEVICE,
    )
    ballot = cast.ballot
    return Status(
        201 if cast.created else 200,
        ReceiptOut(
            round=round_.public_id,
            receipt_code=ballot.receipt_code,
            cast_at=ballot.cast_at,
            created=cast.created,
        ),
    )
