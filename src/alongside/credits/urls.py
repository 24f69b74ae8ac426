"""Time credits' pages, in one namespace; each part of the domain keeps its own list."""

from __future__ import annotations

from alongside.credits import (
    urls_catalogue,
    urls_earning,
    urls_mine,
    urls_rewards,
    urls_signals,
)

app_name = "credits"

urlpatterns = [
    *urls_mine.urlpatterns,
    *urls_earning.urlpatterns,
    *urls_rewards.urlpatterns,
    *urls_signals.urlpatterns,
    *urls_catalogue.urlpatterns,
]
