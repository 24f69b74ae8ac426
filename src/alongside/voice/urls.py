from django.urls import URLPattern, path

# Themes and answers
from alongside.voice.views import answers as answer_views
from alongside.voice.views import themes as theme_views

app_name = "voice"

urlpatterns: list[URLPattern] = []

# Themes and answers
urlpatterns += [
    path("orgs/<slug:org>/themes/", theme_views.theme_list, name="theme-list"),
    path("orgs/<slug:org>/themes/new/", theme_views.theme_create, name="theme-create"),
    path("orgs/<slug:org>/themes/<uuid:theme_id>/", theme_views.theme_detail, name="theme-detail"),
    path("orgs/<slug:org>/themes/<uuid:theme_id>/name/", theme_views.theme_name, name="theme-name"),
    path(
        "orgs/<slug:org>/themes/<uuid:theme_id>/description/",
        theme_views.theme_description,
        name="theme-description",
    ),
    path(
        "orgs/<slug:org>/themes/<uuid:theme_id>/answer/",
        answer_views.theme_answer,
        name="theme-answer",
    ),
    path(
        "orgs/<slug:org>/contributions/<uuid:contribution_id>/themes/",
        theme_views.theme_add,
        name="theme-add",
    ),
    path(
        "orgs/<slug:org>/contributions/<uuid:contribution_id>/themes/<uuid:theme_id>/remove/",
        theme_views.theme_remove,
        name="theme-remove",
    ),
    path(
        "orgs/<slug:org>/contributions/<uuid:contribution_id>/answer/",
        answer_views.answer_give,
        name="answer-give",
    ),
    path(
        "orgs/<slug:org>/contributions/<uuid:contribution_id>/answers/",
        answer_views.answer_history,
        name="answer-history",
    ),
    path(
        "orgs/<slug:org>/contributions/overdue/",
        answer_views.answer_overdue,
        name="answer-overdue",
    ),
    path(
        "orgs/<slug:org>/contributions/export.csv",
        answer_views.answer_export,
        name="answer-export",
    ),
]
