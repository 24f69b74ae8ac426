"""Pages where staff and young people turn ideas into costed projects and send them to the
feasibility panel. On every page a young person sees, a proposal is a "project"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
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
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting.models import Proposal, ProposalPhoto, Round
from alongside.budgeting.permissions import (
    PROPOSAL_VIEW,
    PROPOSAL_WRITE,
    ROUND_VIEW,
)
from alongside.core.errors import ApplicationError, NotPermitted, ValidationFailed
from alongside.govuk.jinja_helpers import format_money
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice import selectors as voice_selectors
from alongside.voice.models import Contribution

NOT_YOURS_TO_SEE = "You can only see projects you wrote or lead, or check on the panel."


def round_of(organisation: Organisation, round_id: Any) -> Round:
    return selectors.round_get(organisation=organisation, public_id=str(round_id))


def proposal_of(organisation: Organisation, round_id: Any, proposal_id: Any) -> Proposal:
    return found.proposal_get(round_=round_of(organisation, round_id), public_id=proposal_id)


def may_see(request: Request, proposal: Proposal) -> bool:
    """Staff see every proposal; a young person those they wrote or lead, or sit on the panel
    that checks them."""
    actor = request.actor
    if actor.can(ROUND_VIEW, proposal.round.organisation):
        return True
    if actor.person_id in (proposal.created_by_id, proposal.lead_id):
        return True
    return found.panel_member_of(round_=proposal.round, person=actor.person) is not None


def _seen(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> Proposal:
    proposal = proposal_of(organisation, round_id, proposal_id)
    if not may_see(request, proposal):
        raise PermissionDenied(_(NOT_YOURS_TO_SEE))
    return proposal


def to_detail(request: Request, proposal: Proposal, message: str) -> HttpResponse:
    return done(
        request,
        message,
        "budgeting:proposal-detail",
        proposal.round.organisation.slug,
        proposal.round.public_id,
        proposal.public_id,
    )


def detail_url(proposal: Proposal) -> str:
    return reverse(
        "budgeting:proposal-detail",
        args=[proposal.round.organisation.slug, proposal.round.public_id, proposal.public_id],
    )


def refusal_page(
    request: Request,
    proposal: Proposal,
    refusal: ApplicationError,
    *,
    title: str | None = None,
    repeat_of: str | None = None,
) -> HttpResponse:
    """Refuse someone who may not act on this proposal (403); explain to one who may, but not
    now. A POST refused because the proposal is already at ``repeat_of`` is the same form sent
    twice, which did its work the first time: it goes on to the proposal's page."""
    if isinstance(refusal, NotPermitted):
        raise PermissionDenied(_(refusal.message))
    if repeat_of is not None and proposal.status == repeat_of and request.method == "POST":
        return redirect(detail_url(proposal))
    return render(
        request,
        "budgeting/proposals_cannot.html",
        {
            "title": title or _("This project cannot be changed now"),
            "message": _(refusal.message),
            "proposal": proposal,
            "organisation": proposal.round.organisation,
            "back": detail_url(proposal),
        },
    )


