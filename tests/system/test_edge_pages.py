"""Pages at the edges in a real browser, at phone width: the demo's mail page, and our error
pages (404, 413, 500), each passing axe without sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core import mail

from tests.system.conftest import PHONE, check_contrast, check_page, screenshot, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_mail_page_with_a_long_link_fits_a_phone(
    new_page: Callable[..., Any], settings: Any, tmp_path: Any
) -> None:
    # Given the demo has sent an email with a long link and a long address
    settings.EMAIL_BACKEND = "alongside.home.demo_mail.DemoEmailBackend"
    settings.DEMO_MAIL_DIR = tmp_path / "mail"
    mail.send_mail(
        "Agree to Robin taking part in Riverside Youth Service",
        "Open this link to agree:\nhttp://127.0.0.1:8000/consent/"
        + "Zq8pW3xY7vK2mN5bR9tL" * 3
        + "/\n\nIf you did not expect this email, you can ignore it.",
        "Alongside <no-reply@alongside.invalid>",
        ["a.parent.with.a.very.long.address@riverside-youth-service.example.org"],
    )
    # When it is opened on a phone, Then the page passes the checks and fits the screen
    page = check_contrast(new_page(PHONE))
    visit(page, "/demo/mail/")
    assert_fits(page)
    assert page.get_by_role("link", name="http://127.0.0.1:8000/consent/").count() == 1
    screenshot(page, "demo-mail")


def test_our_404_and_413_pages_fit_a_phone(new_page: Callable[..., Any]) -> None:
    page = check_contrast(new_page(PHONE))
    visit(page, "/no-such-page/", status=404)
    assert_fits(page)
    # A form post larger than Django reads, sent from the page itself.
    visit(page, "/join/")
    with page.expect_navigation():
        page.evaluate(
            """(size) => {
                const form = document.querySelector("form");
                const input = document.createElement("input");
                input.type = "hidden"; input.name = "padding"; input.value = "a".repeat(size);
                form.appendChild(input);
                form.submit();
            }""",
            django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1,
        )
    assert "What you sent is too large" in page.locator("h1").inner_text()
    check_page(page)
    assert_fits(page)


def test_our_500_page_passes_axe_and_fits_a_phone(
    new_page: Callable[..., Any], settings: Any
) -> None:
    # Given a page that fails on the server
    settings.ROOT_URLCONF = "tests.system.failing_urls"
    page = check_contrast(new_page(PHONE))
    # When someone opens it on a phone
    response = page.goto("/fails/")
    # Then they get our own page in plain words, not the fault's details
    assert response is not None
    assert response.status == 500
    check_page(page)
    assert_fits(page)
    assert "RuntimeError" not in page.content()
    screenshot(page, "server-error")
