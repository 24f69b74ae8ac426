"""Fixtures every test can use: people in organisations with each role, and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from tests import factories, flush
from tests import hypothesis_profiles as _hypothesis_profiles  # noqa: F401  (loads the profile)
from tests.snapshots import changed_tables, rows_snapshot

flush.install()


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    # Rate limits live in the cache; one test's sign-ins must not slow down the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after() -> Iterator[None]:
    # A request in Welsh leaves Welsh active in the thread (LocaleMiddleware activates, nothing
    # deactivates), so a later test that builds a form outside a request read Welsh messages
    # whenever xdist happened to run it next (test_signin_edges failed so).
    yield
    translation.deactivate()


@pytest.fixture
def organisation(db: None) -> Organisation:
    return factories.OrganisationFactory(slug="riverside", name="Riverside Youth Service")


@pytest.fixture
def other_organisation(db: None) -> Organisation:
    return factories.OrganisationFactory(slug="elsewhere", name="Elsewhere School")


@pytest.fixture
def person_with_role(organisation: Organisation) -> Callable[..., Person]:
    """Make a person holding ``role`` in ``organisation`` (staff get TOTP set up)."""

    def make(role: str, org: Organisation | None = None, **kwargs: object) -> Person:
        return factories.person_with_role(role, org or organisation, **kwargs)

    return make


@pytest.fixture
def admin(person_with_role: Callable[..., Person]) -> Person:
    return person_with_role(Role.ORG_ADMIN)


@pytest.fixture
def worker(person_with_role: Callable[..., Person]) -> Person:
    return person_with_role(Role.WORKER)


@pytest.fixture
def young_person(person_with_role: Callable[..., Person]) -> Person:
    return person_with_role(Role.YOUNG_PERSON)


@pytest.fixture
def client_for() -> Callable[[Person | None], Client]:
    """A test client signed in as ``person`` (None: anonymous), past two-factor."""

    def make(person: Person | None) -> Client:
        client = Client()
        if person is not None:
            assert person.user is not None
            client.force_login(person.user)
        return client

    return make


@pytest.fixture
def totp_ready() -> Callable[[Person], None]:
    def make(person: Person) -> None:
        factories.give_totp(person)

    return make


@pytest.fixture
def unchanged(db: None) -> Callable[[], AbstractContextManager[None]]:
    """``with unchanged(): ...`` fails if the block added, changed or removed any row."""

    @contextmanager
    def check() -> Iterator[None]:
        before = rows_snapshot()
        yield
        changed = changed_tables(before, rows_snapshot())
        assert not changed, f"rows changed in {changed}"

    return check
