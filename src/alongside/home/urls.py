from django.conf import settings
from django.urls import path

from alongside.home import views

app_name = "home"

urlpatterns = [
    path("", views.index, name="index"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("language/<str:code>/", views.language, name="language"),
]

# The demo shows the emails it sends on a page; a real installation sends them and has none.
if settings.MODE in {"demo", "test"}:
    urlpatterns.append(path("demo/mail/", views.demo_mail, name="demo-mail"))
