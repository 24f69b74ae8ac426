"""The decisions part of the API: an organisation's decisions and its "You said, we did" board.

Both are public (no token). They answer with explicit schemas holding public fields only: the
words of published contributions and never who said them (no name of any young person, whatever
anonymity they chose), theme names and counts, answers, and decisions.

No ``from __future__ import annotations`` here: ninja's ``paginate`` wraps the view in its
own module, so the view's annotations must be real objects, not strings to resolve.
"""

import datetime as dt
import uuid
from typing import Literal, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from alongside.accounts.api_auth import organisation_for, policy_extra
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination
from alongside.decisions import rules, selectors
from alongside.decisions.models import Decision
from alongside.voice.models import Answer, Contribution, Theme

router = Router(tags=["decisions"])

PUBLIC_LIST = {404: Problem, 422: Problem}

ContributionKind = Literal["idea", "view", "question", "experience", "service_feedback"]
AnswerStatus = Literal["heard", "considering", "changed", "not_possible", "passed_on"]


class InitiativeRef(Schema):
    id: uuid.UUID = Field(description="The initiative's public id.")
    title: str


class ThemeOut(Schema):
    id: uuid.UUID = Field(description="The theme's public id.")
    name: str
    published_count: int = Field(description="How many published contributions it holds.")


class SaidOut(Schema):
    """A published contribution's words. Who said it is never part of the API."""

    id: uuid.UUID = Field(description="The contribution's public id.")
    kind: ContributionKind
    text: str
    published_on: dt.date | None


class DecisionOut(Schema):
    id: uuid.UUID = Field(description="The decision's public id.")
    title: str = Field(description="What was decided.")
    what_changed: str
    decided_by: str = Field(description="Who decided: a group or a role.")
    forum: str
    decided_on: dt.date
    initiative: InitiativeRef | None
    cites_themes: list[ThemeOut]
    cites_contributions: list[SaidOut] = Field(
        description="The published contributions it used (others are left out)."
    )


class AnswerOut(Schema):
    id: uuid.UUID = Field(description="The answer's public id.")
    status: AnswerStatus
    text: str
    passed_to: str
    answered_on: dt.date
    theme: ThemeOut = Field(description="The theme it answers.")


class BoardEntryOut(Schema):
    kind: Literal["decision", "answer"]
    date: dt.date
    decision: DecisionOut | None
    answer: AnswerOut | None


def _initiative(decision: Decision) -> InitiativeRef | None:
    if decision.initiative is None:
        return None
    return InitiativeRef(id=decision.initiative.public_id, title=decision.initiative.title)


def _theme(theme: Theme) -> ThemeOut:
    return ThemeOut(id=theme.public_id, name=theme.name, published_count=theme.published_count)


def _said(contribution: Contribution) -> SaidOut:
    assert contribution.status == Contribution.Status.PUBLISHED
    published = contribution.published_at
    return SaidOut(
        id=contribution.public_id,
        kind=cast(ContributionKind, contribution.kind),
        text=contribution.text,
        published_on=timezone.localtime(published).date() if published else None,
    )


def _decision(decision: Decision, cites: selectors.Cites) -> DecisionOut:
    return DecisionOut(
        id=decision.public_id,
        title=decision.title,
        what_changed=decision.what_changed,
        decided_by=decision.decided_by,
        forum=decision.forum,
        decided_on=decision.decided_on,
        initiative=_initiative(decision),
        cites_themes=[_theme(t) for t in cites.themes],
        cites_contributions=[_said(c) for c in cites.contributions],
    )


def _answer(answer: Answer, day: dt.date) -> AnswerOut:
    theme = answer.theme
    assert theme is not None  # the board shows answers to themes only
    return AnswerOut(
        id=answer.public_id,
        status=cast(AnswerStatus, answer.status),
        text=answer.text,
        passed_to=answer.passed_to,
        answered_on=day,
        theme=_theme(theme),
    )


class _BoardRows:
    """The board, cut by ninja's pagination and turned into schema rows a page at a time."""

    def __init__(self, board: selectors.Board) -> None:
        self.board = board

    def all(self) -> selectors.Board:
        return self.board

    def __getitem__(self, page: slice) -> list[BoardEntryOut]:
        rows = []
        for entry in self.board[page]:
            if entry.decision is not None:
                assert entry.cites is not None
                rows.append(
                    BoardEntryOut(
                        kind="decision",
                        date=entry.day,
                        decision=_decision(entry.decision, entry.cites),
                        answer=None,
                    )
                )
            else:
                assert entry.answer is not None
                rows.append(
                    BoardEntryOut(
                        kind="answer",
                        date=entry.day,
                        decision=None,
                        answer=_answer(entry.answer, entry.day),
                    )
                )
        return rows


class _DecisionRows:
    def __init__(self, decisions: QuerySet[Decision]) -> None:
        self.decisions = decisions

    def all(self) -> QuerySet[Decision]:
        return self.decisions.all()

    def __getitem__(self, page: slice) -> list[DecisionOut]:
        decisions = list(self.decisions[page])
        cites = selectors.public_citations(decisions)
        return [_decision(d, cites[d.pk]) for d in decisions]


@router.get(
    "/organisations/{slug}/you-said-we-did",
    auth=None,
    response={200: list[BoardEntryOut], **PUBLIC_LIST},
    operation_id="BoardList",
    url_name="you-said-we-did",
    summary="The organisation's 'You said, we did' board",
    openapi_extra=policy_extra(rules.DECISION_VIEW),
)
@paginate(PageNumberPagination)
def you_said_we_did(request: HttpRequest, slug: str) -> _BoardRows:
    """Answers to themes, and decisions with the themes and published contributions they used,
    newest first. Open to anyone; holds no names of young people. (An answer to one
    contribution is written to its author and is not on the board.)"""
    organisation = organisation_for(request, slug, rules.DECISION_VIEW)
    return _BoardRows(selectors.board(organisation=organisation))


@router.get(
    "/organisations/{slug}/decisions",
    auth=None,
    response={200: list[DecisionOut], **PUBLIC_LIST},
    operation_id="DecisionList",
    url_name="decision-list",
    summary="List an organisation's decisions",
    openapi_extra=policy_extra(rules.DECISION_VIEW),
)
@paginate(PageNumberPagination)
def decision_list(request: HttpRequest, slug: str) -> _DecisionRows:
    """Decisions, newest first, with the themes and published contributions they used."""
    organisation = organisation_for(request, slug, rules.DECISION_VIEW)
    return _DecisionRows(selectors.public_decisions(organisation=organisation))
