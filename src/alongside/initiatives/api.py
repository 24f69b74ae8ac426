"""The initiatives part of the API: an organisation's initiatives, public fields only.

Only initiatives that have opened are listed (one being planned is its staff's business), and
nobody on a team is named. No ``from __future__ import annotations`` (see accounts/api.py).
"""

import datetime as dt
import uuid
from typing import Literal, Self, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from alongside.accounts import selectors as account_selectors
from alongside.accounts.api_auth import actor_of, policy_extra, require
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.initiatives import rules, selectors
from alongside.initiatives.models import Initiative

router = Router(tags=["initiatives"])

# Spelled out so the schema lists them.
StageName = Literal["open", "deciding", "delivering", "closed"]
FormCode = Literal[
    "co-commissioning",
    "co-planning",
    "co-prioritisation",
    "co-financing",
    "co-design",
    "co-delivery",
    "co-management",
    "co-assessment",
]


class CoproductionFormOut(Schema):
    code: FormCode
    name: str


class InitiativeOut(Schema):
    id: uuid.UUID = Field(description="The initiative's public id (its public page's address).")
    title: str
    purpose: str
    forms: list[CoproductionFormOut] = Field(description="The forms of co-production it uses.")
    stage: StageName
    starts_on: dt.date | None
    ends_on: dt.date | None
    decision_maker: str = Field(description="Who makes the decision it feeds.")

    @classmethod
    def of(cls, initiative: Initiative) -> Self:
        return cls(
            id=initiative.public_id,
            title=initiative.title,
            purpose=initiative.purpose,
            forms=[
                CoproductionFormOut(code=cast(FormCode, form.code), name=form.name)
                for form in initiative.forms.all()
            ],
            stage=cast(StageName, initiative.stage),
            starts_on=initiative.starts_on,
            ends_on=initiative.ends_on,
            decision_maker=initiative.decision_maker,
        )


@router.get(
    "/organisations/{slug}/initiatives",
    auth=None,
    response={200: list[InitiativeOut], 404: Problem, 422: Problem},
    operation_id="InitiativeList",
    url_name="initiative-list",
    summary="List an organisation's initiatives",
    openapi_extra=policy_extra(rules.INITIATIVE_PUBLIC_VIEW),
)
@paginate(PageNumberPagination)
def initiative_list(request: HttpRequest, slug: str) -> PageRows[Initiative, InitiativeOut]:
    """Initiatives that have opened, newest first, with their public fields. Open to anyone."""
    require(actor_of(request), rules.INITIATIVE_PUBLIC_VIEW)
    organisation = account_selectors.organisation_get(slug=slug)
    return PageRows(
        selectors.initiatives_public(organisation=organisation),
        lambda initiatives: [InitiativeOut.of(i) for i in initiatives],
    )
