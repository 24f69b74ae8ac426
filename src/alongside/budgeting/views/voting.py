"""Voting online, one thing per page, and checking a receipt.

A young person starts at the round's vote page (the rules in short, and whether they can
vote), chooses their area if the round votes by area, chooses projects on the ballot paper
with a running total, checks their answers and sends the vote; the confirmation panel gives
the receipt code. What they have chosen waits in the session, with the idempotency key made
when the ballot paper was first shown, so nothing personal is ever in an address and sending
twice casts one vote (``services.ballot_cast``).

Anyone with a receipt code can check it on the round's receipt page: received, in the sealed
set, and once results are out, what it helped fund. Voters never see a count before close.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from markupsafe import Markup

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    check_rate,
    client_address,
    requires,
)
from alongside.budgeting import selectors, selectors_voting, services
from alongside.budgeting.ballot_paper import BallotRules, Kind, ballot_problem, running_total
from alongside.budgeting.counting import ballot_file_id
from alongside.budgeting.forms_voting import AreaForm, ChooseForm, ReceiptForm, SendForm
from alongside.budgeting.models import Area, Ballot, Participation, Proposal, Round
from alongside.budgeting.permissions import (
    BALLOT_CAST,
    OWN_VOTES,
    RECEIPT_CHECK,
    ROUND_PUBLIC_VIEW,
)
from alongside.core.errors import ApplicationError, NotFound
from alongside.core.policy import Action, Scope
from alongside.govuk.jinja_helpers import format_money as money
from alongside.govuk.pagination import paginate, pagination_params

VOTE_SESSION_KEY = "alongside_vote"
NOT_FOUND = gettext_lazy(
    "We cannot find a vote with that code. Check you typed it as it is on your receipt."
)


def for_round(action: Action) -> Callable[..., Any]:
    """``requires`` for the pages under ``rounds/<round_id>/``: the round, in a stage the
    public may see, says which organisation the policy asks about (loaded with it), as
    ``org`` in a staff page's address does. The view gets the round as ``round_``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        guarded = requires(action)(view)

        @wraps(guarded)
        def wrapper(request: Request, round_id: uuid.UUID, **kwargs: Any) -> HttpResponse:
            try:
                round_ = selectors.round_public_get(public_id=str(round_id))
            except NotFound as error:
                raise Http404(error.message) from error
            if action.scope is Scope.ORGANISATION:
                kwargs["organisation"] = round_.organisation
            return guarded(request, round_=round_, **kwargs)

        return wrapper

    return decorator


# Where the voter stands -------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What the vote page says: open or not, may they vote, have they voted."""

    is_open: bool
    signed_in: bool
    problem: str | None
    participation: Participation | None = None
    ballot: Ballot | None = None
    can_change: bool = False

    @property
    def may_vote(self) -> bool:
        return (
            self.is_open
            and self.signed_in
            and self.problem is None
            and (self.participation is None or self.can_change)
        )


def _standing(request: Request, round_: Round) -> Standing:
    is_open = services.voting_open(round_, timezone.now())
    person = request.actor.person
    if person is None:
        return Standing(is_open=is_open, signed_in=False, problem=None)
    problem = services.voter_problem(round_, person)
    if not request.actor.can(BALLOT_CAST, round_.organisation):
        return Standing(
            is_open=is_open,
            signed_in=True,
            problem=_(problem)
            if problem
            else _("Only young people taking part in %(organisation)s can vote in this round.")
            % {"organisation": round_.organisation.name},
        )
    participation = selectors.participation_of(round_=round_, person=person)
    return Standing(
        is_open=is_open,
        signed_in=True,
        # (the service's words, marked as English on a Welsh page until they are translated)
        problem=_(problem) if problem else None,
        participation=participation,
        ballot=(
            selectors_voting.own_current_ballot(round_=round_, person=person)
            if participation
            else None
        ),
        can_change=bool(
            round_.ballots_can_change
            and participation is not None
            and participation.channel == Participation.Channel.ONLINE
        ),
    )


