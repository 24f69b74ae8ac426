"""The contributions part of the API: what an organisation's young people said, for staff
tokens, newest first.

Words leave the product only where the spreadsheet lets them (``WORDS_LEAVE_THE_PRODUCT_FOR``),
and an author's display name only where they chose "staff can see my name".

No ``from __future__ import annotations`` here: ninja's ``paginate`` wraps the view in its
own module, so the view's annotations must be real objects, not strings to resolve.
"""

import datetime as dt
import uuid
from typing import Literal, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from alongside.accounts.api_auth import organisation_for, policy_extra
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.voice import rules, selectors
from alongside.voice.models import Contribution

router = Router(tags=["contributions"])

# Spelled out so the schema lists them; a test checks they match the model's choices.
ContributionKind = Literal["idea", "view", "question", "experience", "service_feedback"]
ContributionChannel = Literal["online", "session", "survey", "paper"]
ContributionStatus = Literal["awaiting_moderation", "held", "published", "hidden", "withdrawn"]

IN_ORGANISATION = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class ContributionFilters(Schema):
    status: ContributionStatus | None = Field(None, description="Only those in this status.")
    kind: ContributionKind | None = Field(None, description="Only those of this kind.")


class ContributionOut(Schema):
    id: uuid.UUID = Field(description="The contribution's public id.")
    initiative: uuid.UUID
    kind: ContributionKind
    channel: ContributionChannel
    status: ContributionStatus
    text: str | None = Field(
        description="Its words; null while held, or once hidden or withdrawn (they stay in the "
        "product, where access is controlled)."
    )
    author: str | None = Field(
        description="The author's display name, only where they chose to let staff see it."
    )
    recorded_by_a_worker: bool
    submitted_at: dt.datetime
    published_at: dt.datetime | None
    first_answered_at: dt.datetime | None


def _rows(contributions: list[Contribution]) -> list[ContributionOut]:
    return [
        ContributionOut(
            id=item.public_id,
            initiative=item.initiative.public_id,
            kind=cast(ContributionKind, item.kind),
            channel=cast(ContributionChannel, item.channel),
            status=cast(ContributionStatus, item.status),
            text=item.text if item.status in selectors.WORDS_LEAVE_THE_PRODUCT_FOR else None,
            author=(
                item.author.display_name
                if item.author is not None and selectors.author_is_named(item, viewer_is_staff=True)
                else None
            ),
            recorded_by_a_worker=selectors.recorded_on_behalf(item),
            submitted_at=item.created_at,
            published_at=item.published_at,
            first_answered_at=item.first_answered_at,
        )
        for item in contributions
    ]


@router.get(
    "/organisations/{slug}/contributions",
    response={200: list[ContributionOut], **IN_ORGANISATION},
    operation_id="ContributionList",
    url_name="contribution-list",
    summary="List what an organisation's young people said",
    openapi_extra=policy_extra(rules.CONTRIBUTION_VIEW),
)
@paginate(PageNumberPagination)
def contribution_list(
    request: HttpRequest, slug: str, filters: Query[ContributionFilters]
) -> PageRows[Contribution, ContributionOut]:
    """Every contribution, newest first, with where it stands. Nothing here is public: a
    staff token of someone who may see contributions in the organisation is needed."""
    organisation = organisation_for(request, slug, rules.CONTRIBUTION_VIEW)
    return PageRows(
        selectors.contributions_for_staff(
            organisation=organisation, status=filters.status or "", kind=filters.kind or ""
        ),
        _rows,
    )
