"""The voice domain's pages. Organisation pages are under ``orgs/<slug:org>/``; nothing personal
is in a path (contributions are named by their ``public_id``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.voice.views import answers as answer_views
from alongside.voice.views import contributions as c
from alongside.voice.views import themes as theme_views

app_name = "voice"

GIVE = "orgs/<slug:org>/give/"
STAFF = "orgs/<slug:org>/contributions/"
ONE = STAFF + "<uuid:contribution_id>/"
MINE = "orgs/<slug:org>/my-contributions/<uuid:contribution_id>/"

urlpatterns: list[URLPattern] = [
    # A young person gives an idea or view, one question per page.
    path(GIVE, c.give, name="contribution-give"),
    path(GIVE + "kind/", c.give_kind, name="contribution-give-kind"),
    path(GIVE + "words/", c.give_words, name="contribution-give-words"),
    path(GIVE + "photo/", c.give_photo, name="contribution-give-photo"),
    path(GIVE + "name/", c.give_name, name="contribution-give-name"),
    path(GIVE + "check/", c.give_check, name="contribution-give-check"),
    path(GIVE + "done/<uuid:contribution_id>/", c.give_done, name="contribution-give-done"),
    # The author's own.
    path(MINE + "edit/", c.contribution_edit, name="contribution-edit"),
    path(MINE + "withdraw/", c.contribution_withdraw, name="contribution-withdraw"),
    # Staff.
    path(STAFF, c.contribution_list, name="contribution-list"),
    path(STAFF + "to-check/", c.moderation_queue, name="contribution-moderation"),
    path(STAFF + "record/", c.contribution_record, name="contribution-record"),
    path(ONE, c.contribution_detail, name="contribution-detail"),
    path(ONE + "photo/", c.contribution_photo, name="contribution-photo"),
    path(ONE + "publish/", c.contribution_publish, name="contribution-publish"),
    path(ONE + "hide/", c.contribution_hide, name="contribution-hide"),
    # Themes and answers.
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
