"""Load and spread signals for staff, and the admin's reports."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import reports, signals

urlpatterns: list[URLPattern] = [
    path("orgs/<slug:org>/credits/signals/", signals.signals_page, name="signals"),
    path("orgs/<slug:org>/credits/reports/", reports.reports, name="reports"),
    path("orgs/<slug:org>/credits/reports.csv", reports.reports_csv, name="reports-csv"),
]
