"""Staff pages to set up and run an initiative, and the public pages about it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import selectors as account_selectors
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
from alongside.govuk.pagination import paginate, pagination_params
from alongside.initiatives import forms, rules, selectors, services
from alongside.initiatives.models import Initiative

Stage = Initiative.Stage


def _get(organisation: Organisation, initiative_id: str) -> Initiative:
    return selectors.initiative_get(organisation=organisation, public_id=str(initiative_id))


def _context(organisation: Organisation, initiative: Initiative, title: str) -> dict[str, Any]:
    return {"title": title, "organisation": organisation, "initiative": initiative}


def _to_setup(request: Request, initiative: Initiative, message: str) -> HttpResponse:
    return done(
        request,
        message,
        "initiatives:initiative-setup",
        initiative.organisation.slug,
        initiative.public_id,
    )


def _to_detail(request: Request, initiative: Initiative, message: str) -> HttpResponse:
    return done(
        request,
        message,
        "initiatives:initiative-detail",
        initiative.organisation.slug,
        initiative.public_id,
    )


# Lists ------------------------------------------------------------------------------------


@requires(rules.INITIATIVE_VIEW)
def initiative_list(request: Request, organisation: Organisation) -> HttpResponse:
    filters = forms.StageFilterForm(request.GET)
    filters.is_valid()
    stage = filters.cleaned_data.get("stage", "") if filters.is_valid() else ""
    page = paginate(
        request, selectors.initiatives_for_organisation(organisation=organisation, stage=stage)
    )
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "title": _("Initiatives"),
            "organisation": organisation,
            "filters": filters,
            "stage": stage,
            "page": page,
            "initiatives": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_create(request: Request, organisation: Organisation) -> HttpResponse:
    def create(data: dict[str, Any]) -> HttpResponse:
        initiative = services.initiative_create(
            actor=request.actor,
            organisation=organisation,
            title=data["title"],
            purpose=data["purpose"],
            forms=data["forms"],
            idempotency_key=data["idempotency_key"],
        )
        return _to_setup(
            request,
            initiative,
            _("%(title)s is set up. Work through the list to get it ready to open.")
            % {"title": initiative.title},
        )

    return form_page(
        request,
        bound_form(forms.InitiativeCreateForm, request),
        "initiatives/initiative_create.html",
        {"title": _("Set up an initiative"), "organisation": organisation},
        create,
    )


@requires(rules.INITIATIVE_VIEW)
def initiative_detail(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    manager = request.actor.can(rules.INITIATIVE_MANAGE, organisation)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            **_context(organisation, initiative, initiative.title),
            "manager": manager,
            # Names on the team are for those who run it; others see the roles.
            "team": selectors.team_of(initiative=initiative) if manager else [],
            "public_team": [] if manager else selectors.public_team(initiative=initiative),
            "progress": selectors.setup_progress(initiative=initiative),
            "forms": list(initiative.forms.order_by("order")),
            "partners": list(initiative.partners.order_by("name")),
            "not_participation": rules.is_participation(initiative.claimed_rung) is False,
            "rung_name": forms.RUNG_NAMES.get(initiative.claimed_rung or 0, ""),
        },
    )


# The set-up task list ---------------------------------------------------------------------


@requires(rules.INITIATIVE_MANAGE)
def initiative_setup(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    progress = selectors.setup_progress(initiative=initiative)
    return render(
        request,
        "initiatives/initiative_setup.html",
        {
            **_context(
                organisation, initiative, _("Set up %(title)s") % {"title": initiative.title}
            ),
            "progress": progress,
            "not_participation": rules.is_participation(initiative.claimed_rung) is False,
        },
    )


def _section(
    request: Request,
    organisation: Organisation,
    initiative_id: str,
    *,
    form: Callable[[Initiative], Any],
    template: str,
    title: str,
    save: Callable[[Initiative, dict[str, Any]], Any],
    message: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One section of the task list: a form page that saves through one service."""
    initiative = _get(organisation, initiative_id)

    def on_valid(data: dict[str, Any]) -> HttpResponse:
        save(initiative, data)
        return _to_setup(request, initiative, message)

    return form_page(
        request,
        form(initiative),
        template,
        {**_context(organisation, initiative, title), **(extra or {})},
        on_valid,
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_about(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(
            forms.AboutForm,
            request,
            organisation=organisation,
            initial={
                "title": i.title,
                "purpose": i.purpose,
                "partners": [p.slug for p in i.partners.all()],
                "lead": i.lead.public_id if i.lead else None,
            },
        ),
        template="initiatives/section.html",
        title=_("About the initiative"),
        save=lambda i, data: services.initiative_update_about(
            actor=request.actor, organisation=organisation, initiative=i, **data
        ),
        message=_("Saved what the initiative is."),
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_forms(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(
            forms.FormsForm, request, initial={"forms": [f.code for f in i.forms.all()]}
        ),
        template="initiatives/section.html",
        title=_("Forms of co-production"),
        save=lambda i, data: services.initiative_forms_set(
            actor=request.actor, organisation=organisation, initiative=i, forms=data["forms"]
        ),
        message=_("Saved the forms of co-production."),
        extra={
            "intro": _(
                "Co-production means young people and professionals working together as "
                "equals. These are the eight ways they can do it."
            )
        },
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_decision(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(
            forms.DecisionForm,
            request,
            initial={
                "decision_fed": i.decision_fed,
                "decision_maker": i.decision_maker,
                "scope_for_influence": i.scope_for_influence,
                "how_to_take_part": i.how_to_take_part,
            },
        ),
        template="initiatives/section.html",
        title=_("Who decides and what can change"),
        save=lambda i, data: services.initiative_decision_set(
            actor=request.actor, organisation=organisation, initiative=i, **data
        ),
        message=_("Saved who decides and what can change."),
        extra={
            "intro": _(
                "Young people's views must reach someone with the power to act on them (the "
                "Lundy model calls this audience), and they must be able to change something "
                "(influence). Say both before it opens."
            )
        },
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_dates(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(forms.DatesForm, request, initial=forms.DatesForm.initial_for(i)),
        template="initiatives/dates.html",
        title=_("Dates"),
        save=lambda i, data: services.initiative_dates_set(
            actor=request.actor,
            organisation=organisation,
            initiative=i,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        ),
        message=_("Saved the dates."),
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_ladder(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(
            forms.LadderForm,
            request,
            initial={
                "claimed_rung": i.claimed_rung,
                "agenda_set_by": i.agenda_set_by,
                "decided_by": i.decided_by,
            },
        ),
        template="initiatives/ladder.html",
        title=_("Hart's ladder of participation"),
        save=lambda i, data: services.initiative_ladder_set(
            actor=request.actor, organisation=organisation, initiative=i, **data
        ),
        message=_("Saved the rung of the ladder."),
        extra={"not_participation": rules.is_participation(initiative.claimed_rung) is False},
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_moderation(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _section(
        request,
        organisation,
        initiative_id,
        form=lambda i: bound_form(
            forms.ModerationForm,
            request,
            initial={
                "moderation": ("before" if i.moderate_before_publishing else "after")
                if i.moderation_chosen_at
                else None
            },
        ),
        template="initiatives/section.html",
        title=_("Checking what young people say"),
        save=lambda i, data: services.initiative_moderation_set(
            actor=request.actor,
            organisation=organisation,
            initiative=i,
            moderate_before_publishing=data["moderation"] == "before",
        ),
        message=_("Saved when what young people say is checked."),
    )


# The team ---------------------------------------------------------------------------------


@requires(rules.INITIATIVE_MANAGE)
def team_list(request: Request, organisation: Organisation, initiative_id: str) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    return render(
        request,
        "initiatives/team_list.html",
        {
            **_context(organisation, initiative, _("Team")),
            "team": selectors.team_of(initiative=initiative),
        },
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def team_add(request: Request, organisation: Organisation, initiative_id: str) -> HttpResponse:
    initiative = _get(organisation, initiative_id)

    def add(data: dict[str, Any]) -> HttpResponse:
        member = services.team_member_add(
            actor=request.actor, organisation=organisation, initiative=initiative, **data
        )
        return done(
            request,
            _("%(name)s is on the team as %(role)s.")
            % {"name": member.person.display_name, "role": member.role_title},
            "initiatives:team-list",
            organisation.slug,
            initiative.public_id,
        )

    return form_page(
        request,
        bound_form(
            forms.TeamMemberForm,
            request,
            candidates=selectors.team_candidates(organisation=organisation, initiative=initiative),
        ),
        "initiatives/team_add.html",
        _context(organisation, initiative, _("Add someone to the team")),
        add,
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def team_remove(
    request: Request, organisation: Organisation, initiative_id: str, pk: int
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    member = selectors.team_member_get(organisation=organisation, initiative=initiative, pk=pk)

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.team_member_remove(
            actor=request.actor, organisation=organisation, initiative=initiative, member=member
        )
        return done(
            request,
            _("%(name)s is no longer on the team.") % {"name": member.person.display_name},
            "initiatives:team-list",
            organisation.slug,
            initiative.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "initiatives/team_remove.html",
        {**_context(organisation, initiative, _("Take someone off the team")), "member": member},
        remove,
    )


# The checklist ----------------------------------------------------------------------------


@requires(rules.INITIATIVE_MANAGE)
def checklist(request: Request, organisation: Organisation, initiative_id: str) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    answers = selectors.checklist_answers(initiative=initiative)
    questions = selectors.checklist_questions()
    items = []
    for question in questions:
        answer = answers.get(question.pk)
        items.append(
            {
                # The questions are data in English; gettext marks them so on a Welsh page.
                "title": {"text": _(question.question)},
                "hint": {"text": question.get_source_display()},
                "href": reverse(
                    "initiatives:checklist-answer",
                    args=[organisation.slug, initiative.public_id, question.code],
                ),
                "status": (
                    {"text": _("Yes") if answer.answer else _("No")}
                    if answer
                    else {"tag": {"text": _("Not started"), "classes": "govuk-tag--blue"}}
                ),
            }
        )
    return render(
        request,
        "initiatives/checklist.html",
        {
            **_context(organisation, initiative, _("Checklist before it opens")),
            "questions": questions,
            "items": items,
            "answered": len(answers),
        },
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def checklist_answer(
    request: Request, organisation: Organisation, initiative_id: str, question: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    asked = selectors.checklist_question_get(code=question)
    earlier = selectors.checklist_answers(initiative=initiative).get(asked.pk)
    initial = {"answer": "yes" if earlier.answer else "no", "how": earlier.how} if earlier else {}

    def save(data: dict[str, Any]) -> HttpResponse:
        services.checklist_answer_record(
            actor=request.actor,
            organisation=organisation,
            initiative=initiative,
            question=asked,
            answer=data["answer"] == "yes",
            how=data["how"],
        )
        # On to the next question still to answer, or back to the list.
        answers = selectors.checklist_answers(initiative=initiative)
        following = [q for q in selectors.checklist_questions() if q.pk not in answers]
        if following:
            return redirect(
                "initiatives:checklist-answer",
                organisation.slug,
                initiative.public_id,
                following[0].code,
            )
        return done(
            request,
            _("Every checklist question is answered."),
            "initiatives:checklist",
            organisation.slug,
            initiative.public_id,
        )

    questions = selectors.checklist_questions()
    return form_page(
        request,
        bound_form(forms.ChecklistAnswerForm, request, initial=initial),
        "initiatives/checklist_answer.html",
        {
            **_context(organisation, initiative, _(asked.question)),
            "question": asked,
            "number": next(n for n, q in enumerate(questions, start=1) if q.pk == asked.pk),
            "total": len(questions),
        },
        save,
    )


# Stages -----------------------------------------------------------------------------------


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_open(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)

    def open_it(data: dict[str, Any]) -> HttpResponse:
        opened = services.initiative_open(
            actor=request.actor, organisation=organisation, initiative=initiative
        )
        return _to_detail(
            request,
            opened,
            _("%(title)s is open. Young people can see it and take part.")
            % {"title": opened.title},
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "initiatives/initiative_open.html",
        {
            **_context(organisation, initiative, _("Open %(title)s") % {"title": initiative.title}),
            "missing": services.missing_messages(initiative)
            if initiative.stage == Stage.PLANNING
            else [],
        },
        open_it,
    )


def _stage_page(
    request: Request,
    organisation: Organisation,
    initiative_id: str,
    *,
    move: Callable[..., Initiative],
    title: str,
    explanation: str,
    button: str,
    message: str,
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)

    def on_valid(data: dict[str, Any]) -> HttpResponse:
        moved = move(actor=request.actor, organisation=organisation, initiative=initiative)
        return _to_detail(request, moved, message)

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "initiatives/stage_confirm.html",
        {
            **_context(organisation, initiative, title),
            "explanation": explanation,
            "button_text": button,
        },
        on_valid,
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_deciding(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _stage_page(
        request,
        organisation,
        initiative_id,
        move=services.initiative_deciding,
        title=_("Move to deciding"),
        explanation=_(
            "Young people's views have been gathered, and the people who decide are now "
            "deciding. The public page will say so."
        ),
        button=_("Move to deciding"),
        message=_("It is now deciding."),
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_delivering(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    return _stage_page(
        request,
        organisation,
        initiative_id,
        move=services.initiative_delivering,
        title=_("Move to delivering"),
        explanation=_(
            "A decision has been made and it is being put into action. The public page will say so."
        ),
        button=_("Move to delivering"),
        message=_("It is now delivering."),
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_close(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)
    return _stage_page(
        request,
        organisation,
        initiative_id,
        move=services.initiative_close,
        title=_("Close %(title)s") % {"title": initiative.title},
        explanation=_(
            "Closing it means the work is finished. The public page keeps showing what happened."
        )
        if initiative.feedback_given_at
        else _(
            "You need to record the feedback you gave the young people involved before you can"
            " close it."
        ),
        button=_("Close it"),
        message=_("It is closed."),
    )


@GET_POST
@requires(rules.INITIATIVE_MANAGE)
def initiative_feedback(
    request: Request, organisation: Organisation, initiative_id: str
) -> HttpResponse:
    initiative = _get(organisation, initiative_id)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.initiative_feedback_record(
            actor=request.actor, organisation=organisation, initiative=initiative, **data
        )
        return _to_detail(request, initiative, _("Feedback recorded."))

    return form_page(
        request,
        bound_form(forms.FeedbackForm, request, initial={"feedback": initiative.feedback}),
        "initiatives/section.html",
        {
            **_context(organisation, initiative, _("Feedback to the young people involved")),
            "intro": _(
                "Young people must be told what happened because of what they said (the Lundy "
                "model calls this feedback). Record what you told them."
            ),
            "button_text": _("Save feedback"),
            "back_to": "detail",
        },
        save,
    )


# Public pages -----------------------------------------------------------------------------


@requires(rules.INITIATIVE_PUBLIC_VIEW)
def initiative_public(request: Request, public_id: str) -> HttpResponse:
    initiative = selectors.initiative_public_get(public_id=str(public_id))
    return render(
        request,
        "initiatives/initiative_public.html",
        {
            "title": initiative.title,
            "initiative": initiative,
            "organisation": initiative.organisation,
            "forms": list(initiative.forms.all()),
            "team": selectors.public_team(initiative=initiative),
        },
    )


@requires(rules.INITIATIVE_PUBLIC_VIEW)
def take_part(request: Request, org: str) -> HttpResponse:
    organisation = account_selectors.organisation_get(slug=org)
    page = paginate(request, selectors.initiatives_taking_part(organisation=organisation))
    return render(
        request,
        "initiatives/take_part.html",
        {
            "title": _("Take part with %(organisation)s") % {"organisation": organisation.name},
            "organisation": organisation,
            "page": page,
            "initiatives": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )
