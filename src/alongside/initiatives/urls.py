from django.urls import URLPattern, path

from alongside.initiatives.views import initiatives as views
from alongside.initiatives.views import sessions

app_name = "initiatives"

ONE = "orgs/<slug:org>/initiatives/<uuid:initiative_id>/"

urlpatterns: list[URLPattern] = [
    # Staff pages.
    path("orgs/<slug:org>/initiatives/", views.initiative_list, name="initiative-list"),
    path("orgs/<slug:org>/initiatives/new/", views.initiative_create, name="initiative-create"),
    path(ONE, views.initiative_detail, name="initiative-detail"),
    path(ONE + "set-up/", views.initiative_setup, name="initiative-setup"),
    path(ONE + "about/", views.initiative_about, name="initiative-about"),
    path(ONE + "forms/", views.initiative_forms, name="initiative-forms"),
    path(ONE + "who-decides/", views.initiative_decision, name="initiative-decision"),
    path(ONE + "dates/", views.initiative_dates, name="initiative-dates"),
    path(ONE + "team/", views.team_list, name="team-list"),
    path(ONE + "team/add/", views.team_add, name="team-add"),
    path(ONE + "team/<int:pk>/remove/", views.team_remove, name="team-remove"),
    path(ONE + "checklist/", views.checklist, name="checklist"),
    path(ONE + "checklist/<slug:question>/", views.checklist_answer, name="checklist-answer"),
    path(ONE + "ladder/", views.initiative_ladder, name="initiative-ladder"),
    path(ONE + "moderation/", views.initiative_moderation, name="initiative-moderation"),
    path(ONE + "open/", views.initiative_open, name="initiative-open"),
    path(ONE + "deciding/", views.initiative_deciding, name="initiative-deciding"),
    path(ONE + "delivering/", views.initiative_delivering, name="initiative-delivering"),
    path(ONE + "feedback/", views.initiative_feedback, name="initiative-feedback"),
    path(ONE + "close/", views.initiative_close, name="initiative-close"),
    # Public pages.
    path("initiatives/<uuid:public_id>/", views.initiative_public, name="initiative-public"),
    path("orgs/<slug:org>/take-part/", views.take_part, name="take-part"),
]

# Sessions and attendance
urlpatterns += [
    path(
        "orgs/<slug:org>/sessions/",
        sessions.sessions_to_record,
        name="sessions-to-record",
    ),
    path(
        "orgs/<slug:org>/initiatives/<uuid:initiative>/sessions/",
        sessions.session_list,
        name="session-list",
    ),
    path(
        "orgs/<slug:org>/initiatives/<uuid:initiative>/sessions/record/",
        sessions.session_record,
        name="session-record",
    ),
    path(
        "orgs/<slug:org>/sessions/<uuid:session>/",
        sessions.session_detail,
        name="session-detail",
    ),
    path(
        "orgs/<slug:org>/sessions/<uuid:session>/find/",
        sessions.session_find,
        name="session-find",
    ),
    path(
        "orgs/<slug:org>/sessions/<uuid:session>/add-someone/",
        sessions.session_person_add,
        name="session-person-add",
    ),
    path(
        "orgs/<slug:org>/sessions/<uuid:session>/people/<uuid:person>/minutes/",
        sessions.attendance_change,
        name="session-attendance-change",
    ),
    path(
        "orgs/<slug:org>/sessions/<uuid:session>/people/<uuid:person>/remove/",
        sessions.attendance_remove,
        name="session-attendance-remove",
    ),
]
