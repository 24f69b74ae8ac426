"""The answers part of the API: every answer an organisation gave, newest first (staff token).

No ``from __future__ import annotations`` here: ninja's ``paginate`` wraps the view in its
own module, so the view's annotations must be real objects, not strings to resolve.
"""

import datetime as dt
import uuid
from typing import Literal, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from alongside.accounts.api_auth import organisation_for, policy_extra
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.voice import rules
from alongside.voice import selectors_answers as selectors
from alongside.voice.models import Answer

router = Router(tags=["answers"])

# Spelled out so the schema lists them; a test checks they match the model's choices.
AnswerStatus = Literal["heard", "considering", "changed", "not_possible", "passed_on"]

IN_ORGANISATION = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class AnswerOut(Schema):
    id: uuid.UUID = Field(description="The answer's public id.")
    status: AnswerStatus
    text: str
    passed_to: str = Field(description="Who it was passed to (only when passed on).")
    answered_at: dt.datetime
    contribution: uuid.UUID | None = Field(
        description="The contribution answered, if the answer is to one contribution."
    )
    theme: uuid.UUID | None = Field(
        description="The theme answered, if the answer is to a theme (and all in it)."
    )


def _rows(answers: list[Answer]) -> list[AnswerOut]:
    return [
        AnswerOut(
            id=answer.public_id,
            status=cast(AnswerStatus, answer.status),
            text=answer.text,
            passed_to=answer.passed_to,
            answered_at=answer.created_at,
            contribution=answer.contribution.public_id if answer.contribution else None,
            theme=answer.theme.public_id if answer.theme else None,
        )
        for answer in answers
    ]


@router.get(
    "/organisations/{slug}/answers",
    response={200: list[AnswerOut], **IN_ORGANISATION},
    operation_id="AnswerList",
    url_name="answer-list",
    summary="List the answers an organisation gave",
    openapi_extra=policy_extra(rules.ANSWER_VIEW),
)
@paginate(PageNumberPagination)
def answer_list(request: HttpRequest, slug: str) -> PageRows[Answer, AnswerOut]:
    """Answers to contributions and to themes, newest first. The newest answer that reaches a
    contribution (its own, or its theme's) is its current one."""
    organisation = organisation_for(request, slug, rules.ANSWER_VIEW)
    return PageRows(selectors.answers_for_organisation(organisation=organisation), _rows)