def _changeable(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> tuple[Proposal, HttpResponse | None]:
    proposal = proposal_of(organisation, round_id, proposal_id)
    refusal = services.change_refusal(request.actor, proposal)
    return proposal, (refusal_page(request, proposal, refusal) if refusal else None)


# The staff list ----------------------------------------------------------------------------


def _area_choices(round_: Round) -> list[tuple[str, str]]:
    return [(str(area.pk), area.name) for area in selectors.areas_of(round_=round_)]


@requires(ROUND_VIEW)
def proposal_list(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    areas = _area_choices(round_)
    filters = forms.ProposalFilterForm(request.GET, areas=areas)
    data = filters.cleaned_data if filters.is_valid() else {}
    area = (
        selectors.areas_of(round_=round_).filter(pk=data["area"]).first()
        if data.get("area")
        else None
    )
    page = paginate(
        request,
        found.proposals_for_staff(round_=round_, status=data.get("status", ""), area=area),
    )
    return render(
        request,
        "budgeting/proposals_list.html",
        {
            "title": _("Projects"),
            "organisation": organisation,
            "round": round_,
            "filters": filters,
            "filtered": bool(data.get("status") or data.get("area")),
            "page": page,
            "proposals": list(page.object_list),
            "pagination": pagination_params(request, page),
            "counts": found.status_counts(round_=round_),
            "statuses": Proposal.Status.choices,
            "may_write": _writing_refusal(request, round_) is None,
        },
    )


# Writing one -------------------------------------------------------------------------------


def _writing_refusal(request: Request, round_: Round) -> str | None:
    """Why this person cannot start a project in this round now, or None."""
    if round_.stage not in found.WRITING_STAGES:
        return _("Projects can only be written while the round is gathering or checking ideas.")
    staff = services.is_staff_writer(request.actor, round_)
    if not services.allowed_kinds(round_, staff=staff):
        return _("This round does not take projects from young people.")
    return None


def _idea_choices(ideas: list[Contribution]) -> list[tuple[str, str]]:
    return [(str(idea.public_id), idea.text) for idea in ideas]


def _kind_choices(round_: Round, staff: bool) -> list[tuple[str, str]]:
    labels = dict(Proposal.ProposedBy.choices)
    return [(kind, str(labels[kind])) for kind in services.allowed_kinds(round_, staff=staff)]


def _form(
    request: Request, round_: Round, form_class: type[forms.ProposalForm], initial: dict[str, Any]
) -> forms.ProposalForm:
    staff = services.is_staff_writer(request.actor, round_)
    chosen = request.POST.getlist("ideas") if request.method == "POST" else initial["ideas"]
    ideas = found.ideas_to_choose(
        round_=round_, chosen=[i for i in map(voice_selectors.as_uuid, chosen) if i]
    )
    return cast(
        forms.ProposalForm,
        bound_form(
            form_class,
            request,
            ideas=_idea_choices(ideas),
            kinds=_kind_choices(round_, staff),
            areas=_area_choices(round_),
            staff=staff,
            initial=initial,
        ),
    )


def _lead(organisation: Organisation, name: str | None) -> Person | None:
    if name is None:
        return None
    people = found.members_named(organisation=organisation, name=name)
    if not people:
        raise ValidationFailed(
            "Nobody in this organisation has that display name. Check the spelling.", field="lead"
        )
    if len(people) > 1:
        raise ValidationFailed(
            "More than one person here has that display name. Ask them to change theirs, or "
            "choose someone else to lead it.",
            field="lead",
        )
    return people[0]


def _details(round_: Round, data: dict[str, Any]) -> dict[str, Any]:
    """What the form said, as the service takes it."""
    ideas = found.ideas_chosen(round_=round_, public_ids=data["ideas"])
    if len(ideas) != len(set(data["ideas"])):
        raise ValidationFailed("Select ideas given to this round and published.", field="ideas")
    area = None
    if data.get("area"):
        area = selectors.areas_of(round_=round_).filter(pk=data["area"]).first()
    return {
        "ideas": ideas,
        "title": data["title"],
        "summary": data["summary"],
        "proposed_by": data["proposed_by"],
        "proposer_name": data.get("proposer_name", ""),
        "area": area,
        "lead": _lead(round_.organisation, data.get("lead")),
    }


def _form_page(
    request: Request,
    round_: Round,
    form: forms.ProposalForm,
    context: dict[str, Any],
    save: Callable[[dict[str, Any]], Proposal],
    message: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            proposal = save(_details(round_, form.cleaned_data) | {"data": form.cleaned_data})
        except ApplicationError as error:
            if isinstance(error, NotPermitted):
                raise PermissionDenied(error.message) from error
            apply_to_form(form, error)
        else:
            return to_detail(request, proposal, message % {"title": proposal.title})
    return render(
        request,
        "budgeting/proposals_form.html",
        {
            "form": form,
            "round": round_,
            "organisation": round_.organisation,
            "ideas_capped": found.round_ideas(round_=round_).count()
            > found.IDEAS_SHOWN_WHEN_CHOOSING,
            **context,
        },
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_create(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    """``?idea=<public_id>`` (from the round's ideas page) ticks that idea already."""
    round_ = round_of(organisation, round_id)
    refusal = _writing_refusal(request, round_)
    back = (
        reverse("budgeting:proposal-list", args=[organisation.slug, round_.public_id])
        if request.actor.can(ROUND_VIEW, organisation)
        else reverse("budgeting:round-ideas", args=[round_.public_id])
    )
    if refusal is not None:
        return render(
            request,
            "budgeting/proposals_cannot.html",
            {
                "title": _("You cannot write up a project now"),
                "message": refusal,
                "organisation": organisation,
                "round": round_,
                "back": back,
            },
        )
    kinds = services.allowed_kinds(round_, staff=services.is_staff_writer(request.actor, round_))
    form = _form(
        request,
        round_,
        forms.ProposalCreateForm,
        {
            "ideas": request.GET.getlist("idea"),
            "proposed_by": kinds[0] if len(kinds) == 1 else None,
        },
    )

    def create(details: dict[str, Any]) -> Proposal:
        data = details.pop("data")
        return services.proposal_create(
            actor=request.actor,
            round_=round_,
            idempotency_key=data["idempotency_key"],
            **details,
        )

    return _form_page(
        request,
        round_,
        form,
        {"title": _("Write up a project"), "back": back, "button_text": _("Save and continue")},
        create,
        _("%(title)s is saved. Add what it will cost, then send it to be checked."),
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_edit(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal, refused = _changeable(request, organisation, round_id, proposal_id)
    if refused:
        return refused
    round_ = proposal.round
    form = _form(
        request,
        round_,
        forms.ProposalForm,
        {
            "ideas": [str(i) for i in found.idea_public_ids(proposal=proposal)],
            "title": proposal.title,
            "summary": proposal.summary,
            "proposed_by": proposal.proposed_by,
            "proposer_name": proposal.proposer_name,
            "area": str(proposal.area_id or ""),
            "lead": proposal.lead.display_name if proposal.lead else "",
        },
    )

    def save(details: dict[str, Any]) -> Proposal:
        details.pop("data")
        return services.proposal_update(actor=request.actor, proposal=proposal, **details)

    return _form_page(
        request,
        round_,
        form,
        {"title": _("Change the project"), "back": detail_url(proposal), "proposal": proposal},
        save,
        _("Your changes to %(title)s are saved."),
    )


# One proposal ------------------------------------------------------------------------------


@requires(PROPOSAL_VIEW)
def proposal_detail(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal = _seen(request, organisation, round_id, proposal_id)
    round_ = proposal.round
    staff = request.actor.can(ROUND_VIEW, organisation)
    member = found.panel_member_of(round_=round_, person=request.actor.person)
    on_panel_or_staff = staff or member is not None
    return render(
        request,
        "budgeting/proposals_detail.html",
        {
            "title": proposal.title,
            "organisation": organisation,
            "round": round_,
            "proposal": proposal,
            "staff": staff,
            "ideas": found.staff_ideas_of(proposal=proposal)
            if staff
            else found.published_ideas_by_proposal(round_=round_, proposals=[proposal])[
                proposal.pk
            ],
            "lines": found.cost_lines_of(proposal=proposal),
            "photos": found.photos_of(proposal=proposal),
            "budget": services.budget_for(round_, proposal.area),
            "may_change": services.may_change(request.actor, proposal),
            "may_withdraw": services.withdraw_refusal(request.actor, proposal) is None,
            "may_reopen": services.reopen_refusal(request.actor, proposal) is None,
            "check": found.check_of(proposal=proposal) if on_panel_or_staff else None,
            "conflicts": found.conflicts_on(proposal=proposal) if on_panel_or_staff else [],
            "member": member,
            "conflicted": member is not None
            and found.conflict_of(member=member, proposal=proposal) is not None,
            "back": reverse("budgeting:proposal-list", args=[organisation.slug, round_.public_id])
            if staff
            else reverse("budgeting:round-ideas", args=[round_.public_id]),
        },
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_cost_add(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal, refused = _changeable(request, organisation, round_id, proposal_id)
    if refused:
        return refused

    def add(data: dict[str, Any]) -> HttpResponse:
        line = services.cost_line_add(
            actor=request.actor,
            proposal=proposal,
            item=data["item"],
            pence=data["pence"],
            idempotency_key=data["idempotency_key"],
        )
        proposal.refresh_from_db(fields=["cost_pence"])
        return to_detail(
            request,
            proposal,
            _("Added %(item)s. The project now costs %(total)s.")
            % {"item": line.item, "total": format_money(proposal.cost_pence)},
        )

    return form_page(
        request,
        bound_form(forms.CostLineForm, request),
        "budgeting/proposals_cost_add.html",
        {
            "title": _("Add a cost"),
            "organisation": organisation,
            "proposal": proposal,
            "budget": services.budget_for(proposal.round, proposal.area),
            "back": detail_url(proposal),
            "button_text": _("Add the cost"),
        },
        add,
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_cost_remove(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any, line_id: int
) -> HttpResponse:
    proposal, refused = _changeable(request, organisation, round_id, proposal_id)
    if refused:
        return refused
    line = found.cost_line_get(proposal=proposal, pk=line_id)
    if line is None:
        # Already taken off: the same form sent twice, or an old page.
        return to_detail(request, proposal, _("That cost is no longer part of the project."))

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.cost_line_remove(actor=request.actor, proposal=proposal, line_id=line.pk)
        return to_detail(request, proposal, _("Took off %(item)s.") % {"item": line.item})

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/proposals_cost_remove.html",
        {
            "title": _("Take off this cost"),
            "organisation": organisation,
            "proposal": proposal,
            "line": line,
            "button_text": _("Take it off"),
            "button_classes": "govuk-button--warning",
            "cancel_url": detail_url(proposal),
        },
        remove,
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_photo_add(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal, refused = _changeable(request, organisation, round_id, proposal_id)
    if refused:
        return refused
    form = (
        forms.PhotoForm(request.POST, request.FILES)
        if request.method == "POST"
        else forms.PhotoForm()
    )

    def add(data: dict[str, Any]) -> HttpResponse:
        services.proposal_photo_add(
            actor=request.actor,
            proposal=proposal,
            image=data["image"],
            description=data["description"],
            idempotency_key=data["idempotency_key"],
        )
        return to_detail(request, proposal, _("The photo is added."))

    return form_page(
        request,
        form,
        "budgeting/proposals_photo_add.html",
        {
            "title": _("Add a photo"),
            "organisation": organisation,
            "proposal": proposal,
            "back": detail_url(proposal),
            "button_text": _("Add the photo"),
        },
        add,
    )


def photo_response(photo: ProposalPhoto) -> HttpResponse:
    name = photo.image.name or ""
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    return cast(HttpResponse, response)  # streamed; Django types it apart from HttpResponse


@requires(PROPOSAL_VIEW)
def proposal_photo(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any, photo_id: int
) -> HttpResponse:
    """A photo to those who may see the proposal: private storage has no URL."""
    proposal = _seen(request, organisation, round_id, proposal_id)
    return photo_response(found.photo_get(proposal=proposal, pk=photo_id))


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_submit(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    proposal = proposal_of(organisation, round_id, proposal_id)
    refusal = services.change_refusal(request.actor, proposal)
    if refusal is not None:
        return refusal_page(request, proposal, refusal, repeat_of=Proposal.Status.SUBMITTED)

    def submit(data: dict[str, Any]) -> HttpResponse:
        services.proposal_submit(actor=request.actor, proposal=proposal)
        return to_detail(
            request,
            proposal,
            _("%(title)s is sent to the feasibility panel to be checked.")
            % {"title": proposal.title},
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/proposals_submit.html",
        {
            "title": _("Send the project to be checked"),
            "organisation": organisation,
            "proposal": proposal,
            "lines": found.cost_lines_of(proposal=proposal),
            "button_text": _("Send it to be checked"),
            "cancel_url": detail_url(proposal),
        },
        submit,
    )


@GET_POST
@requires(PROPOSAL_WRITE)
def proposal_withdraw(
    request: Request, organisation: Organisation, round_id: Any, proposal_id: Any
) -> HttpResponse:
    """Take a project out of the round before voting opens, with a reason if they give one."""
    proposal = proposal_of(organisation, round_id, proposal_id)
    refusal = services.withdraw_refusal(request.actor, proposal)
    if refusal is not None:
        return refusal_page(
            request,
            proposal,
            refusal,
            title=_("This project cannot be withdrawn"),
            repeat_of=Proposal.Status.WITHDRAWN,
        )

    def withdraw(data: dict[str, Any]) -> HttpResponse:
        services.proposal_withdraw(
            actor=request.actor, proposal=proposal, reason=data.get("reason", "")
        )
        return to_detail(
            request,
            proposal,
            _("%(title)s is withdrawn. It will not be on the ballot.") % {"title": proposal.title},
        )

    return form_page(
        request,
        bound_form(forms.WithdrawForm, request),
        "budgeting/proposals_withdraw.html",
        {
            "title": _("Withdraw the project"),
            "organisation": organisation,
            "round": proposal.round,
            "proposal": proposal,
            "button_text": _("Withdraw the project"),
            "button_classes": "govuk-button--warning",
            "cancel_url": detail_url(proposal),
        },
        withdraw,
    )
