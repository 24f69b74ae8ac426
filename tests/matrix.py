"""The HTML permission matrix's vocabulary: the world every URL is tried in, the visitors who
try it, and the rows each domain contributes.

Each domain's test folder has a ``matrix.py`` with ``MATRIX_ROWS``, one ``Row`` per URL name it
owns: how to build the URL's arguments in a ``World``, a valid POST body, and how the page
sweep should open it. ``all_rows()`` collects every ``tests/*/matrix.py``; the matrix test
(tests/test_permission_matrix.py) and the browser sweep (tests/system/test_sweep.py) both read
it, so a new URL is tried by every visitor and loaded in Chromium once its row exists, and
fails both until it does.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.core.policy import Action, Scope
from tests import factories

# The API has its own matrix (tests/api/test_api_permission_matrix.py) over its OpenAPI schema.
SEPARATELY_TESTED_NAMESPACES = {"api"}

ANONYMOUS = "anonymous"
OTHER_ORGANISATION = "admin of another organisation"
WITHDRAWN = " (consent withdrawn)"


def long_name(label: str) -> str:
    """A 60-character display name with no space in it: the longest a person may choose, so a
    page that lets user-entered text push it sideways fails the sweep."""
    stem = "".join(part.capitalize() for part in label.split("_"))
    return (stem + "Withaverylongnamewithnospaces" * 3)[:60]


@dataclass(frozen=True)
class Visitor:
    label: str
    person: Person | None
    role: Role | None = None  # held in the world's organisation
    withdrawn: bool = False  # a participant whose consent to take part was withdrawn

    def allowed(self, action: Action) -> bool:
        """What the policy promises this visitor, worked out from the action alone."""
        if action.scope is Scope.PUBLIC:
            return True
        if self.label == ANONYMOUS:
            return False
        if action.scope is Scope.SIGNED_IN:
            return True
        return self.role is not None and self.role in action.roles and not self.withdrawn


@dataclass
class World:
    """An organisation with one person per role (and the odd visitors), another organisation,
    and room for what each row builds (``objects``)."""

    organisation: Organisation
    other: Organisation
    visitors: dict[str, Visitor]
    objects: dict[str, Any] = field(default_factory=dict)

    def person(self, label: str) -> Person:
        person = self.visitors[label].person
        assert person is not None
        return person


def build_world() -> World:
    organisation = factories.OrganisationFactory(slug="riverside", name="Riverside Youth Service")
    other = factories.OrganisationFactory(slug="elsewhere", name="Elsewhere School")
    visitors = {ANONYMOUS: Visitor(ANONYMOUS, None)}
    outsider = factories.person_with_role(Role.ORG_ADMIN, other, display_name=long_name("outsider"))
    visitors[OTHER_ORGANISATION] = Visitor(OTHER_ORGANISATION, outsider)
    for role in Role:
        person = factories.person_with_role(role, organisation, display_name=long_name(role))
        visitors[role.value] = Visitor(role.value, person, role)
    for role in sorted(PARTICIPANT_ROLES):
        label = role + WITHDRAWN
        person = factories.person_with_role(role, organisation, display_name=long_name(role))
        Consent.objects.filter(person=person).update(withdrawn_at=timezone.now())
        visitors[label] = Visitor(label, person, Role(role), withdrawn=True)
    return World(organisation=organisation, other=other, visitors=visitors)


@dataclass(frozen=True)
class KeptWorld:
    """A world built once and kept for many tests, each in its own rolled-back transaction on
    top of it, with every visitor already signed in (their session cookies).

    ``fresh()`` gives each test a World of its own: its people read again from the database
    (so nothing one test did to them in memory reaches the next) and an empty ``objects``."""

    world: World
    cookies: dict[str, str]

    def fresh(self) -> World:
        people = Person.objects.select_related("user").in_bulk(
            [v.person.pk for v in self.world.visitors.values() if v.person is not None]
        )
        organisations = Organisation.objects.in_bulk(
            [self.world.organisation.pk, self.world.other.pk]
        )
        return World(
            organisation=organisations[self.world.organisation.pk],
            other=organisations[self.world.other.pk],
            visitors={
                label: replace(v, person=people[v.person.pk] if v.person else None)
                for label, v in self.world.visitors.items()
            },
        )

    def client(self, visitor: Visitor) -> Client:
        """A new test client signed in as ``visitor`` (anonymous: none), past two-factor."""
        client = Client()
        if visitor.label in self.cookies:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.cookies[visitor.label]
        return client


@contextmanager
def kept_world(db_blocker: Any) -> Iterator[KeptWorld]:
    """``build_world()`` once, with everyone signed in, inside a transaction rolled back at the
    end. For a module-scoped fixture (``db_blocker`` is pytest-django's
    ``django_db_blocker``): pytest-django's per-test transactions then become savepoints
    inside this one, so each test starts from exactly this world and leaves nothing behind.
    Building the world and signing 14 visitors in took about as long as a matrix test's
    requests on PostgreSQL, for every URL."""
    with db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            world = build_world()
            cookies = {}
            for visitor in world.visitors.values():
                if visitor.person is not None and visitor.person.user is not None:
                    client = Client()
                    client.force_login(visitor.person.user)
                    cookies[visitor.label] = client.cookies[settings.SESSION_COOKIE_NAME].value
        except BaseException:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
            raise
    try:
        yield KeptWorld(world, cookies)
    finally:
        with db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def org(world: World) -> dict[str, Any]:
    return {"org": world.organisation.slug}


def no_kwargs(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    """One URL name in the matrix.

    ``kwargs`` builds the URL's arguments (making what the page is about, if need be);
    ``body`` is a POST body the view accepts from someone allowed, so a refusal is never just
    a form error. The matrix proves it is accepted: it changes rows or, with
    ``body_changes_rows=False`` for what only touches the session, it ends in a redirect.
    ``page`` is False for what a browser does not show as a page (JSON, downloads,
    redirects). ``sweep_as`` names the visitors the sweep opens it as (default: the first
    allowed); ``prepare`` takes the steps before the page (a test client signed in as that
    visitor, whose cookies the browser then uses). ``also_refuses`` names visitors the
    policy lets in whom the view refuses for a rule of its own (a parent's consent link is
    not for a young person); they are checked like any refused visitor.
    """

    url: str
    kwargs: Callable[[World], dict[str, Any]] = no_kwargs
    body: Callable[[World], dict[str, Any]] | None = None
    page: bool = True
    sweep_as: tuple[str, ...] = ()
    body_changes_rows: bool = True
    also_refuses: tuple[str, ...] = ()
    prepare: Callable[[World, Client], None] | None = None


@dataclass(frozen=True)
class PageState:
    """A page in a state its matrix row does not reach (a project withdrawn, "you cannot write
    up a project now"), for the sweep to open in Chromium as well: each domain lists them in
    ``PAGE_STATES`` beside its ``MATRIX_ROWS``. ``kwargs`` builds the world the state needs
    and the URL's arguments; ``query`` is added to the address as it is."""

    label: str
    url: str
    kwargs: Callable[[World], dict[str, Any]]
    visitor: str
    query: str = ""


def _walk(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SEPARATELY_TESTED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        else:
            assert entry.name, f"URL {entry.pattern} has no name, so it cannot be in the matrix."
            yield f"{namespace}{entry.name}", entry.callback


def all_views() -> dict[str, Any]:
    """Every named URL of the HTML site and its view."""
    return dict(_walk(get_resolver().url_patterns))


def action_of(view: Any) -> Action | None:
    """The policy action ``requires`` put on the view."""
    return getattr(view, "alongside_action", None)


def matrix_modules() -> list[Any]:
    """Each domain's tests/<domain>/matrix.py, and tests/<domain>/matrix_*.py where a domain
    splits its rows by sub-area."""
    here = Path(__file__).parent
    paths = sorted([*here.glob("*/matrix.py"), *here.glob("*/matrix_*.py")])
    return [importlib.import_module(f"tests.{p.parent.name}.{p.stem}") for p in paths]


def all_rows() -> dict[str, Row]:
    """Every ``MATRIX_ROWS`` of ``matrix_modules()``, by URL name (a name declared twice fails)."""
    rows: dict[str, Row] = {}
    for module in matrix_modules():
        for row in module.MATRIX_ROWS:
            assert row.url not in rows, f"{row.url} has a matrix row in two places"
            rows[row.url] = row
    return rows


def all_page_states() -> dict[str, PageState]:
    """Every ``PAGE_STATES`` of ``matrix_modules()``, by label (a label used twice fails)."""
    states: dict[str, PageState] = {}
    for module in matrix_modules():
        for state in getattr(module, "PAGE_STATES", ()):
            assert state.label not in states, f"{state.label} is a page state twice"
            states[state.label] = state
    return states


VISITOR_ORDER = [ANONYMOUS, *(role.value for role in Role)]


def sweep_visitors(row: Row, action: Action, world: World) -> list[Visitor]:
    """Whom the sweep opens a page as: the row's choice, else the first visitor allowed in."""
    if row.sweep_as:
        chosen = [world.visitors[label] for label in row.sweep_as]
        refused = [v.label for v in chosen if not v.allowed(action)]
        assert not refused, f"{row.url}: the policy does not let {refused} open it"
        return chosen
    return [next(world.visitors[v] for v in VISITOR_ORDER if world.visitors[v].allowed(action))]


def client_for(visitor: Visitor) -> Client:
    client = Client()
    if visitor.person is not None and visitor.person.user is not None:
        client.force_login(visitor.person.user)
    return client
