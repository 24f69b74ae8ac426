"""The organisation admin's catalogue: rewards (add, change, withdraw), the partners who give
them and who checks their vouchers, and milestones of hours given."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.core.durations import time_words
from alongside.credits.forms_catalogue import (
    MilestoneAddForm,
    MilestoneChangeForm,
    PartnerAddForm,
    PartnerForm,
    RewardAddForm,
    RewardChangeForm,
)
from alongside.credits.models import Reward
from alongside.credits.rules import CREDITS_MANAGE
from alongside.credits.selectors import catalogue as read
from alongside.credits.services import catalogue as write
from alongside.govuk.pagination import paginate, pagination_params

FORM = "credits/catalogue_form.html"


@requires(CREDITS_MANAGE)
def catalogue(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, read.catalogue_rewards(organisation=organisation))
    return render(
        request,
        "credits/catalogue.html",
        {
            "title": _("Rewards, partners and milestones"),
            "organisation": organisation,
            "page": page,
            "pagination": pagination_params(request, page),
            "partners": list(read.catalogue_partners(organisation=organisation)),
            "milestones": list(read.catalogue_milestones(organisation=organisation)),
            "time_words": time_words,
        },
    )


def _form_context(organisation: Organisation, title: str, **more: Any) -> dict[str, Any]:
    return {"title": title, "organisation": organisation, **more}


def _reward_context(organisation: Organisation, title: str, **more: Any) -> dict[str, Any]:
    return _form_context(
        organisation,
        title,
        time_legend=_("What does it cost?"),
        time_hint=_("In hours and minutes of credits."),
        **more,
    )


def _milestone_context(organisation: Organisation, title: str, **more: Any) -> dict[str, Any]:
    return _form_context(organisation, title, time_legend=_("After how much time given?"), **more)


def _reward_details(data: dict[str, Any]) -> write.RewardDetails:
    return write.RewardDetails(
        name=data["name"],
        description=data["description"],
        cost_minutes=data["cost_minutes"],
        partner_id=data["partner"],
        min_age=data["min_age"],
        max_age=data["max_age"],
        stock=data["stock"],
        is_goal=data["is_goal"],
    )


def _back_to_catalogue(request: Request, organisation: Organisation, message: str) -> HttpResponse:
    return done(request, message, "credits:catalogue", organisation.slug)


@GET_POST
@requires(CREDITS_MANAGE)
def reward_add(request: Request, organisation: Organisation) -> HttpResponse:
    partners = read.partner_choices(organisation=organisation)

    def add(data: dict[str, Any]) -> HttpResponse:
        reward = write.reward_add(
            actor=request.actor,
            organisation=organisation,
            details=_reward_details(data),
            idempotency_key=data["idempotency_key"],
        )
        return _back_to_catalogue(
            request, organisation, _("%(name)s is in the catalogue.") % {"name": reward.name}
        )

    return form_page(
        request,
        bound_form(RewardAddForm, request, partners=partners),
        FORM,
        _reward_context(organisation, _("Add a reward"), button_text=_("Add the reward")),
        add,
    )


def _reward_initial(reward: Reward) -> dict[str, Any]:
    hours, minutes = divmod(reward.cost_minutes, 60)
    return {
        "name": reward.name,
        "description": reward.description,
        "hours": hours,
        "minutes": minutes or None,
        "partner": reward.partner_id,
        "min_age": reward.min_age,
        "max_age": reward.max_age,
        "stock": reward.stock,
        "is_goal": reward.is_goal,
        "withdrawn": reward.withdrawn_at is not None,
    }


@GET_POST
@requires(CREDITS_MANAGE)
def reward_edit(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    reward = read.catalogue_reward_get(organisation=organisation, pk=pk)
    partners = read.partner_choices(organisation=organisation)

    def change(data: dict[str, Any]) -> HttpResponse:
        changed = write.reward_change(
            actor=request.actor,
            organisation=organisation,
            reward_id=reward.pk,
            details=_reward_details(data),
            withdrawn=data["withdrawn"],
        )
        return _back_to_catalogue(
            request, organisation, _("%(name)s is changed.") % {"name": changed.name}
        )

    return form_page(
        request,
        bound_form(RewardChangeForm, request, partners=partners, initial=_reward_initial(reward)),
        FORM,
        _reward_context(
            organisation,
            _("Change a reward"),
            caption=reward.name,
            button_text=_("Save"),
            note=_(
                "A new cost is for vouchers taken from now on; vouchers already given keep theirs."
            ),
        ),
        change,
    )


@GET_POST
@requires(CREDITS_MANAGE)
def partner_add(request: Request, organisation: Organisation) -> HttpResponse:
    checkers = read.checker_choices(organisation=organisation)

    def add(data: dict[str, Any]) -> HttpResponse:
        partner = write.partner_add(
            actor=request.actor,
            organisation=organisation,
            name=data["name"],
            description=data["description"],
            member_ids=data["members"],
            idempotency_key=data["idempotency_key"],
        )
        return _back_to_catalogue(
            request, organisation, _("%(name)s is a partner.") % {"name": partner.name}
        )

    return form_page(
        request,
        bound_form(PartnerAddForm, request, checkers=checkers),
        FORM,
        _form_context(organisation, _("Add a partner"), button_text=_("Add the partner")),
        add,
    )


@GET_POST
@requires(CREDITS_MANAGE)
def partner_edit(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    partner = read.catalogue_partner_get(organisation=organisation, pk=pk)
    checkers = read.checker_choices(organisation=organisation)
    initial = {
        "name": partner.name,
        "description": partner.description,
        "members": list(partner.members.values_list("pk", flat=True)),
    }

    def change(data: dict[str, Any]) -> HttpResponse:
        changed = write.partner_change(
            actor=request.actor,
            organisation=organisation,
            partner_id=partner.pk,
            name=data["name"],
            description=data["description"],
            member_ids=data["members"],
        )
        return _back_to_catalogue(
            request, organisation, _("%(name)s is changed.") % {"name": changed.name}
        )

    return form_page(
        request,
        bound_form(PartnerForm, request, checkers=checkers, initial=initial),
        FORM,
        _form_context(
            organisation, _("Change a partner"), caption=partner.name, button_text=_("Save")
        ),
        change,
    )


@GET_POST
@requires(CREDITS_MANAGE)
def milestone_add(request: Request, organisation: Organisation) -> HttpResponse:
    def add(data: dict[str, Any]) -> HttpResponse:
        write.milestone_add(
            actor=request.actor,
            organisation=organisation,
            name=data["name"],
            minutes=data["total_minutes"],
            hours_text=time_words(data["total_minutes"]),
            idempotency_key=data["idempotency_key"],
        )
        return _back_to_catalogue(request, organisation, _("The milestone is added."))

    return form_page(
        request,
        bound_form(MilestoneAddForm, request),
        FORM,
        _milestone_context(organisation, _("Add a milestone"), button_text=_("Add the milestone")),
        add,
    )


@GET_POST
@requires(CREDITS_MANAGE)
def milestone_edit(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    milestone = read.catalogue_milestone_get(organisation=organisation, pk=pk)
    hours, minutes = divmod(milestone.minutes, 60)
    initial = {"name": milestone.name, "hours": hours, "minutes": minutes or None}

    def change(data: dict[str, Any]) -> HttpResponse:
        kept = write.milestone_change(
            actor=request.actor,
            organisation=organisation,
            milestone_id=milestone.pk,
            name=data["name"],
            minutes=data["total_minutes"],
            hours_text=time_words(data["total_minutes"]),
            remove=data["remove"],
        )
        said = _("The milestone is changed.") if kept else _("The milestone is removed.")
        return _back_to_catalogue(request, organisation, said)

    return form_page(
        request,
        bound_form(MilestoneChangeForm, request, initial=initial),
        FORM,
        _milestone_context(
            organisation, _("Change a milestone"), caption=milestone.name, button_text=_("Save")
        ),
        change,
    )