def _needs_area(round_: Round) -> bool:
    return round_.area_voting == Round.AreaVoting.OWN and selectors.round_has_areas(round_=round_)


def _state(request: Request, round_: Round) -> dict[str, Any]:
    """This round's vote in progress, from the session (one round at a time)."""
    state = request.session.get(VOTE_SESSION_KEY)
    if not isinstance(state, dict) or state.get("round") != str(round_.public_id):
        return {"round": str(round_.public_id)}
    return dict(state)


def _save(request: Request, state: dict[str, Any]) -> None:
    request.session[VOTE_SESSION_KEY] = state


def _area(round_: Round, standing: Standing, state: dict[str, Any]) -> Area | None:
    """The area of this vote: where they voted before when changing it, else their choice."""
    if standing.participation is not None:
        return standing.participation.area
    if not _needs_area(round_) or "area" not in state:
        return None
    return selectors_voting.area_of(round_=round_, area_id=state["area"])


def _first_step(round_: Round, standing: Standing) -> str:
    if standing.participation is None and _needs_area(round_):
        return "budgeting:vote-area"
    return "budgeting:vote-choose"


# The rules in short ------------------------------------------------------------------------


def rules_summary(round_: Round, rules: BallotRules | None = None) -> list[str]:
    """The rules a voter needs before they start, in plain words."""
    kind = Kind(round_.ballot_kind)
    limit = round_.max_choices or 0
    budget = rules.budget_pence if rules else round_.budget_pence
    lines = [_("There is %(budget)s to spend on projects.") % {"budget": money(budget)}]
    if kind is Kind.CHOOSE_UP_TO:
        lines.append(
            ngettext(
                "You can choose up to %(n)s project.", "You can choose up to %(n)s projects.", limit
            )
            % {"n": limit}
        )
    elif kind is Kind.CHOOSE_ONE:
        lines.append(_("You choose one project."))
    elif kind is Kind.APPROVAL_WITHIN_BUDGET:
        lines.append(
            _(
                "You can choose as many projects as you like, as long as together they cost "
                "no more than %(budget)s."
            )
            % {"budget": money(budget)}
        )
    elif kind is Kind.POINTS:
        points = round_.points_to_share or 0
        lines.append(
            ngettext(
                "You have %(n)s point to share out between the projects you like most.",
                "You have %(n)s points to share out between the projects you like most.",
                points,
            )
            % {"n": points}
        )
    else:
        lines.append(
            ngettext(
                "You can put up to %(n)s project in order, your favourite first.",
                "You can put up to %(n)s projects in order, your favourite first.",
                limit,
            )
            % {"n": limit}
        )
    if round_.rule == Round.Rule.EQUAL_SHARES:
        lines.append(
            _(
                "Projects that the most people can share the cost of get the money first, so "
                "everyone's vote has an equal share of the budget."
            )
        )
    else:
        lines.append(_("The projects with the most votes get the money first, while it lasts."))
    lines.append(
        _("You can change your vote until voting closes. Only your last vote counts.")
        if round_.ballots_can_change
        else _("You can vote once. You cannot change your vote after you send it.")
    )
    return lines


# The pages ------------------------------------------------------------------------------


def _context(round_: Round, title: str, **more: Any) -> dict[str, Any]:
    return {"round": round_, "title": title, **more}


def _step_url(name: str, round_: Round) -> str:
    return reverse(name, args=[round_.public_id])


@for_round(ROUND_PUBLIC_VIEW)
def vote_start(request: Request, round_: Round) -> HttpResponse:
    """Open to anyone, so that whoever follows a link to it is told whether they can vote and
    why not (a staff member, a 26-year-old, another organisation's young person), rather
    than meeting a refusal."""
    standing = _standing(request, round_)
    return render(
        request,
        "budgeting/voting_start.html",
        _context(
            round_,
            _("Vote in %(round)s") % {"round": round_.title},
            standing=standing,
            rules=rules_summary(round_),
            start=_step_url(_first_step(round_, standing), round_) if standing.may_vote else None,
            sign_in=reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}),
            not_yet=bool(
                round_.voting_opens_at
                and timezone.now() < round_.voting_opens_at
                and round_.stage in (Round.Stage.PROPOSALS, Round.Stage.VOTING)
            ),
        ),
    )


