"""Our own error pages: the 500 page needs neither the database nor the request, and a server
error in any view is answered with it."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from alongside.home.views import handler500


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database has gone away")


urlpatterns = [path("boom/", boom)]
# This module is also the URLconf of the second test: the imported handler500 is its own.


def test_the_500_page_needs_no_database_and_no_request_context():
    # Given a bare request (no session, actor or nonce) and no database access allowed
    request = RequestFactory().get("/")
    # When the 500 handler answers
    response = handler500(request)
    # Then it is our page
    content = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in content
    assert 'class="govuk-template' in content
    assert "govuk-frontend.min.css" in content


@pytest.mark.urls("tests.test_error_pages")
def test_an_error_in_a_view_is_answered_with_our_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "the database has gone away" not in response.content.decode()
