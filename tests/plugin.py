"""The pytest plugin of this suite, loaded with ``-p tests.plugin`` (pyproject's addopts).

It is imported before pytest-django reads the settings, which conftest.py files are not: the
settings read ALONGSIDE_MODE at import (and production, the default, refuses to start without
a SECRET_KEY), so this is what lets plain ``pytest`` run without ALONGSIDE_MODE=test.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("ALONGSIDE_MODE", "test")
# A test database need not survive a crash, so on PostgreSQL a commit does not wait for its
# write-ahead log to reach the disk (a setting of the session, which libpq reads from
# PGOPTIONS). Nothing is seen differently (what is committed is visible at once, to the live
# server too); only the wait goes: 4 to 7 ms a commit here, and the live server, the browser
# tests' worlds (built outside a transaction) and the migrations commit thousands of times.
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")


_DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def _database_free(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is None and not fixtures & _DB_FIXTURES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Leave out the tests that use no database: CI's PostgreSQL leg, as its SQLite "
        "leg has run them already and a second database changes nothing they prove.",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--database-tests-only"):
        free = [item for item in items if _database_free(item)]
        if free:
            config.hook.pytest_deselected(items=free)
            items[:] = [item for item in items if not _database_free(item)]
    # Slow database-free tests first. pytest-xdist (make pytest: --dist load --maxschedchunk 1)
    # then hands the longest tests out first, one at a time, to whichever worker is free, so no
    # worker is left alone with a half-minute test at the end. The sort is stable and moves no
    # database test, so those keep the order pytest-django gave them.
    items.sort(key=lambda item: not (item.get_closest_marker("slow") and _database_free(item)))
    _one_demo_build_first(items)


def _one_demo_build_first(items: list[pytest.Item]) -> None:
    """The README's tests share one demo, built by the first worker to need it while any other
    waits on its lock (tests/test_readme_commands.py). Sent out together, they kept both
    workers on it for a minute, one building and one waiting; so the first goes out before
    everything, and the others after the rest of the slow tests, when the demo is built."""
    needing = [
        item
        for item in items
        if item.nodeid.startswith("tests/test_readme_commands.py")
        and "demo" in getattr(item, "fixturenames", ())
    ]
    if len(needing) < 2:
        return
    later = {id(item) for item in needing[1:]}
    rest = [item for item in items if id(item) not in later]
    slow = sum(1 for item in rest if item.get_closest_marker("slow") and _database_free(item))
    rest.remove(needing[0])
    items[:] = [needing[0], *rest[: slow - 1], *needing[1:], *rest[slow - 1 :]]


# Under pytest-xdist the browser tests are skipped in the workers, so tests/system/conftest.py's
# warning that they did not run (its terminal summary, fed by what its own process saw) never
# reaches the terminal. The controller collects the workers' reasons and gives the warning.
_BROWSER_NOT_RUN = "BROWSER TESTS NOT RUN: "
_browser_reasons: list[str] = []


def _is_xdist_controller(config: pytest.Config) -> bool:
    return config.pluginmanager.hasplugin("dsession")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not _browser_reasons and _BROWSER_NOT_RUN in str(report.longrepr):
        message = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
        _browser_reasons.append(message.partition(_BROWSER_NOT_RUN)[2] or message)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not (_browser_reasons and _is_xdist_controller(config)):
        return
    line = "!" * 78
    terminalreporter.write_line("")
    for text in (
        line,
        "!!  THE BROWSER TESTS (tests/system) DID NOT RUN",
        f"!!  {_browser_reasons[0]}",
        "!!  Accessibility and the real journeys were NOT checked. Under CI=true this fails.",
        line,
    ):
        terminalreporter.write_line(text, red=True, bold=True)