@GET_POST
@for_round(BALLOT_CAST)
def vote_area(request: Request, round_: Round, organisation: Organisation) -> HttpResponse:
    standing = _standing(request, round_)
    if not standing.may_vote:
        return redirect("budgeting:vote-start", round_.public_id)
    if standing.participation is not None or not _needs_area(round_):
        return redirect("budgeting:vote-choose", round_.public_id)
    state = _state(request, round_)
    areas = [(str(area.pk), area.name) for area in selectors.areas_of(round_=round_)]
    form = bound_form(AreaForm, request, areas=areas, initial={"area": state.get("area")})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["area"]
        if state.get("area") != chosen:
            # Each area has its own projects: what was chosen in another does not carry over.
            state.pop("choices", None)
            state.pop("points", None)
        state["area"] = chosen
        _save(request, state)
        if state.get("checking") and "choices" in state:
            return redirect("budgeting:vote-check", round_.public_id)
        return redirect("budgeting:vote-choose", round_.public_id)
    return render(
        request,
        "budgeting/voting_area.html",
        {
            **_context(round_, _("Which area do you live, go to school or go to a youth club in?")),
            "form": form,
            "back": _step_url("budgeting:vote-start", round_),
        },
    )


def _project_hint(project: Proposal) -> dict[str, Any]:
    return {
        "html": Markup("{}<br>{}").format(money(project.cost_pence), project.summary),
        "classes": "alongside-break",
    }


def _items(form: ChooseForm, name: str) -> list[dict[str, Any]]:
    """The checkboxes or radios of the ballot paper: each project with its cost and summary."""
    bound = form[name]
    value = bound.value()
    current = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return [
        {
            "value": str(project.number),
            "text": project.title,
            "label": {"classes": "alongside-break"},
            "hint": _project_hint(project),
            "checked": str(project.number) in current,
        }
        for project in form.on_paper
    ]


def _total(rules: BallotRules, choices: list[int], points: list[int] | None) -> dict[str, Any]:
    """The running total the ballot paper shows (and the script keeps up to date)."""
    cost = running_total(rules, choices)
    left = rules.budget_pence - cost
    return {
        "count": len(choices),
        "limit": rules.limit,
        "cost": money(cost),
        "budget": money(rules.budget_pence),
        "left": money(left)
        if left >= 0
        else _("%(amount)s over the budget") % {"amount": money(-left)},
        "points_used": sum(points or []),
        "points": rules.points_to_share or 0,
    }


def _choose_title(rules: BallotRules) -> str:
    kind = rules.kind
    if kind is Kind.CHOOSE_UP_TO:
        return ngettext(
            "Choose up to %(n)s project", "Choose up to %(n)s projects", rules.limit
        ) % {"n": rules.limit}
    if kind is Kind.CHOOSE_ONE:
        return _("Choose one project")
    if kind is Kind.APPROVAL_WITHIN_BUDGET:
        return _("Choose the projects you want")
    if kind is Kind.POINTS:
        points = rules.points_to_share or 0
        return ngettext("Share out your %(n)s point", "Share out your %(n)s points", points) % {
            "n": points
        }
    return ngettext(
        "Put up to %(n)s project in order", "Put up to %(n)s projects in order", rules.limit
    ) % {"n": rules.limit}


