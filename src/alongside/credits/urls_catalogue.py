"""The organisation admin's catalogue: rewards, partners and milestones."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import catalogue

BASE = "orgs/<slug:org>/credits/catalogue/"

urlpatterns: list[URLPattern] = [
    path(BASE, catalogue.catalogue, name="catalogue"),
    path(BASE + "rewards/new/", catalogue.reward_add, name="catalogue-reward-add"),
    path(BASE + "rewards/<int:pk>/", catalogue.reward_edit, name="catalogue-reward-edit"),
    path(BASE + "partners/new/", catalogue.partner_add, name="catalogue-partner-add"),
    path(BASE + "partners/<int:pk>/", catalogue.partner_edit, name="catalogue-partner-edit"),
    path(BASE + "milestones/new/", catalogue.milestone_add, name="catalogue-milestone-add"),
    path(BASE + "milestones/<int:pk>/", catalogue.milestone_edit, name="catalogue-milestone-edit"),
]
