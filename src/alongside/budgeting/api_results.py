"""Re-counting a round: its sealed ballots as a Pabulib file, and its published result.

Both are public (no token) once the results are published, and 404 before. The file is
exactly the bytes the seal hashes (as stored at close). A round whose areas have their own
budgets has a file per area: ask for one with ``?area=<name>`` (the JSON lists the names).
See docs/budgeting-results.md.

No ``from __future__ import annotations`` (see accounts/api.py).
"""

import datetime as dt
import uuid
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from alongside.accounts.api_auth import actor_of, policy_extra, require
from alongside.api.errors import Problem
from alongside.budgeting import permissions, selectors_results
from alongside.budgeting.models import Round
from alongside.core.errors import ValidationFailed

router = Router(tags=["budgeting"])

FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The sealed Pabulib file (UTF-8 text).",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    }
}


class AreaResultOut(Schema):
    area: str = Field(description="The area's name, or empty for a round with one budget.")
    budget_pence: int
    ballots_counted: int = Field(description="Ballots in this area's file.")
    file_sha256: str = Field(description="SHA-256 of the file counted.")
    file_url: str = Field(description="Where to download the file.")
    selected: list[str] = Field(
        description="The funded projects, by their ids in the file, in the order chosen."
    )
    greedy_selected: list[str] = Field(
        description="What 'most votes first' would have funded, for comparison."
    )


class ResultOut(Schema):
    id: uuid.UUID = Field(description="The round's public id.")
    title: str
    rule: str = Field(description="The engine's rule: mes (Equal Shares) or greedy.")
    completion: str | None = Field(description="How Equal Shares was completed; null for greedy.")
    budget_pence: int
    seal: str = Field(
        description="SHA-256 of the file; with areas, of the lines 'area<TAB>file SHA-256'."
    )
    sealed_at: dt.datetime
    published_at: dt.datetime
    selected: list[str] = Field(description="Every funded project's id, area by area.")
    areas: list[AreaResultOut]


def _published(request: HttpRequest, round_id: uuid.UUID) -> Round:
    require(actor_of(request), permissions.ROUND_PUBLIC_VIEW)
    return selectors_results.round_published_get(public_id=str(round_id))


def _file_url(round_: Round, area_name: str) -> str:
    url = reverse("api:round-ballots-file", args=[round_.public_id])
    return f"{url}?{urlencode({'area': area_name})}" if area_name else url


@router.get(
    "/rounds/{round_id}/ballots.pb",
    auth=None,
    response={404: Problem, 422: Problem},
    operation_id="BallotDownload",
    url_name="round-ballots-file",
    summary="Download a round's sealed ballots as a Pabulib file",
    openapi_extra={**policy_extra(permissions.ROUND_PUBLIC_VIEW), **FILE_RESPONSE},
)
def ballots_file(request: HttpRequest, round_id: uuid.UUID, area: str = "") -> HttpResponse:
    """The anonymised ballots exactly as sealed: each ballot named by a hash of its receipt
    code, in pounds. Its SHA-256 is the seal (with areas, the area's line in the seal).
    `alongside budget tally` on it gives the published result."""
    round_ = _published(request, round_id)
    files = selectors_results.sealed_files(round_=round_)
    names = [f.area_name for f in files]
    if area not in names:
        raise ValidationFailed(
            "This round has a file for each area. Add ?area= and one of: " + ", ".join(names)
            if area == ""
            else "This round has no area of that name. Choose one of: " + ", ".join(names),
            field="area",
        )
    file = next(f for f in files if f.area_name == area)
    response = HttpResponse(file.text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    suffix = f"-{file.area.pk}" if file.area else ""
    response["Content-Disposition"] = (
        f'attachment; filename="ballots-{round_.public_id}{suffix}.pb"'
    )
    return response


@router.get(
    "/rounds/{round_id}/results",
    auth=None,
    response={200: ResultOut, 404: Problem, 422: Problem},
    operation_id="ResultDetail",
    url_name="round-results",
    summary="A round's published result and seal",
    openapi_extra=policy_extra(permissions.ROUND_PUBLIC_VIEW),
)
def results(request: HttpRequest, round_id: uuid.UUID) -> ResultOut:
    """The rule, budget and funded projects (by their ids in the Pabulib file), and the seal."""
    round_ = _published(request, round_id)
    assert round_.sealed_at is not None
    assert round_.published_at is not None
    sealed_names = {f.area_id: f.area_name for f in selectors_results.sealed_files(round_=round_)}
    areas = [
        AreaResultOut(
            area=sealed_names.get(result.area_id, ""),
            budget_pence=result.budget_pence,
            ballots_counted=result.ballots_counted,
            file_sha256=result.file_sha256,
            file_url=_file_url(round_, sealed_names.get(result.area_id, "")),
            selected=[str(n) for n in result.selected],
            greedy_selected=[str(n) for n in result.greedy_selected],
        )
        for result in selectors_results.results_of(round_=round_)
    ]
    return ResultOut(
        id=round_.public_id,
        title=round_.title,
        rule=round_.rule,
        completion=None if round_.rule == Round.Rule.GREEDY else round_.completion,
        budget_pence=round_.budget_pence,
        seal=round_.seal,
        sealed_at=round_.sealed_at,
        published_at=round_.published_at,
        selected=[n for a in areas for n in a.selected],
        areas=areas,
    )