@GET_POST
@for_round(BALLOT_CAST)
def vote_choose(request: Request, round_: Round, organisation: Organisation) -> HttpResponse:
    standing = _standing(request, round_)
    if not standing.may_vote:
        return redirect("budgeting:vote-start", round_.public_id)
    state = _state(request, round_)
    if state.get("cast"):
        # Changing a vote already sent: a new ballot paper, with a new key.
        state = {"round": state["round"]}
    area = _area(round_, standing, state)
    if area is None and standing.participation is None and _needs_area(round_):
        return redirect("budgeting:vote-area", round_.public_id)
    state.setdefault("key", str(uuid.uuid4()))
    rules = selectors.ballot_rules(round_=round_, area=area)
    projects = list(selectors.on_ballot(round_=round_, area=area))
    choices: list[int] = list(state.get("choices", []))
    points: list[int] | None = state.get("points")
    form = bound_form(
        ChooseForm,
        request,
        rules=rules,
        projects=projects,
        initial=ChooseForm.initial_for(rules, choices, points),
    )
    if request.method == "POST" and form.is_valid():
        choices, points = form.ballot()
        state["choices"], state["points"] = choices, points
        problem = ballot_problem(rules, choices, points)
        updating = "update" in request.POST
        if problem and (choices or not updating):
            form.add_error(form.first_field, problem)
        elif not updating:
            _save(request, state)
            return redirect("budgeting:vote-check", round_.public_id)
    _save(request, state)
    kind = rules.kind
    return render(
        request,
        "budgeting/voting_choose.html",
        {
            **_context(round_, _choose_title(rules)),
            "form": form,
            "kind": kind.value,
            "items": _items(form, form.first_field)
            if kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET, Kind.CHOOSE_ONE)
            else None,
            "projects": projects,
            "hints": {f"points_{p.number}": _project_hint(p) for p in projects},
            "costs": {str(p.number): p.cost_pence for p in projects},
            "budget_pence": rules.budget_pence,
            "total": _total(rules, choices, points),
            "rules_lines": rules_summary(round_, rules),
            "area": area,
            "back": _step_url(
                "budgeting:vote-check"
                if state.get("checking")
                else "budgeting:vote-area"
                if _first_step(round_, standing) == "budgeting:vote-area"
                else "budgeting:vote-start",
                round_,
            ),
        },
    )


def _chosen_rows(
    round_: Round, rules: BallotRules, choices: list[int], points: list[int] | None
) -> list[dict[str, str]]:
    """What the voter chose, in their order, for check your answers and the receipt."""
    found = selectors_voting.proposals_numbered(round_=round_, numbers=choices)
    rows = []
    for place, number in enumerate(choices, start=1):
        project = found.get(number)
        if project is None:
            continue
        detail = money(project.cost_pence)
        if rules.kind is Kind.POINTS and points:
            detail = (
                ngettext("%(n)s point", "%(n)s points", points[place - 1])
                % {"n": points[place - 1]}
                + f" – {detail}"
            )
        elif rules.kind is Kind.RANK:
            detail = _("Choice %(n)s") % {"n": place} + f" – {detail}"
        rows.append({"title": project.title, "detail": detail})
    return rows


def _sending_area(request: Request, round_: Round, state: dict[str, Any]) -> Area | None:
    """The area a vote being sent is for, found with the fewest reads (a vote night sends
    thousands): where they voted before when the round lets a vote change, else their choice.
    The service checks it, and everything else about the vote, again."""
    person = request.actor.person
    if round_.ballots_can_change and person is not None:
        earlier = selectors.participation_of(round_=round_, person=person)
        if earlier is not None:
            return earlier.area
    if "area" not in state:
        return None
    return selectors_voting.area_of(round_=round_, area_id=state["area"])


