from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import mine

CREDITS = "orgs/<slug:org>/credits/"

urlpatterns: list[URLPattern] = [
    path(CREDITS, mine.my_credits, name="mine"),
    path(CREDITS + "history/", mine.my_history, name="history"),
]
