"""A round's public pages about ideas and projects: the ideas given so far (and where to give
one), and the projects going forward to the vote and those not, each with the ideas it came
from. Nothing here names anyone: ideas are anonymous, projects show who put them forward only
as "a young person" or a group's or organisation's name."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts.web import Request, requires
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting.models import Proposal, Round
from alongside.budgeting.permissions import PROPOSAL_WRITE, ROUND_PUBLIC_VIEW, ROUND_VIEW
from alongside.budgeting.views.proposals import photo_response
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice import selectors as voice_selectors

# ``?list=`` on the projects page: which list it shows ("" is those going forward).
LISTS = {
    "": Proposal.Status.FEASIBLE,
    "not-going-forward": Proposal.Status.NOT_FEASIBLE,
    "withdrawn": Proposal.Status.WITHDRAWN,
}
LIST_NAMES = {
    Proposal.Status.FEASIBLE: gettext_lazy("Going forward to the vote (%(count)s)"),
    Proposal.Status.NOT_FEASIBLE: gettext_lazy("Not going forward (%(count)s)"),
    Proposal.Status.WITHDRAWN: gettext_lazy("Withdrawn (%(count)s)"),
}


def _giving_open(round_: Round) -> bool:
    taking_part = voice_selectors.open_initiatives(organisation=round_.organisation)
    return (
        round_.stage == Round.Stage.IDEAS and taking_part.filter(pk=round_.initiative_id).exists()
    )


def _may_write(request: Request, round_: Round) -> bool:
    actor = request.actor
    return (
        actor.can(PROPOSAL_WRITE, round_.organisation)
        and round_.stage in found.WRITING_STAGES
        and bool(services.allowed_kinds(round_, staff=services.is_staff_writer(actor, round_)))
    )


@requires(ROUND_PUBLIC_VIEW)
def round_ideas(request: Request, round_id: Any) -> HttpResponse:
    round_ = selectors.round_public_get(public_id=str(round_id))
    page = paginate(request, found.round_ideas(round_=round_))
    actor = request.actor
    staff = actor.can(ROUND_VIEW, round_.organisation)
    mine = (
        list(found.proposals_of_person(round_=round_, person=actor.person))
        if actor.person is not None and not staff
        else []
    )
    return render(
        request,
        "budgeting/proposals_ideas.html",
        {
            "title": _("Ideas for %(round)s") % {"round": round_.title},
            "round": round_,
            "organisation": round_.organisation,
            "page": page,
            "ideas": list(page.object_list),
            "pagination": pagination_params(request, page),
            "giving_open": _giving_open(round_),
            "may_write": _may_write(request, round_),
            "staff": staff,
            "mine": mine,
        },
    )


@requires(ROUND_PUBLIC_VIEW)
def round_proposals(request: Request, round_id: Any) -> HttpResponse:
    """Going forward to the vote, or (``?list=not-going-forward``) not, with the reason, or
    (``?list=withdrawn``) withdrawn before the vote, with the reason if one was given."""
    round_ = selectors.round_public_get(public_id=str(round_id))
    status = LISTS.get(request.GET.get("list", ""), Proposal.Status.FEASIBLE)
    page = paginate(request, found.public_proposals(round_=round_, status=status))
    proposals = list(page.object_list)
    counts = found.public_counts(round_=round_)
    return render(
        request,
        "budgeting/proposals_public.html",
        {
            "title": _("Projects for %(round)s") % {"round": round_.title},
            "round": round_,
            "organisation": round_.organisation,
            "status": status,
            "page": page,
            "proposals": proposals,
            "ideas": found.published_ideas_by_proposal(round_=round_, proposals=proposals),
            "pagination": pagination_params(request, page),
            "forward_count": counts[Proposal.Status.FEASIBLE],
            "lists": [
                (LIST_NAMES[shown] % {"count": counts[shown]}, key, shown == status)
                for key, shown in LISTS.items()
            ],
        },
    )


@requires(ROUND_PUBLIC_VIEW)
def proposal_photo_public(
    request: Request, round_id: Any, proposal_id: Any, photo_id: int
) -> HttpResponse:
    """A photo of a project going forward to the vote; every other photo stays private."""
    round_ = selectors.round_public_get(public_id=str(round_id))
    return photo_response(
        found.public_photo_get(round_=round_, proposal_id=proposal_id, pk=photo_id)
    )
