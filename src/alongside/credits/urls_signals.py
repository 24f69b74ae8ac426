"""Load and spread signals for staff."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import signals

urlpatterns: list[URLPattern] = [
    path("orgs/<slug:org>/credits/signals/", signals.signals_page, name="signals"),
]
