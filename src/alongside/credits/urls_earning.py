"""Earning: the worker's approve pages, the admin's rules page, and the young person's
"How you earn credits"."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import earning, earning_rules

BASE = "orgs/<slug:org>/credits/"
OCCASION = BASE + "approve/<slug:source>/<uuid:occasion>/"

urlpatterns: list[URLPattern] = [
    path(BASE + "approve/", earning.approve_list, name="earn-approve-list"),
    path(OCCASION, earning.approve_occasion, name="earn-approve-occasion"),
    path(OCCASION + "decline/<uuid:person>/", earning.decline, name="earn-decline"),
    path(BASE + "rules/", earning_rules.rules_edit, name="earn-rules"),
    path(BASE + "how-you-earn/", earning_rules.how_you_earn, name="earn-how"),
]
