"""The feasibility panel's pages: who is on it, interests declared, and the check of each
project. Staff who run the round put the panel together; its members (staff and young people)
check the projects sent to it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.budgeting import forms_proposals as forms
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting import services
from alongside.budgeting.models import PanelMember, Proposal, Round
from alongside.budgeting.permissions import FEASIBILITY_CHECK, ROUND_MANAGE
from alongside.budgeting.services.feasibility import HAS_INTEREST, NEEDS_YOUNG_PERSON, NOT_ON_PANEL
from alongside.budgeting.views.proposals import (
    detail_url,
    proposal_of,
    refusal_page,
    round_of,
    to_detail,
)
from alongside.core.errors import ApplicationError, ValidationFailed
from alongside.govuk.pagination import paginate, pagination_params


def _panel_url(round_: Round) -> str:
    return reverse("budgeting:panel", args=[round_.organisation.slug, round_.public_id])


def _member_or_refuse(request: Request, round_: Round) -> PanelMember:
    member = found.panel_member_of(round_=round_, person=request.actor.person)
    if member is None:
        raise PermissionDenied(_(NOT_ON_PANEL))
    return member


def _to_panel(request: Request, round_: Round, message: str) -> HttpResponse:
    return done(request, message, "budgeting:panel", round_.organisation.slug, round_.public_id)


def _person_named(organisation: Organisation, name: str) -> Person:
    people = found.members_named(organisation=organisation, name=name, roles=found.PANEL_ROLES)
    if not people:
        raise ValidationFailed(
            "No member of staff or young person here has that display name. Check the spelling.",
            field="name",
        )
    if len(people) > 1:
        raise ValidationFailed(
            "More than one person here has that display name. Ask them to change theirs first.",
            field="name",
        )
    return people[0]


@GET_POST
@requires(FEASIBILITY_CHECK)
def panel(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    """The panel and the projects it checks. Staff who run the round add members here."""
    round_ = round_of(organisation, round_id)
    manager = request.actor.can(ROUND_MANAGE, organisation)
    member = found.panel_member_of(round_=round_, person=request.actor.person)
    if not manager and member is None:
        raise PermissionDenied(_(NOT_ON_PANEL))
    form = bound_form(forms.PanelAddForm, request)
    if request.method == "POST":
        if not manager:
            raise PermissionDenied(_("Only staff who run the round can change the panel."))
        if form.is_valid():
            try:
                person = _person_named(organisation, form.cleaned_data["name"])
                _member, added = services.panel_member_add(
                    actor=request.actor, round_=round_, person=person
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                message = (
                    _("%(name)s is on the panel.")
                    if added
                    else _("%(name)s was already on the panel.")
                )
                return _to_panel(request, round_, message % {"name": person.display_name})
    page = paginate(request, found.proposals_for_panel(round_=round_))
    return render(
        request,
        "budgeting/proposals_panel.html",
        {
            "title": _("Feasibility panel"),
            "form": form,
            "organisation": organisation,
            "round": round_,
            "manager": manager,
            "member": member,
            "members": found.panel_of(round_=round_),
            "young_people": found.panel_young_people(round_=round_),
            "panel_open": round_.stage in found.PANEL_STAGES,
            "checking_open": round_.stage in found.CHECKING_STAGES,
            "page": page,
            "proposals": list(page.object_list),
            "pagination": pagination_params(request, page),
            "conflicted": found.conflicted_proposal_ids(member=member),
        },
    )


@GET_POST
@requires(ROUND_MANAGE)
def panel_member_remove(
    request: Request, organisation: Organisation, round_id: Any, member_id: int
) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    member = found.panel_member_get(round_=round_, pk=member_id)
    last_young_person = (
        found.panel_young_people(round_=round_) == 1
        and any(m.pk == member.pk and m.is_young_person for m in found.panel_of(round_=round_))  # type: ignore[attr-defined]
    )

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.panel_member_remove(actor=request.actor, member=member)
        return _to_panel(
            request,
            round_,
            _("%(name)s is no longer on the panel.") % {"name": member.person.display_name},
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/proposals_panel_remove.html",
        {
            "title": _("Take someone off the panel"),
            "organisation": organisation,
            "round": round_,
            "member": member,
            "last_young_person": last_young_person,
            "button_text": _("Take them off the panel"),
            "button_classes": "govuk-button--warning",
            "cancel_url": _panel_url(round_),
        },
        remove,
    )


@GET_POST
@requires(FEASIBILITY_CHECK)
def conflict_declare(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal = proposal_of(organisation, round_id, proposal_id)
    member = _member_or_refuse(request, proposal.round)
    earlier = found.conflict_of(member=member, proposal=proposal)

    def declare(data: dict[str, Any]) -> HttpResponse:
        services.conflict_declare(actor=request.actor, proposal=proposal, interest=data["interest"])
        return _to_panel(
            request,
            proposal.round,
            _("Your interest in %(title)s is recorded. You will not check it.")
            % {"title": proposal.title},
        )

    return form_page(
        request,
        bound_form(
            forms.ConflictForm,
            request,
            initial={"interest": earlier.interest if earlier else ""},
        ),
        "budgeting/proposals_conflict.html",
        {
            "title": _("Declare an interest"),
            "organisation": organisation,
            "proposal": proposal,
            "earlier": earlier,
            "back": _panel_url(proposal.round),
            "button_text": _("Declare my interest"),
        },
        declare,
    )


def _answer(value: str) -> bool:
    return value == "yes"


@GET_POST
@requires(FEASIBILITY_CHECK)
def proposal_check(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal = proposal_of(organisation, round_id, proposal_id)
    round_ = proposal.round
    member = _member_or_refuse(request, round_)
    problem = None
    if found.conflict_of(member=member, proposal=proposal) is not None:
        problem = _(HAS_INTEREST)
    elif proposal.status != Proposal.Status.SUBMITTED:
        problem = _("This project is not waiting to be checked.")
    elif round_.stage not in found.CHECKING_STAGES:
        problem = _("Projects can only be checked before voting opens.")
    if problem is not None:
        return render(
            request,
            "budgeting/proposals_cannot.html",
            {
                "title": _("You cannot check this project"),
                "message": problem,
                "organisation": organisation,
                "proposal": proposal,
                "back": _panel_url(round_),
            },
        )

    def record(data: dict[str, Any]) -> HttpResponse:
        services.feasibility_check_record(
            actor=request.actor,
            proposal=proposal,
            is_legal=_answer(data["is_legal"]),
            is_costed=_answer(data["is_costed"]),
            is_in_scope=_answer(data["is_in_scope"]),
            notes=data.get("notes", ""),
            reason=data.get("reason", ""),
        )
        proposal.refresh_from_db(fields=["status"])
        message = (
            _("%(title)s is going forward to the vote.")
            if proposal.status == Proposal.Status.FEASIBLE
            else _("%(title)s is not going forward. The reason will be published.")
        )
        return _to_panel(request, round_, message % {"title": proposal.title})

    return form_page(
        request,
        bound_form(forms.CheckForm, request),
        "budgeting/proposals_check.html",
        {
            "title": _("Check %(title)s") % {"title": proposal.title},
            "organisation": organisation,
            "round": round_,
            "proposal": proposal,
            "lines": found.cost_lines_of(proposal=proposal),
            "photos": found.photos_of(proposal=proposal),
            "ideas": found.published_ideas_by_proposal(round_=round_, proposals=[proposal])[
                proposal.pk
            ],
            "budget": services.budget_for(round_, proposal.area),
            "needs_young_person": _(NEEDS_YOUNG_PERSON)
            if found.panel_young_people(round_=round_) < 1
            else "",
            "back": _panel_url(round_),
            "button_text": _("Record the check"),
        },
        record,
    )


@GET_POST
@requires(FEASIBILITY_CHECK)
def proposal_check_reopen(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    """Undo a check recorded by mistake, so that the panel can record it again."""
    proposal = proposal_of(organisation, round_id, proposal_id)
    refusal = services.reopen_refusal(request.actor, proposal)
    if refusal is not None:
        return refusal_page(
            request,
            proposal,
            refusal,
            title=_("This check cannot be reopened"),
            repeat_of=Proposal.Status.SUBMITTED,
        )

    def reopen(data: dict[str, Any]) -> HttpResponse:
        services.feasibility_check_reopen(
            actor=request.actor, proposal=proposal, reason=data["reason"]
        )
        return to_detail(
            request,
            proposal,
            _("The check of %(title)s is reopened. It is waiting for the panel again.")
            % {"title": proposal.title},
        )

    return form_page(
        request,
        bound_form(forms.ReopenForm, request),
        "budgeting/proposals_check_reopen.html",
        {
            "title": _("Reopen the check"),
            "organisation": organisation,
            "round": proposal.round,
            "proposal": proposal,
            "check": found.check_of(proposal=proposal),
            "button_text": _("Reopen the check"),
            "button_classes": "govuk-button--warning",
            "cancel_url": detail_url(proposal),
        },
        reopen,
    )
