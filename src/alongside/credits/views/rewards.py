"""Rewards for young people: what their credits can be spent on, taking one (checked first,
with the balance after), the voucher it gives, and cancelling an unused voucher. Only ever the
signed-in person's own credits and vouchers; never cached."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, apply_to_form, bound_form, done, requires
from alongside.core.durations import time_words
from alongside.core.errors import ApplicationError
from alongside.credits.forms_rewards import KeyedForm
from alongside.credits.rules import OWN_CREDITS
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.selectors.rewards import reward_get, rewards_for, voucher_get, vouchers_of
from alongside.credits.services.redeem import reward_redeem, voucher_cancel
from alongside.credits.views.earning import no_store
from alongside.govuk.pagination import paginate, pagination_params

VOUCHERS_PER_PAGE = 20


def _balance(request: Request, organisation: Organisation) -> int:
    assert request.actor.person_id is not None  # requires() sent anyone signed out away
    return balance_of_person(organisation_id=organisation.pk, person_id=request.actor.person_id)


@requires(OWN_CREDITS)
def reward_list(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    balance = _balance(request, organisation)
    rewards = rewards_for(organisation=organisation, person=person)
    return no_store(
        render(
            request,
            "credits/rewards_list.html",
            {
                "title": _("Rewards"),
                "organisation": organisation,
                "balance": balance,
                "rewards": [(r, max(0, r.cost_minutes - balance)) for r in rewards],
                "time_words": time_words,
            },
        )
    )


@GET_POST
@requires(OWN_CREDITS)
def reward_take(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    reward = reward_get(organisation=organisation, person=person, pk=pk)
    balance = _balance(request, organisation)
    form = bound_form(KeyedForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            redemption = reward_redeem(
                actor=request.actor,
                organisation=organisation,
                reward_id=reward.pk,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return redirect("credits:voucher", organisation.slug, redemption.pk)
    return no_store(
        render(
            request,
            "credits/rewards_take.html",
            {
                "title": _("Take this reward?"),
                "organisation": organisation,
                "reward": reward,
                "form": form,
                "balance": balance,
                "after": balance - reward.cost_minutes,
                "time_words": time_words,
            },
        )
    )


@requires(OWN_CREDITS)
def voucher_list(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    page = paginate(
        request, vouchers_of(organisation=organisation, person=person), VOUCHERS_PER_PAGE
    )
    return no_store(
        render(
            request,
            "credits/vouchers_list.html",
            {
                "title": _("Your vouchers"),
                "organisation": organisation,
                "vouchers": list(page.object_list),
                "page": page,
                "pagination": pagination_params(request, page),
                "time_words": time_words,
            },
        )
    )


@requires(OWN_CREDITS)
def voucher(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    found = voucher_get(organisation=organisation, person=person, pk=pk)
    return no_store(
        render(
            request,
            "credits/voucher.html",
            {
                "title": found.reward.name,
                "organisation": organisation,
                "voucher": found,
                "form": KeyedForm(),
                "time_words": time_words,
            },
        )
    )


@GET_POST
@requires(OWN_CREDITS)
def voucher_cancel_page(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    found = voucher_get(organisation=organisation, person=person, pk=pk)
    form = bound_form(KeyedForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            voucher_cancel(
                actor=request.actor,
                organisation=organisation,
                redemption_id=found.pk,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return done(
                request,
                _("Your voucher is cancelled and %(time)s of credits are back with you.")
                % {"time": time_words(found.cost_minutes)},
                "credits:vouchers",
                organisation.slug,
            )
    return no_store(
        render(
            request,
            "credits/voucher.html",
            {
                "title": found.reward.name,
                "organisation": organisation,
                "voucher": found,
                "form": form,
                "time_words": time_words,
            },
        )
    )
