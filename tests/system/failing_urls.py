"""The product's URLs plus one that fails, so a browser can see our 500 page as a user would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from alongside.config.urls import handler404, handler500
from alongside.config.urls import urlpatterns as product_urls

__all__ = ["handler404", "handler500", "urlpatterns"]


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault the visitor must never see the details of")


urlpatterns = [path("fails/", fail), *product_urls]
