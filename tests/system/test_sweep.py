"""Every page a person can reach, opened in Chromium on a 375px phone as someone allowed to
see it: axe-core, one <h1>, a <title>, no sideways scrolling, and a screenshot of each.

The pages come from the permission matrix's rows (tests/*/matrix.py): every URL whose row is
a page, as each visitor its row names (or the first the policy lets in), in a world where
display names are 60 characters with no space and a young person has every kind of consent.
Forms are also checked sent empty, with their error summary showing, at both widths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.matrix import (
    VISITOR_ORDER,
    Visitor,
    World,
    action_of,
    all_page_states,
    all_rows,
    all_views,
    build_world,
    client_for,
)
from tests.system.conftest import (
    DESKTOP,
    PHONE,
    check_contrast,
    close_page,
    open_page,
    screenshot,
    sign_in,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(DESKTOP, id="1280"), pytest.param(PHONE, id="375")]

ROWS = all_rows()
VIEWS = all_views()
STATES = all_page_states()


def _pages() -> list[tuple[str, str]]:
    """(URL name, visitor label) for every page in the matrix, and whom to open it as."""
    pages = []
    for name, row in sorted(ROWS.items()):
        action = action_of(VIEWS.get(name))
        if row.page and action is not None:
            labels = row.sweep_as or (next(v for v in VISITOR_ORDER if _kind(v).allowed(action)),)
            pages.extend((name, label) for label in labels)
    return pages


def _kind(label: str) -> Visitor:
    return Visitor(label, None, Role(label) if label in Role.values else None)


# Forms shown with their errors too: error summaries and messages are where markup goes wrong.
PUBLIC_FORMS_WITH_ERRORS = [("/join/", "Continue"), ("/reset/", "Change passphrase")]


# The outermost elements, and the text, that stick out past the right edge of the screen.
WIDEST = """(screen) => {
    const right = (box) => Math.round(box.getBoundingClientRect().right);
    const sticksOut = (el) => el && el.getBoundingClientRect().right > screen + 1;
    const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        if (sticksOut(el) && !sticksOut(el.parentElement)) out.push(`${name(el)} (${right(el)}px)`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        if (right(range) > screen + 1 && !sticksOut(node.parentElement)) {
            const text = node.textContent.trim().slice(0, 40);
            out.push(`text "${text}" in ${name(node.parentElement)}`);
        }
    }
    return out.slice(0, 5);
}"""


def assert_fits(page: Any) -> None:
    """Nothing pushes the page wider than the screen (no sideways scrolling on a phone)."""
    screen = page.viewport_size["width"]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > screen:
        culprits = page.evaluate(WIDEST, screen)
        pytest.fail(
            f"{page.url} is {width}px wide on a {screen}px screen; too wide: {culprits}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """One phone page for the whole sweep (per worker). A new page starts a renderer, which
    cost more than opening the page being checked; each test clears the cookies first and
    then navigates, which replaces the document and its scripts."""
    page = check_contrast(open_page(browser, live_server, PHONE))
    yield page
    close_page(page.context)


def _open_as(phone: Any, live_server: Any, client: Any, path: str) -> None:
    """Open ``path`` on the phone with ``client``'s cookies, and nothing of the last visitor."""
    page = phone
    # Nothing of the last page's visitor is left: no cookie, nothing stored by the origin
    # (GOV.UK Frontend's accordion remembers in sessionStorage what was opened).
    page.context.clear_cookies()
    if page.url.startswith(live_server.url):
        page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
    page.context.add_cookies(
        [
            {"name": key, "value": morsel.value, "url": live_server.url}
            for key, morsel in client.cookies.items()
        ]
    )
    visit(page, path)


def _named(page: Any) -> str:
    return page if isinstance(page, str) else f"{page[0]}-{page[1]}"


def _chunks(pages: list[Any], size: int) -> list[Any]:
    """Pages in runs of ``size``, in order: one test (and one world) for each run."""
    return [
        pytest.param(
            pages[i : i + size],
            id=f"{_named(pages[i])}..{_named(pages[min(i + size, len(pages)) - 1])}",
        )
        for i in range(0, len(pages), size)
    ]


# Pages a test opens in one world. Building a world and emptying the database after it cost
# about as much as opening a page, so each run of pages shares one: what one page's row builds
# stays for the next. A page that fails there (its row cannot be built beside another's, or
# another page changed what it shows) is tried again alone in a fresh world, as it was before
# worlds were shared, and only a failure there fails the test.
PAGES_A_WORLD = 12


class _Worlds:
    def __init__(self) -> None:
        self.world = self._fresh()

    @staticmethod
    def _fresh() -> World:
        # In one transaction: outside one, each of its hundred rows is a commit.
        with transaction.atomic():
            return build_world()

    def renew(self) -> World:
        call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
        self.world = self._fresh()
        return self.world


