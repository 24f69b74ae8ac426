"""Run two writes at the same moment, each on its own database connection (PostgreSQL only).

``run_concurrently(first, second)`` makes the worst interleaving happen every time rather than
now and then: ``first`` runs inside a transaction and stays there, uncommitted, until ``second``
(in its own transaction, on its own connection) is either finished or waiting for one of
``first``'s locks. Only then does ``first`` commit. So ``second`` always checks the database
while ``first``'s change is invisible to it — exactly when a check-then-act goes wrong.

Use it with ``pytest.mark.django_db(transaction=True)`` (each thread's connection must see
committed rows) and ``needs_postgres`` (SQLite allows one writer at a time). How to use it is
in docs/testing.md, "Two writes at once".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one connection write at a time, so two writes can never race on it; "
    "run with DATABASE_URL=postgres://… to see this one",
)

# A safety net, not a measure: a test whose second write never blocks nor finishes fails
# after this long instead of hanging the run.
GIVE_UP_AFTER_SECONDS = 30.0
POLL_SECONDS = 0.01


@dataclass
class Outcome:
    """What one side returned, or the exception it raised."""

    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _is_waiting_for_a_lock(backend_pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [backend_pid])
        (waiting,) = cursor.fetchone()
    return bool(waiting)


def run_concurrently(first: Callable[[], Any], second: Callable[[], Any]) -> list[Outcome]:
    """Run ``first`` and ``second`` in two threads as described above; return both outcomes."""
    outcomes = [Outcome(), Outcome()]
    first_done = threading.Event()
    second_started = threading.Event()
    second_done = threading.Event()
    second_pid: list[int] = []

    def run_first() -> None:
        try:
            with transaction.atomic():
                try:
                    outcomes[0].result = first()
                finally:
                    first_done.set()
                    second_started.wait(GIVE_UP_AFTER_SECONDS)
                    _hold_until_second_is_blocked_or_done()
        except BaseException as error:  # reported to the test, not swallowed
            outcomes[0].error = error
        finally:
            connection.close()

    def _hold_until_second_is_blocked_or_done() -> None:
        waited = 0.0
        while not second_done.is_set() and not _is_waiting_for_a_lock(second_pid[0]):
            if waited > GIVE_UP_AFTER_SECONDS:
                raise TimeoutError("the second write neither finished nor waited for a lock")
            second_done.wait(POLL_SECONDS)
            waited += POLL_SECONDS

    def run_second() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
            first_done.wait(GIVE_UP_AFTER_SECONDS)
            second_started.set()
            with transaction.atomic():
                outcomes[1].result = second()
        except BaseException as error:  # reported to the test, not swallowed
            outcomes[1].error = error
        finally:
            second_done.set()
            second_started.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(GIVE_UP_AFTER_SECONDS * 2)
    assert not any(thread.is_alive() for thread in threads), "a write is still running"
    return outcomes
