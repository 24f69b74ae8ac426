"""The reward partner's one page: type a voucher's code, see whether it is ready to use, and
mark it used. It says nothing about the young person; only codes of the partner's own rewards
are found, and tries are limited per account and per address so codes cannot be guessed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    check_rate_per_account,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.credits.forms_rewards import VoucherCodeForm
from alongside.credits.models import Redemption
from alongside.credits.rules import VOUCHER_CHECK
from alongside.credits.services.redeem import voucher_find, voucher_use
from alongside.credits.views.earning import no_store


@GET_POST
@requires(VOUCHER_CHECK)
def voucher_check(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(VoucherCodeForm, request)
    found: Redemption | None = None
    used_now = False
    if request.method == "POST" and form.is_valid():
        try:
            check_rate_per_account(
                request, "voucher_check", login=str(request.actor.person_id or "")
            )
            if request.POST.get("use") == "yes":
                found = voucher_use(
                    actor=request.actor, organisation=organisation, code=form.cleaned_data["code"]
                )
                used_now = True
            else:
                found = voucher_find(
                    actor=request.actor, organisation=organisation, code=form.cleaned_data["code"]
                )
        except ApplicationError as error:
            apply_to_form(form, error)
    return no_store(
        render(
            request,
            "credits/partner_check.html",
            {
                "title": _("Check a voucher"),
                "organisation": organisation,
                "form": form,
                "found": found,
                "used_now": used_now,
            },
        )
    )
