"""The page checks themselves: axe-core finds faint text where colour contrast is checked (the
sweep's pages), and journeys' steps check every other rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.system.conftest import PHONE, check_contrast, check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAINT = (
    "<!doctype html><html lang='en'><head><title>Faint</title></head><body><main>"
    "<h1>Faint</h1><p style='color:#d8d8d8;background:#ffffff'>Hard to read</p>"
    "{extra}</main></body></html>"
)


def _faint_page(page: Any, extra: str = "") -> None:
    url = f"{page.alongside_server}/__faint__"
    page.route(
        url, lambda route: route.fulfill(content_type="text/html", body=FAINT.format(extra=extra))
    )
    page.goto(url)


def test_faint_text_fails_where_contrast_is_checked(new_page: Callable[..., Any]) -> None:
    page = check_contrast(new_page(PHONE))
    _faint_page(page)
    with pytest.raises(pytest.fail.Exception, match="color-contrast"):
        check_page(page)


def test_a_journey_step_checks_every_other_rule(new_page: Callable[..., Any]) -> None:
    page = new_page(PHONE)
    _faint_page(page)
    check_page(page)  # contrast is the sweep's to check
    _faint_page(
        page,
        extra="<img src='data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs='>",
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        check_page(page)
