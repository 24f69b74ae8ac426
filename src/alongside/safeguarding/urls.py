from django.urls import path

from alongside.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("unsafe-or-unhappy/", views.help_page, name="help"),
    path("unsafe-or-unhappy/sent/", views.help_sent, name="help-sent"),
    path("my/concerns/", views.my_concerns, name="my-concerns"),
    path("orgs/<slug:org>/safeguarding/", views.concern_list, name="concern-list"),
    path("orgs/<slug:org>/safeguarding/raise/", views.concern_raise, name="concern-raise"),
    path(
        "orgs/<slug:org>/safeguarding/<uuid:concern_id>/",
        views.concern_detail,
        name="concern-detail",
    ),
    path(
        "orgs/<slug:org>/safeguarding/<uuid:concern_id>/acknowledge/",
        views.concern_acknowledge,
        name="concern-acknowledge",
    ),
    path(
        "orgs/<slug:org>/safeguarding/<uuid:concern_id>/respond/",
        views.concern_respond,
        name="concern-respond",
    ),
    path(
        "orgs/<slug:org>/safeguarding/<uuid:concern_id>/close/",
        views.concern_close,
        name="concern-close",
    ),
]
