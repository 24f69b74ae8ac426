"""Closing a round, its count and its results: the staff count page (close now, the seal,
the count's progress, a preview, publish) and the public results page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.budgeting import permissions, selectors, selectors_results, services
from alongside.budgeting.models import Proposal, Result, Round
from alongside.budgeting.result_words import project_words
from alongside.budgeting.rules import ProjectReason
from alongside.budgeting.services.results import SUBJECT_TYPE, unsettled_problem
from alongside.decisions import selectors as decision_selectors
from alongside.decisions.models import Decision
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice.models import Contribution

State = Round.TallyState
# Seconds between the count page's refreshes while counting (the page says so, and offers
# a way to stop: WCAG 2.2.1).
REFRESH_SECONDS = 10


def _round(organisation: Organisation, round_id: uuid.UUID) -> Round:
    return selectors.round_get(organisation=organisation, public_id=str(round_id))


def _to_count(request: Request, round_: Round, message: str) -> HttpResponse:
    return done(
        request, message, "budgeting:round-count", round_.organisation.slug, round_.public_id
    )


# What a result shows, project by project ------------------------------------------------------


@dataclass
class ProjectRow:
    number: int
    title: str
    votes: int
    cost_pence: int
    funded: bool
    greedy_funded: bool
    words: str
    """Why it was or was not funded, in plain words in the page's language."""
    explanation: str
    """The same in the counting program's own English, for those who want it."""
    width: int = 0
    decision: Decision | None = None
    ideas: list[Contribution] = field(default_factory=list)


@dataclass
class AreaResult:
    name: str
    budget_pence: int
    ballots_counted: int
    file_sha256: str
    funded: list[ProjectRow]
    by_votes: list[ProjectRow]
    greedy: list[ProjectRow]

    @property
    def spent_pence(self) -> int:
        return sum(p.cost_pence for p in self.funded)

    @property
    def greedy_spent_pence(self) -> int:
        return sum(p.cost_pence for p in self.greedy)

    @property
    def greedy_differs(self) -> bool:
        return {p.number for p in self.funded} != {p.number for p in self.greedy}


def _area_result(result: Result, proposals: dict[int, Proposal]) -> AreaResult:
    greedy = set(result.greedy_selected)
    titles = {
        key: proposals[int(key)].title if int(key) in proposals else str(data["name"])
        for key, data in result.projects.items()
    }
    rows: dict[int, ProjectRow] = {}
    for key, data in result.projects.items():
        number = int(key)
        rows[number] = ProjectRow(
            number=number,
            title=titles[key],
            votes=int(data["votes"]),
            cost_pence=int(data["cost_pence"]),
            funded=number in result.selected,
            greedy_funded=number in greedy,
            words=project_words(ProjectReason.from_dict(data["detail"]), titles),
            explanation=str(data["text"]),
        )
    most = max((row.votes for row in rows.values()), default=0)
    for row in rows.values():
        row.width = round(row.votes * 100 / most) if most else 0
    return AreaResult(
        name=result.area.name if result.area else "",
        budget_pence=result.budget_pence,
        ballots_counted=result.ballots_counted,
        file_sha256=result.file_sha256,
        funded=[rows[n] for n in result.selected if n in rows],
        by_votes=sorted(rows.values(), key=lambda r: (-r.votes, r.number)),
        greedy=[rows[n] for n in result.greedy_selected if n in rows],
    )


def _area_results(round_: Round, *, with_decisions: bool) -> list[AreaResult]:
    """Each area's result (one for a round with one budget), in a fixed number of queries."""
    results = selectors_results.results_of(round_=round_)
    numbers = [int(key) for result in results for key in result.projects]
    proposals = selectors_results.proposals_by_number(round_=round_, numbers=numbers)
    areas = [_area_result(result, proposals) for result in results]
    if with_decisions:
        funded = [row for area in areas for row in area.funded]
        decisions = decision_selectors.decisions_about(
            organisation=round_.organisation,
            subject_type=SUBJECT_TYPE,
            subject_ids=[str(proposals[row.number].public_id) for row in funded],
        )
        cites = decision_selectors.public_citations(list(decisions.values()))
        for row in funded:
            decision = decisions.get(str(proposals[row.number].public_id))
            if decision is not None:
                row.decision = decision
                row.ideas = cites[decision.pk].contributions
    return areas


# Staff: the count ----------------------------------------------------------------------------


