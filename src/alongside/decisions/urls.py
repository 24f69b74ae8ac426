from django.urls import path

from alongside.decisions import views

app_name = "decisions"

urlpatterns = [
    path("orgs/<slug:org>/decisions/", views.decision_list, name="decision-list"),
    path("orgs/<slug:org>/decisions/new/", views.decision_create, name="decision-create"),
    path(
        "orgs/<slug:org>/decisions/new/<uuid:draft>/cite/",
        views.decision_cite,
        name="decision-cite",
    ),
    path(
        "orgs/<slug:org>/decisions/new/<uuid:draft>/check/",
        views.decision_check,
        name="decision-check",
    ),
    path(
        "orgs/<slug:org>/decisions/<uuid:decision_id>/recorded/",
        views.decision_recorded,
        name="decision-recorded",
    ),
    path(
        "orgs/<slug:org>/decisions/<uuid:decision_id>/cite/",
        views.decision_cite_add,
        name="decision-cite-add",
    ),
    path("decisions/<uuid:decision_id>/", views.decision_detail, name="decision-detail"),
    path("orgs/<slug:org>/you-said-we-did/", views.organisation_board, name="board"),
    path(
        "initiatives/<uuid:initiative_id>/you-said-we-did/",
        views.initiative_board,
        name="initiative-board",
    ),
    path("my/what-happened/", views.what_happened, name="what-happened"),
]
