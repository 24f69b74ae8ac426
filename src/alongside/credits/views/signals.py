"""Load and spread for staff: who has given a lot of time lately (named, so a worker can look
after them), and how evenly each initiative's and board's hours are spread (aggregates only,
groups under 10 suppressed). Never cached: it names young people."""

from __future__ import annotations

from fractions import Fraction

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.core.durations import time_words
from alongside.credits.rules import SIGNALS_VIEW
from alongside.credits.selectors.signals import (
    heavy_givers,
    settings_for,
    spread_of_contribution,
)
from alongside.credits.views.earning import no_store


def percent(share: Fraction | None) -> int:
    return round(share * 100) if share is not None else 0


@requires(SIGNALS_VIEW)
def signals_page(request: Request, organisation: Organisation) -> HttpResponse:
    limits = settings_for(organisation)
    return no_store(
        render(
            request,
            "credits/signals.html",
            {
                "title": _("Who has given a lot of time lately"),
                "organisation": organisation,
                "heavy": heavy_givers(organisation=organisation),
                "spread": spread_of_contribution(organisation=organisation),
                "limits": limits,
                "percent": percent,
                "time_words": time_words,
            },
        )
    )
