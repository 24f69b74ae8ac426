"""The organisation's earning rules: the admin's page to set them, and the young person's
"How you earn credits", which says them in plain words."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.credits.forms_earning import RulesForm
from alongside.credits.rule_words import cap_words, rate_words, rounding_words
from alongside.credits.rules import CREDITS_MANAGE, OWN_CREDITS
from alongside.credits.selectors.earning_rules import (
    KindRule,
    kind_rules,
    kind_words,
    settings_of,
)
from alongside.credits.services.earning_rules import credit_rules_change, credit_settings_get


@GET_POST
@requires(CREDITS_MANAGE)
def rules_edit(request: Request, organisation: Organisation) -> HttpResponse:
    settings = credit_settings_get(organisation=organisation)
    rules = kind_rules(organisation=organisation)
    kinds = kind_words()
    initial: dict[str, Any] = {
        "rounding": settings.rounding,
        "weekly_cap_hours": (
            settings.weekly_cap_minutes // 60 if settings.weekly_cap_minutes else None
        ),
    }
    for kind in kinds:
        rule = rules.get(kind, KindRule())
        initial[f"earns_{kind}"] = "yes" if rule.earns else "no"
        initial[f"rate_{kind}"] = rule.credit_minutes_per_hour
    form = bound_form(RulesForm, request, kinds=kinds, initial=initial)

    def save(data: dict[str, Any]) -> HttpResponse:
        hours = data.get("weekly_cap_hours")
        credit_rules_change(
            actor=request.actor,
            organisation=organisation,
            rounding=data["rounding"],
            weekly_cap_minutes=hours * 60 if hours else None,
            kinds={kind: KindRule(data[f"earns_{kind}"], data[f"rate_{kind}"]) for kind in kinds},
        )
        return done(
            request,
            _("The rules for time credits are saved."),
            "credits:earn-rules",
            organisation.slug,
        )

    return form_page(
        request,
        form,
        "credits/earn_rules.html",
        {
            "title": _("Rules for time credits"),
            "organisation": organisation,
            "kinds": [(kind, words) for kind, words in kinds.items()],
        },
        save,
    )


@requires(OWN_CREDITS)
def how_you_earn(request: Request, organisation: Organisation) -> HttpResponse:
    settings = settings_of(organisation=organisation)
    rules = kind_rules(organisation=organisation)
    kinds = kind_words()
    earning, not_earning = [], []
    for kind, words in kinds.items():
        rule = rules.get(kind, KindRule())
        if rule.earns and rule.credit_minutes_per_hour > 0:
            earning.append((words, rate_words(rule.credit_minutes_per_hour)))
        else:
            not_earning.append(words)
    return render(
        request,
        "credits/earn_how.html",
        {
            "title": _("How you earn credits"),
            "organisation": organisation,
            "earning": earning,
            "not_earning": not_earning,
            "rounding": rounding_words(settings.rounding if settings else "exact"),
            "cap": cap_words(settings.weekly_cap_minutes if settings else None),
        },
    )