def _fault(check: Callable[[World, Any], None], world: World, page: Any) -> str | None:
    try:
        check(world, page)
    except (Exception, pytest.fail.Exception) as failure:
        return f"{type(failure).__name__}: {failure}"
    return None


def _each_page(pages: list[Any], check: Callable[[World, Any], None]) -> None:
    """Check every page in a shared world (a failing one again in a fresh world), then fail
    once naming each page that failed, so one page's fault does not hide the next one's."""
    worlds = _Worlds()
    failed = []
    for page in pages:
        if _fault(check, worlds.world, page) is None:
            continue
        fault = _fault(check, worlds.renew(), page)
        if fault is not None:
            failed.append(f"{_named(page)}: {fault}")
    if failed:
        pytest.fail("\n\n".join(failed), pytrace=False)


@pytest.mark.parametrize("pages", _chunks(_pages(), PAGES_A_WORLD))
def test_page_passes_axe_and_fits_a_phone(
    phone: Any, live_server: Any, pages: list[tuple[str, str]]
) -> None:
    def check(world: World, page: tuple[str, str]) -> None:
        # Given the pages' world, with long names and many consents, and someone allowed to
        # see the page
        name, label = page
        row = ROWS[name]
        with transaction.atomic():
            path = reverse(name, kwargs=row.kwargs(world))
            client = client_for(world.visitors[label])
            if row.prepare is not None:
                row.prepare(world, client)
        # When they open it on a small phone
        _open_as(phone, live_server, client, path)
        # Then it is the page asked for (not somewhere it sent them), it passes axe and fits
        assert urlsplit(phone.url).path == urlsplit(path).path, (
            f"{path} sent {label} to {phone.url}"
        )
        assert_fits(phone)
        screenshot(phone, f"{name}-{label}")

    _each_page(pages, check)


@pytest.mark.parametrize("labels", _chunks(sorted(STATES), PAGES_A_WORLD))
def test_page_in_another_state_passes_axe_and_fits_a_phone(
    phone: Any, live_server: Any, labels: list[str]
) -> None:
    def check(world: World, label: str) -> None:
        # Given a page in a state its matrix row does not reach, and the visitor it is for
        state = STATES[label]
        with transaction.atomic():
            path = reverse(state.url, kwargs=state.kwargs(world)) + state.query
            client = client_for(world.visitors[state.visitor])
        # When they open it on a small phone, Then it is that page, it passes axe and it fits
        _open_as(phone, live_server, client, path)
        assert urlsplit(phone.url).path == urlsplit(path).path, f"{label}: sent to {phone.url}"
        assert_fits(phone)
        screenshot(phone, label)

    _each_page(labels, check)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_public_forms_with_errors(new_page: Callable[..., Any], viewport: dict[str, int]) -> None:
    # Given someone who is not signed in, on a desktop or a small phone
    page = check_contrast(new_page(viewport))
    # When they send the public forms empty, Then the error summary shows and passes the checks
    for path, button in PUBLIC_FORMS_WITH_ERRORS:
        visit(page, path)
        submit(page, button)
        assert page.title().startswith("Error: "), page.title()
        assert_fits(page)
        screenshot(page, path.strip("/") + "-errors")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_staff_forms_with_errors(
    new_page: Callable[..., Any], organisation: Organisation, viewport: dict[str, int]
) -> None:
    # Given an organisation admin who signs in through the real form and two-factor page
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation, with_totp=False)
    secret = factories.give_totp(admin)
    assert admin.user is not None
    org = f"/orgs/{organisation.slug}"
    page = check_contrast(new_page(viewport))
    sign_in(page, admin.user.email, factories.PASSWORD, totp_secret=secret)

    # When they send a staff form empty, Then the errors pass the checks
    visit(page, f"{org}/join-codes/new/")
    page.get_by_label("Group name").fill("")
    page.get_by_label("How many days should it work for?").fill("")
    submit(page, "Make code")
    assert page.title().startswith("Error: "), page.title()
    assert_fits(page)
    screenshot(page, "join-codes-new-errors")

    # And inviting a member of staff: the errors first, then the invitation sent
    visit(page, f"{org}/staff/invite/")
    submit(page, "Send invitation")
    assert page.title().startswith("Error: "), page.title()
    assert_fits(page)
    screenshot(page, "staff-invite-errors")
    page.get_by_label("Their name").fill("Sam Patel")
    page.get_by_label("Their work email address").fill(f"sam.{viewport['width']}@example.org")
    page.get_by_label("Commissioner").check()
    submit(page, "Send invitation")
    assert page.get_by_text(
        f"We have sent an invitation to sam.{viewport['width']}@example.org."
    ).is_visible()
    assert_fits(page)
    screenshot(page, "staff-invite-sent")
