from django.urls import URLPattern, path

from alongside.initiatives.views import sessions

app_name = "initiatives"

urlpatterns: list[URLPattern] = []

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