@GET_POST
@for_round(BALLOT_CAST)
def vote_check(request: Request, round_: Round, organisation: Organisation) -> HttpResponse:
    state = _state(request, round_)
    if request.method == "GET" and state.get("cast"):
        return redirect("budgeting:vote-done", round_.public_id)
    if "choices" not in state or "key" not in state:
        return redirect("budgeting:vote-choose", round_.public_id)
    choices, points = list(state["choices"]), state.get("points")
    form = bound_form(SendForm, request, initial={"idempotency_key": state["key"]})
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(
                actor=request.actor,
                round_=round_,
                choices=choices,
                points=points,
                area=_sending_area(request, round_, state),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            state["cast"] = True
            _save(request, state)
            return redirect("budgeting:vote-done", round_.public_id)
    standing = _standing(request, round_)
    area = _area(round_, standing, state)
    rules = selectors.ballot_rules(round_=round_, area=area)
    if request.method == "GET":
        if not standing.may_vote:
            return redirect("budgeting:vote-start", round_.public_id)
        if ballot_problem(rules, choices, points):
            return redirect("budgeting:vote-choose", round_.public_id)
    state["checking"] = True
    _save(request, state)
    return render(
        request,
        "budgeting/voting_check.html",
        {
            **_context(round_, _("Check your vote")),
            "form": form,
            "area": area,
            "needs_area": _needs_area(round_) and standing.participation is None,
            "chosen": _chosen_rows(round_, rules, choices, points),
            "total": _total(rules, choices, points),
            "kind": rules.kind.value,
            "back": _step_url("budgeting:vote-choose", round_),
        },
    )


@for_round(BALLOT_CAST)
def vote_done(request: Request, round_: Round, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    ballot = selectors_voting.own_current_ballot(round_=round_, person=person)
    if ballot is None:
        return redirect("budgeting:vote-start", round_.public_id)
    return render(
        request,
        "budgeting/voting_done.html",
        _context(round_, _("Your vote has been sent"), ballot=ballot),
    )


# Receipts ------------------------------------------------------------------------------


def _check_receipt_rate(request: Request, round_: Round) -> None:
    """Per round and address first, then per round; only tries the first let through count
    towards the second, so one address can never use up a round's allowance (and one youth
    club's wifi is never the limit of a room full of voters)."""
    round_key = str(round_.public_id)
    check_rate(request, "receipt_check", key=f"{round_key}|{client_address(request)}")
    check_rate(request, "receipt_check_round", key=round_key)


def _receipt(round_: Round, ballot: Ballot) -> dict[str, Any]:
    """What a receipt code's owner may know: received, sealed, and what it helped fund."""
    if ballot.superseded_at is not None:
        return {"state": "changed"}
    answer: dict[str, Any] = {"state": "received"}
    if round_.sealed_at is not None and round_.seal:
        answer = {
            "state": "sealed",
            "seal": round_.seal,
            "file_id": ballot_file_id(ballot.receipt_code),
        }
    if round_.published_at is not None:
        result = selectors_voting.result_for(round_=round_, area_id=ballot.area_id)
        if result is not None:
            chosen = set(ballot.choices)
            numbers = [n for n in result.selected if n in chosen]
            found = selectors_voting.proposals_numbered(round_=round_, numbers=numbers)
            answer["funded"] = [
                {"title": found[n].title, "cost": money(found[n].cost_pence)}
                for n in numbers
                if n in found
            ]
            answer["published"] = True
    return answer


@GET_POST
@for_round(RECEIPT_CHECK)
def receipt_check(request: Request, round_: Round) -> HttpResponse:
    form = bound_form(ReceiptForm, request)
    receipt = None
    if request.method == "POST" and form.is_valid():
        try:
            _check_receipt_rate(request, round_)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            found = selectors_voting.receipt_ballot(
                round_=round_, receipt_code=form.cleaned_data["code"]
            )
            if found is None:
                form.add_error("code", NOT_FOUND)
            else:
                receipt = _receipt(round_, found)
    return render(
        request,
        "budgeting/voting_receipt.html",
        {
            **_context(round_, _("Check your vote with your receipt code")),
            "form": form,
            "receipt": receipt,
        },
    )


@requires(OWN_VOTES)
def my_votes(request: Request) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    page = paginate(request, selectors_voting.own_participations(person=person))
    return render(
        request,
        "budgeting/voting_my_votes.html",
        {
            "title": _("Your votes"),
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )
