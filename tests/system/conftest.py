"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

A small helper set, no page objects:

- fixtures ``browser`` (one Chromium per session), ``page`` (1280x800), ``mobile_page``
  (375x812), ``no_js_page`` (JavaScript off) and ``new_page`` (more contexts in one test);
- ``visit(page, path)``, ``click(page, locator)`` and ``submit(page, button)`` navigate and then
  call ``check_page(page)``, which asserts one <h1>, a <title> and no axe-core violations;
- ``screenshot(page)`` writes var/screenshots/<test>-<n>.png (nothing asserts on pixels);
- ``sign_in(page, person, totp_secret=...)`` uses the real sign-in form and 2FA page;
  ``signed_in(page, person)`` skips them, for journeys about something else.

Read docs/testing.md for how these run and the rule about a missing browser under CI.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.test import Client
from django.urls import reverse

if TYPE_CHECKING:
    from alongside.accounts.models import Person

# Playwright's sync API runs an event loop in the test thread; without this the ORM calls the
# tests make (to arrange data and to check the audit trail) raise SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    *os.environ.get("ALONGSIDE_CHROMIUM_ARGS", "").split(),
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"
TIMEOUT_MS = 15_000

# Why the browser tests did not run, for the terminal summary (empty when they ran).
_NOT_RUN: list[str] = []
_axe_source: str | None = None
_screenshot_counts: dict[str, int] = {}
# Contexts opened with JavaScript off, where axe has to run on a copy of the page (see below).
_no_js_contexts: set[int] = set()
# Colour contrast is about nine tenths of axe-core's time on a page. It depends on the stylesheet
# and the components a page uses, so the sweep checks it on every page and on every form's
# error summary (contexts marked with check_contrast); journeys check every other rule at every
# step. ALONGSIDE_AXE_CONTRAST=all checks it at every step too.
_contrast_contexts: set[int] = set()
_axe_context: dict[str, Any] = {}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _browser_missing_reason() -> str | None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(`make browser`) to run the browser tests"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not AXE_PATH.is_file():
        return f"axe-core not found at {AXE_PATH}: run `npm ci`"
    return None


# Collection and reporting -------------------------------------------------------------------------


_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Every test in tests/system is a browser test, marked or not (so -m "not browser" works)."""
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    if not _NOT_RUN:
        return
    line = "!" * 78
    terminalreporter.write_line("")
    terminalreporter.write_line(line, red=True, bold=True)
    terminalreporter.write_line(
        "!!  THE BROWSER TESTS (tests/system) DID NOT RUN", red=True, bold=True
    )
    terminalreporter.write_line(f"!!  {_NOT_RUN[0]}", red=True, bold=True)
    terminalreporter.write_line(
        "!!  Accessibility and the real journeys were NOT checked. Under CI=true this fails.",
        red=True,
        bold=True,
    )
    terminalreporter.write_line(line, red=True, bold=True)


# Fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run; every test gets fresh contexts from it."""
    reason = _browser_missing_reason()
    if reason is not None:
        if _in_ci():
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
        if not _NOT_RUN:
            _NOT_RUN.append(reason)
        pytest.skip(f"BROWSER TESTS NOT RUN: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        _axe_context.clear()
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh browser context (own cookies), closed at the end of the test.

    ``new_page(viewport=PHONE, java_script_enabled=False)``: paths given to ``visit`` are
    relative to the live server.
    """
    contexts: list[Any] = []

    def make(viewport: dict[str, int] | None = None, **options: Any) -> Any:
        page = open_page(browser, live_server, viewport, **options)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        close_page(context)


def open_page(
    browser: Any, live_server: Any, viewport: dict[str, int] | None = None, **options: Any
) -> Any:
    """A page in a new browser context: ``new_page`` without the fixture (close it with
    ``close_page(page.context)``)."""
    viewport = viewport or DESKTOP
    if viewport["width"] < 600:
        options.setdefault("is_mobile", True)
        options.setdefault("has_touch", True)
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="en-GB", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    if options.get("java_script_enabled") is False:
        _no_js_contexts.add(id(context))
    else:
        _with_axe(context)
    page = context.new_page()
    # For signed_in, which gives the context a cookie for this server before any page is open.
    page.alongside_server = live_server.url  # type: ignore[attr-defined]
    page.alongside_console = []  # type: ignore[attr-defined]
    page.on("console", lambda message: _record_console(page, message))
    page.on("pageerror", lambda error: page.alongside_console.append(f"pageerror: {error}"))
    page.on("response", lambda response: _record_failed_resource(page, response))
    return page


def check_contrast(page: Any) -> Any:
    """Have check_page test colour contrast too on this page's context (the sweep's pages)."""
    _contrast_contexts.add(id(page.context))
    return page


def close_page(context: Any) -> None:
    _no_js_contexts.discard(id(context))
    _contrast_contexts.discard(id(context))
    context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page(DESKTOP)


@pytest.fixture
def mobile_page(new_page: Callable[..., Any]) -> Any:
    return new_page(PHONE)


@pytest.fixture
def no_js_page(new_page: Callable[..., Any]) -> Any:
    return new_page(DESKTOP, java_script_enabled=False)


@pytest.fixture(autouse=True)
def _fresh_screenshots(request: pytest.FixtureRequest) -> None:
    """Remove this test's screenshots from an earlier run, so the folder shows this run."""
    name = _safe_name(request.node.name)
    _screenshot_counts.pop(name, None)
    if SCREENSHOT_DIR.is_dir():
        for old in SCREENSHOT_DIR.glob(f"{name}-[0-9]*.png"):
            old.unlink()


# Helpers ------------------------------------------------------------------------------------


def _record_console(page: Any, message: Any) -> None:
    # CSP refusals and script errors show up here: a page that breaks its own CSP fails.
    # Failed loads are reported by _record_failed_resource, which knows what failed.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page.alongside_console.append(f"console: {message.text}")


def _record_failed_resource(page: Any, response: Any) -> None:
    # A missing stylesheet, script, font or image (the page itself is checked by its status).
    if response.status >= 400 and response.request.resource_type != "document":
        page.alongside_console.append(f"{response.status}: {response.url}")


def _forget_console(page: Any) -> None:
    if hasattr(page, "alongside_console"):
        page.alongside_console.clear()


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


def _current_test() -> str:
    current = os.environ.get("PYTEST_CURRENT_TEST", "unknown::unknown")
    return _safe_name(current.split("::")[-1].rsplit(" ", 1)[0])


def screenshot(page: Any, label: str = "") -> Path:
    """Save the whole page as var/screenshots/<test>-<n>[-label].png and return the path.

    In CI nobody looks at them and the clone is thrown away, so they are not taken there
    (a whole-page PNG of a long page costs about half a second) unless
    ALONGSIDE_SCREENSHOTS=1 asks for them."""
    test = _current_test()
    _screenshot_counts[test] = _screenshot_counts.get(test, 0) + 1
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    suffix = f"-{_safe_name(label)}" if label else ""
    path = SCREENSHOT_DIR / f"{test}-{_screenshot_counts[test]}{suffix}.png"
    if os.environ.get("CI") and not os.environ.get("ALONGSIDE_SCREENSHOTS"):
        return path
    page.screenshot(path=str(path), full_page=True)
    return path


def _axe() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


def _with_axe(context: Any) -> None:
    """Every page the context opens has axe-core from the start: Chromium runs an init script
    in each new document itself, outside the page's CSP. Sent once per context, it costs
    about 0.05 s a page; evaluate()-ing the 550 kB source into each page took 0.3 to 1 s."""
    context.add_init_script(script=_axe())


def _run_axe(page: Any, contrast: bool = True) -> list[dict[str, Any]]:
    # Under a strict CSP add_script_tag is refused; evaluate() is not subject to it (nor is
    # the init script that normally put axe there already: _with_axe).
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe())
    return page.evaluate(
        """async ([tags, contrast]) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                rules: {"color-contrast": {enabled: contrast}},
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200)})),
            }));
        }""",
        [AXE_TAGS, contrast],
    )


# Markup a reader should never see as text: the sign of an HTML fragment escaped by mistake.
_LEAKED_MARKUP = re.compile(
    r"</?(?:a|br|p|span|strong|code|div|ul|li)\b[^<>]*>|&(?:lt|gt|amp|quot);"
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def _run_axe_without_javascript(page: Any, contrast: bool = True) -> list[dict[str, Any]]:
    """axe needs timers, which never fire in a context with JavaScript off. So we copy the
    page's DOM (as built with no script run), strip the scripts and load the copy into a
    JavaScript-on page of the same size on the same origin, where axe checks it. One such
    page per screen size is kept for the session, so axe is injected into it only once."""
    size = page.viewport_size
    key = (size["width"], size["height"])
    copy = _axe_context.get(key)
    if copy is None:
        if "context" not in _axe_context:
            _axe_context["context"] = page.context.browser.new_context()
            _with_axe(_axe_context["context"])
        copy = _axe_context["context"].new_page()
        copy.set_viewport_size(size)
        origin = re.match(r"^https?://[^/]+", page.url).group(0)  # type: ignore[union-attr]
        blank = f"{origin}/__axe-copy__"
        copy.route(
            lambda u: u == blank,
            lambda route: route.fulfill(status=200, content_type="text/html", body="<html></html>"),
        )
        copy.goto(blank)
        _axe_context[key] = copy
    copy.set_content(_SCRIPT.sub("", page.content()))
    assert copy.evaluate("() => !document.body.classList.contains('js-enabled')")
    return _run_axe(copy, contrast)


def check_page(page: Any) -> None:
    """What every page must have: a <title>, exactly one <h1>, no WCAG 2.2 AA failures that
    axe-core can find, no HTML shown as text, and no script or CSP errors in the console."""
    url = page.url
    title = page.title().strip()
    assert title, f"{url} has no <title>"
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1, f"{url} must have exactly one <h1>, has {len(headings)}: {headings}"
    shown = page.locator("body").inner_text()
    leaked = _LEAKED_MARKUP.search(shown)
    assert not leaked, f"{url} shows HTML as text (escaped twice?): {leaked.group(0)!r}"
    errors = list(getattr(page, "alongside_console", []))
    assert not errors, f"{url} logged errors in the browser console:\n" + "\n".join(errors)
    contrast = (
        id(page.context) in _contrast_contexts or os.environ.get("ALONGSIDE_AXE_CONTRAST") == "all"
    )
    if id(page.context) in _no_js_contexts:
        violations = _run_axe_without_javascript(page, contrast)
    else:
        violations = _run_axe(page, contrast)
    if violations:
        lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            lines.extend(f"    at {n['target']}    {n['html']}" for n in v["nodes"])
        pytest.fail("\n".join(lines), pytrace=False)


def _assert_ok(response: Any, url: str) -> None:
    assert response is not None, f"no response for {url}"
    assert response.status < 400, f"{url} answered {response.status}"


def visit(page: Any, path: str, *, status: int | None = None) -> Any:
    """Open ``path`` (relative to the live server), then check the page."""
    _forget_console(page)
    response = page.goto(path)
    if status is None:
        _assert_ok(response, path)
    else:
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}, not {status}"
    check_page(page)
    return response


def click(page: Any, locator: Any) -> Any:
    """Click a link or button that loads a new page, wait for it, then check that page."""
    _forget_console(page)
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    _assert_ok(response, page.url)
    page.wait_for_load_state("load")
    check_page(page)
    return response


def submit(page: Any, button: str = "Continue") -> Any:
    """Press the form's button (by its accessible name) and check the page that comes back."""
    return click(page, page.get_by_role("button", name=button, exact=True))


def follow(page: Any, link: str) -> Any:
    """Follow the link named ``link`` (the first, if the page has it twice)."""
    return click(page, page.get_by_role("link", name=link, exact=True).first)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own implementation.

    allauth accepts only the current period's code (no tolerance), so a code computed in the
    last seconds of its period could expire before the browser sends it: wait for the next."""
    import time

    from allauth.mfa import app_settings

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def sign_in(page: Any, login: str, password: str, *, totp_secret: str | None = None) -> None:
    """Sign in through the real form (and the real security-code page when 2FA is set up)."""
    visit(page, "/account/login/")
    page.get_by_label("Username or email address", exact=True).fill(login)
    page.get_by_label("Passphrase", exact=True).fill(password)
    submit(page, "Sign in")
    if totp_secret is not None:
        assert page.url.endswith("/account/2fa/authenticate/"), page.url
        page.get_by_label("Code").fill(totp_code(totp_secret))
        submit(page, "Sign in")
        assert not page.url.endswith("/account/2fa/authenticate/"), "the security code was refused"


def signed_in(page: Any, person: Person) -> None:
    """Sign ``person`` in without the form, then open the home page, where the form lands.

    For journeys whose subject is not signing in: the sign-in page (and the security-code
    page, for staff) cost a page load and an axe run each, every time, and are tried
    themselves in test_two_factor, test_join, test_account_links, test_growing_up, test_home
    and the sweep. The session is made on the server (``force_login``, as the matrix's
    visitors are) and its cookie given to the page's context.

    It counts as past two-factor as the form leaves it: allauth asks for a code only while
    signing in, and StaffTwoFactorMiddleware asks only that staff have an authenticator
    (``person_with_role`` gives staff one). Staff without one are sent to set it up, by way
    of "confirm it is you" since this session records no way of signing in, and this fails;
    a page that asks "confirm it is you" later asks it here too."""
    assert person.user is not None
    client = Client()
    client.force_login(person.user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.alongside_server,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    visit(page, "/")
    # Sent on from the home page as the form would be, but never back to signing in.
    signing_in = {
        reverse(name)
        for name in (
            "account_login",
            "account_reauthenticate",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
        )
    }
    assert urlsplit(page.url).path not in signing_in, f"signed in, {person} was sent to {page.url}"
    assert page.get_by_role("link", name="Sign in", exact=True).count() == 0, (
        f"the browser did not carry {person}'s session"
    )


def heading(page: Any) -> str:
    return page.locator("h1").inner_text().strip()
