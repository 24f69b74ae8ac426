"""Gifting: a young person's gift code to tell others, giving credits (checked before it is
sent), and the admin's page of pots."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.durations import time_words
from alongside.core.errors import ApplicationError
from alongside.credits.forms_earning import GiftForm, PotChangeForm, PotForm
from alongside.credits.rules import CREDITS_MANAGE, OWN_CREDITS
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.selectors.pots import pot_get, pots_all, pots_open
from alongside.credits.services.gifts import (
    credits_gift,
    gift_code_get,
    pot_add,
    pot_change,
    recipient_of,
)
from alongside.credits.views.earning import no_store


@requires(OWN_CREDITS)
def receive(request: Request, organisation: Organisation) -> HttpResponse:
    code = gift_code_get(actor=request.actor, organisation=organisation)
    return no_store(
        render(
            request,
            "credits/earn_gift_receive.html",
            {"title": _("Receive a gift of credits"), "organisation": organisation, "code": code},
        )
    )


@GET_POST
@requires(OWN_CREDITS)
def give(request: Request, organisation: Organisation) -> HttpResponse:
    assert request.actor.person_id is not None
    pots = {p.pk: p.name for p in pots_open(organisation=organisation)}
    form = bound_form(GiftForm, request, pots=list(pots.items()))
    balance = balance_of_person(organisation_id=organisation.pk, person_id=request.actor.person_id)
    context = {
        "title": _("Give credits"),
        "organisation": organisation,
        "balance": time_words(balance, none=_("no credits")),
        "has_pots": bool(pots),
    }
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        data = form.cleaned_data
        to_pot = data["to"] == "pot"
        try:
            if request.POST.get("confirm") == "yes":
                credits_gift(
                    actor=request.actor,
                    organisation=organisation,
                    minutes=data["total_minutes"],
                    idempotency_key=data["idempotency_key"],
                    code="" if to_pot else data["code"],
                    pot_id=data["pot"] if to_pot else None,
                )
                return done(
                    request,
                    _("You gave %(time)s of credits. Thank you.")
                    % {"time": time_words(data["total_minutes"])},
                    "credits:earn-gift",
                    organisation.slug,
                )
            recipient = pots.get(data["pot"]) if to_pot else _name_of(organisation, data["code"])
            if recipient is None:
                form.add_error("pot" if to_pot else "code", _check_message(to_pot))
            else:
                return no_store(
                    render(
                        request,
                        "credits/earn_gift_check.html",
                        {
                            **context,
                            "title": _("Check your gift"),
                            "data": data,
                            "recipient": recipient,
                            "time": time_words(data["total_minutes"]),
                        },
                    )
                )
        except ApplicationError as error:
            apply_to_form(form, error)
    return no_store(render(request, "credits/earn_gift_form.html", {"form": form, **context}))


def _check_message(to_pot: bool) -> str:
    if to_pot:
        return _("That pot is not open. Choose another.")
    return _("There is no one with that gift code here. Check the code with them.")


def _name_of(organisation: Organisation, code: str) -> str | None:
    person_id = recipient_of(organisation=organisation, code=code)
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).values_list("display_name", flat=True).first()


@GET_POST
@requires(CREDITS_MANAGE)
def pots(request: Request, organisation: Organisation) -> HttpResponse:
    def add(data: dict[str, Any]) -> HttpResponse:
        pot_add(actor=request.actor, organisation=organisation, name=data["name"])
        return done(request, _("The pot is added."), "credits:earn-pots", organisation.slug)

    return form_page(
        request,
        bound_form(PotForm, request),
        "credits/earn_pots.html",
        {
            "title": _("Groups' pots of credits"),
            "organisation": organisation,
            "pots": list(pots_all(organisation=organisation)),
        },
        add,
    )


@GET_POST
@requires(CREDITS_MANAGE)
def pot_edit(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    pot = pot_get(organisation=organisation, pk=pk)

    def change(data: dict[str, Any]) -> HttpResponse:
        pot_change(
            actor=request.actor,
            organisation=organisation,
            pot_id=pot.pk,
            name=data["name"],
            close=data["close"],
        )
        return done(request, _("The pot is changed."), "credits:earn-pots", organisation.slug)

    return form_page(
        request,
        bound_form(PotChangeForm, request, initial={"name": pot.name}),
        "credits/earn_pot_edit.html",
        {"title": _("Change a pot"), "organisation": organisation, "pot": pot},
        change,
    )
