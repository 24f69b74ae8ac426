"""Delivering funded projects: staff move the round from its results to delivering, record
each step, what it cost and when each project is finished, then close the round; anyone sees
how far each funded project has got once the results are public."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, cast

from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
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
from alongside.budgeting import exports, selectors, services
from alongside.budgeting import selectors_delivery as delivery
from alongside.budgeting.forms_delivery import DeliveredForm, MilestoneDoneForm, MilestoneForm
from alongside.budgeting.models import Milestone, Round
from alongside.budgeting.permissions import ROUND_MANAGE, ROUND_PUBLIC_VIEW, ROUND_VIEW

NOT_PUBLISHED = "The results of this round are not public yet."


def _photo(milestone: Milestone) -> HttpResponse:
    if not milestone.photo:
        raise Http404(_("This step has no photo."))
    name = milestone.photo.name or ""
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    return cast(HttpResponse, FileResponse(milestone.photo.open("rb"), content_type=content_type))


def _context(organisation: Organisation, round_: Round, **extra: Any) -> dict[str, Any]:
    return {"organisation": organisation, "round": round_, **extra}


@requires(ROUND_VIEW)
def delivery_list(request: Request, organisation: Organisation, round_id: str) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    projects = delivery.funded_projects(round_=round_)
    return render(
        request,
        "budgeting/delivery_list.html",
        _context(
            organisation,
            round_,
            title=_("Delivering the funded projects"),
            projects=projects,
            awarded=sum(p.proposal.cost_pence for p in projects),
            spent=sum(p.spent_pence for p in projects),
            manager=request.actor.can(ROUND_MANAGE, organisation),
        ),
    )


# Moving the round on: from its results to delivering, then closed -------------------------


def _stage_page(
    request: Request,
    organisation: Organisation,
    round_: Round,
    *,
    act: Callable[..., Round],
    template: str,
    title: str,
    message: str,
    then: str,
    **extra: Any,
) -> HttpResponse:
    """A confirm page that moves the round on through one service. The services return a
    round already moved as it is, so a second press changes nothing; a round at another
    stage is refused with the service's words on the page."""

    def move(data: dict[str, Any]) -> HttpResponse:
        act(actor=request.actor, round_=round_)
        return done(request, message, then, organisation.slug, round_.public_id)

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        template,
        _context(
            organisation,
            round_,
            title=title,
            cancel_url=reverse(
                "budgeting:round-detail", args=[organisation.slug, round_.public_id]
            ),
            **extra,
        ),
        move,
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_deliver(request: Request, organisation: Organisation, round_id: str) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    return _stage_page(
        request,
        organisation,
        round_,
        act=services.round_deliver,
        template="budgeting/delivery_start.html",
        title=_("Start delivering the funded projects"),
        message=_("The round is now delivering its funded projects."),
        then="budgeting:delivery-list",
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_finish(request: Request, organisation: Organisation, round_id: str) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    projects = delivery.funded_projects(round_=round_)
    return _stage_page(
        request,
        organisation,
        round_,
        act=services.round_finish,
        template="budgeting/delivery_finish.html",
        title=_("Close the round"),
        message=_("The round is closed. What happened to its funded projects stays public."),
        then="budgeting:round-detail",
        unfinished=[p for p in projects if p.proposal.delivered_on is None],
    )


@requires(ROUND_VIEW)
def delivery_project(
    request: Request, organisation: Organisation, round_id: str, number: int
) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    milestones = list(proposal.milestones.order_by("due_on", "pk"))
    spent = sum(m.spent_pence for m in milestones)
    return render(
        request,
        "budgeting/delivery_project.html",
        _context(
            organisation,
            round_,
            title=proposal.title,
            proposal=proposal,
            milestones=milestones,
            spent=spent,
            can_change=round_.stage in services.DELIVERING_STAGES,
        ),
    )


@GET_POST
@requires(ROUND_MANAGE)
def milestone_add(
    request: Request, organisation: Organisation, round_id: str, number: int
) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    key = request.POST.get("key") or str(uuid.uuid4())
    form = (
        MilestoneForm(request.POST, request.FILES) if request.method == "POST" else MilestoneForm()
    )

    def add(data: dict[str, Any]) -> HttpResponse:
        services.milestone_add(
            actor=request.actor,
            proposal=proposal,
            description=data["description"],
            due_on=data["due_on"],
            spent_pence=data["spent"],
            photo=data["photo"],
            idempotency_key=uuid.UUID(key),
        )
        return done(
            request,
            _("The step is added."),
            "budgeting:delivery-project",
            organisation.slug,
            round_.public_id,
            number,
        )

    return form_page(
        request,
        form,
        "budgeting/milestone_add.html",
        _context(organisation, round_, title=_("Add a step"), proposal=proposal, key=key),
        add,
    )


@GET_POST
@requires(ROUND_MANAGE)
def milestone_done(
    request: Request, organisation: Organisation, round_id: str, number: int, milestone_id: int
) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    milestone = delivery.milestone_get(proposal=proposal, milestone_id=milestone_id)
    form = bound_form(MilestoneDoneForm, request, initial={"spent": milestone.spent_pence})

    def mark(data: dict[str, Any]) -> HttpResponse:
        services.milestone_done(
            actor=request.actor,
            milestone=milestone,
            done_on=data["done_on"],
            spent_pence=data["spent"],
        )
        return done(
            request,
            _("The step is marked done."),
            "budgeting:delivery-project",
            organisation.slug,
            round_.public_id,
            number,
        )

    return form_page(
        request,
        form,
        "budgeting/milestone_done.html",
        _context(
            organisation,
            round_,
            title=_("Mark this step done"),
            proposal=proposal,
            milestone=milestone,
        ),
        mark,
    )


@GET_POST
@requires(ROUND_MANAGE)
def project_delivered(
    request: Request, organisation: Organisation, round_id: str, number: int
) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    form = bound_form(DeliveredForm, request)

    def finish(data: dict[str, Any]) -> HttpResponse:
        services.project_delivered(
            actor=request.actor, proposal=proposal, delivered_on=data["delivered_on"]
        )
        return done(
            request,
            _("The project is finished."),
            "budgeting:delivery-project",
            organisation.slug,
            round_.public_id,
            number,
        )

    return form_page(
        request,
        form,
        "budgeting/project_delivered.html",
        _context(organisation, round_, title=_("Say the project is finished"), proposal=proposal),
        finish,
    )


@requires(ROUND_VIEW)
def milestone_photo(
    request: Request, organisation: Organisation, round_id: str, number: int, milestone_id: int
) -> HttpResponse:
    round_ = selectors.round_get(organisation=organisation, public_id=round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    return _photo(delivery.milestone_get(proposal=proposal, milestone_id=milestone_id))


# Public ------------------------------------------------------------------------------------


def _published(round_id: str) -> Round:
    round_ = selectors.round_public_get(public_id=round_id)
    if round_.published_at is None:
        raise Http404(NOT_PUBLISHED)
    return round_


@requires(ROUND_PUBLIC_VIEW)
def round_delivery(request: Request, round_id: str) -> HttpResponse:
    round_ = _published(round_id)
    return render(
        request,
        "budgeting/round_delivery.html",
        {
            "title": _("What happened to the funded projects"),
            "round": round_,
            "projects": delivery.funded_projects(round_=round_),
        },
    )


@requires(ROUND_PUBLIC_VIEW)
def milestone_photo_public(
    request: Request, round_id: str, number: int, milestone_id: int
) -> HttpResponse:
    round_ = _published(round_id)
    proposal = delivery.funded_proposal_get(round_=round_, number=number)
    return _photo(delivery.milestone_get(proposal=proposal, milestone_id=milestone_id))


# Files anyone can take away once the results are public ------------------------------------


def _download(lines: Any, filename: str, content_type: str) -> HttpResponse:
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return cast(HttpResponse, response)


@requires(ROUND_PUBLIC_VIEW)
def round_results_csv(request: Request, round_id: str) -> HttpResponse:
    round_ = _published(round_id)
    return _download(
        exports.results_lines(round_), f"results-{round_.public_id}.csv", "text/csv; charset=utf-8"
    )


@requires(ROUND_PUBLIC_VIEW)
def round_grants_csv(request: Request, round_id: str) -> HttpResponse:
    round_ = _published(round_id)
    return _download(
        exports.grants_lines(round_), f"grants-{round_.public_id}.csv", "text/csv; charset=utf-8"
    )


@requires(ROUND_PUBLIC_VIEW)
def round_grants_json(request: Request, round_id: str) -> HttpResponse:
    round_ = _published(round_id)
    response = JsonResponse(exports.grants_json(round_))
    response["Content-Disposition"] = f'attachment; filename="grants-{round_.public_id}.json"'
    return response