@requires(permissions.ROUND_MANAGE)
def round_count(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    round_ = _round(organisation, round_id)
    counting = round_.tally_state in (State.QUEUED, State.RUNNING)
    refreshing = counting and request.GET.get("refresh") != "off"
    papers = paginate(request, selectors_results.uncounted_papers(round_=round_))
    response = render(
        request,
        "budgeting/results_count.html",
        {
            "title": _("Count the votes"),
            "organisation": organisation,
            "round": round_,
            "ballots": selectors_results.ballots_counted(round_=round_),
            "counting": counting,
            "refreshing": refreshing,
            "refresh_seconds": REFRESH_SECONDS,
            "areas": _area_results(round_, with_decisions=False)
            if round_.tally_state == State.DONE
            else [],
            "unsettled": selectors_results.unsettled_papers(round_=round_),
            "papers": list(papers.object_list),
            "papers_page": papers,
            "pagination": pagination_params(request, papers),
        },
    )
    if refreshing:
        # The Refresh header, not a <meta> refresh: the same behaviour in browsers, and the
        # page offers to stop it (docs/adr/0022).
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


def _confirm(
    request: Request,
    organisation: Organisation,
    round_id: uuid.UUID,
    *,
    act: Callable[..., Round],
    title: str,
    explanation: Callable[[Round], list[str]],
    button: str,
    message: str,
    then: Callable[[Request, Round, str], HttpResponse] = _to_count,
) -> HttpResponse:
    round_ = _round(organisation, round_id)

    def on_valid(data: dict[str, Any]) -> HttpResponse:
        return then(request, act(actor=request.actor, round_=round_), message)

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/results_confirm.html",
        {
            "title": title,
            "organisation": organisation,
            "round": round_,
            "paragraphs": explanation(round_),
            "settle": act is services.round_close and bool(unsettled_problem(round_)),
            "button_text": button,
            "cancel_url": reverse(
                "budgeting:round-count", args=[organisation.slug, round_.public_id]
            ),
        },
        on_valid,
    )


def _close_words(round_: Round) -> list[str]:
    words = [
        _(
            "Voting stops for everyone now. The %(ballots)s ballots cast so far are sealed: "
            "nobody can add, change or take one away after this. Then they are counted."
        )
        % {"ballots": f"{selectors_results.ballots_counted(round_=round_):,}"}
    ]
    problem = unsettled_problem(round_)
    if problem:
        words.append(problem)
    return words


@GET_POST
@requires(permissions.ROUND_MANAGE)
def round_close(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    return _confirm(
        request,
        organisation,
        round_id,
        act=services.round_close,
        title=_("Close voting now"),
        explanation=_close_words,
        button=_("Close voting and count"),
        message=_("Voting is closed and the ballots are sealed."),
    )


@GET_POST
@requires(permissions.ROUND_MANAGE)
def round_count_retry(
    request: Request, organisation: Organisation, round_id: uuid.UUID
) -> HttpResponse:
    return _confirm(
        request,
        organisation,
        round_id,
        act=services.round_count_retry,
        title=_("Try the count again"),
        explanation=lambda r: [
            _(
                "The sealed ballots are counted again from the start. Nothing about them "
                "changes: the seal stays the same."
            )
        ],
        button=_("Try the count again"),
        message=_("The count will start again in a moment."),
    )


def _to_results(request: Request, round_: Round, message: str) -> HttpResponse:
    return done(request, message, "budgeting:round-results", round_.public_id)


@GET_POST
@requires(permissions.ROUND_MANAGE)
def round_publish(
    request: Request, organisation: Organisation, round_id: uuid.UUID
) -> HttpResponse:
    return _confirm(
        request,
        organisation,
        round_id,
        act=services.round_publish,
        title=_("Publish the results"),
        explanation=lambda r: [
            _(
                "Everyone can then see which projects are funded, the votes for each, why, "
                "and the seal, and can download the ballots to count them again."
            ),
            _(
                "Each funded project is recorded as a decision that cites the ideas it came "
                "from, and the young people who gave those ideas are told."
            ),
        ],
        button=_("Publish the results"),
        message=_("The results are published."),
        then=_to_results,
    )


# Public: the results -------------------------------------------------------------------------


@requires(permissions.ROUND_PUBLIC_VIEW)
def round_results(request: Request, round_id: uuid.UUID) -> HttpResponse:
    round_ = selectors_results.round_published_get(public_id=str(round_id))
    areas = _area_results(round_, with_decisions=True)
    return render(
        request,
        "budgeting/results_public.html",
        {
            "title": _("Results: %(round)s") % {"round": round_.title},
            "round": round_,
            "organisation": round_.organisation,
            "areas": areas,
            "ballots": selectors_results.ballots_counted(round_=round_),
            "file_url": reverse("api:round-ballots-file", args=[round_.public_id]),
            "json_url": reverse("api:round-results", args=[round_.public_id]),
            "tally_command": _tally_command(round_),
        },
    )


def _tally_command(round_: Round) -> str:
    if round_.rule == Round.Rule.GREEDY:
        return "alongside budget tally ballots.pb --rule greedy"
    return (
        f"alongside budget tally ballots.pb --rule {round_.rule} --completion {round_.completion}"
    )
