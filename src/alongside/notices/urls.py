from django.urls import URLPattern, path

from alongside.notices import views

app_name = "notices"

urlpatterns: list[URLPattern] = [
    path("my/notices/", views.my_notices, name="my-notices"),
    path("my/notices/<int:notice_id>/", views.notice_open, name="notice-open"),
]
