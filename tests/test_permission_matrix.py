"""Every URL of the product against every kind of visitor, as the policy says.

The rows come from each domain's tests/<domain>/matrix.py (collected by tests/matrix.py), so a
URL without a row fails here by name, and so does a view that does not ask the policy (no
``requires``). Each URL is tried by everyone: anonymous, an admin of another organisation, a
holder of each role in the organisation, and a young person and a parent whose consent was
withdrawn. Whoever the policy refuses is refused, and their POST (with a body the view would
accept from someone allowed) leaves every row of every table exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from alongside.core.policy import Scope
from tests.matrix import (
    KeptWorld,
    Visitor,
    World,
    action_of,
    all_rows,
    all_views,
    build_world,
    kept_world,
    sweep_visitors,
)
from tests.snapshots import changed_tables, rows_snapshot, watching_writes

pytestmark = pytest.mark.django_db

ROWS = all_rows()
VIEWS = all_views()


@pytest.fixture(scope="module")
def kept(django_db_setup: None, django_db_blocker: Any) -> Iterator[KeptWorld]:
    """The world, built once per module (per xdist worker); each test rolls back to it."""
    with kept_world(django_db_blocker) as kept:
        yield kept


def test_every_url_has_a_matrix_row_and_asks_the_policy() -> None:
    missing = sorted(set(VIEWS) - set(ROWS))
    assert not missing, f"Add a Row to MATRIX_ROWS in tests/<domain>/matrix.py for: {missing}"
    stale = sorted(set(ROWS) - set(VIEWS))
    assert not stale, f"These matrix rows name no URL any more: {stale}"
    unguarded = sorted(name for name, view in VIEWS.items() if not action_of(view))
    assert not unguarded, f"These views do not ask the policy (wrap them in requires): {unguarded}"


def test_the_world_has_every_role_and_the_visitors_the_policy_must_refuse() -> None:
    # Given the world every URL is tried in
    world = build_world()
    labels = set(world.visitors)
    # Then it has a holder of every role, and the odd visitors
    assert {role.value for role in Role} <= labels
    assert {"anonymous", "admin of another organisation"} <= labels
    # And withdrawn consent really leaves a participant holding no role in effect
    for visitor in world.visitors.values():
        if visitor.withdrawn:
            assert visitor.person is not None
            assert not actor_for_person(visitor.person).roles_in(world.organisation.pk)


def _refused(response: Any) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs=ROWS[name].kwargs(world))


@pytest.mark.parametrize("name", sorted(ROWS))
def test_url_allows_exactly_whom_the_policy_allows(name: str, kept: KeptWorld) -> None:
    # Given a page, the action it is guarded by, and the world it lives in
    action = action_of(VIEWS[name])
    assert action is not None, f"{name} does not ask the policy"
    world = kept.fresh()
    row = ROWS[name]
    url = _url(name, world)
    body = row.body(world) if row.body else {}

    def allowed(visitor: Visitor) -> bool:
        return visitor.allowed(action) and visitor.label not in row.also_refuses

    # Those refused go first, so one snapshot shows that none of them changed anything
    # (an allowed visit may change rows: opening a person's page is written to the audit trail).
    refused = [visitor for visitor in world.visitors.values() if not allowed(visitor)]
    # Everyone is signed in already (the kept world's sessions), before the snapshot.
    before = rows_snapshot()
    for visitor in refused:
        # When a visitor the policy refuses opens the page, and sends the valid body
        client = kept.client(visitor)
        with watching_writes() as writes:
            response = client.get(url)
            assert response.status_code != 500, f"{name} crashed for {visitor.label}"
            assert _refused(response), f"{name} let {visitor.label} in ({response.status_code})"
            posted = client.post(url, body)
            assert _refused(posted), f"{name} accepted a POST from {visitor.label}"
        # Then nothing changed. Rows change only by a statement that writes, so every row of
        # every table is compared after a visitor whose requests ran one (outside the
        # sessions); after the last refused visitor, they are compared whatever ran.
        if writes or visitor is refused[-1]:
            changed = changed_tables(before, rows_snapshot())
            assert not changed, f"{name} changed {changed} for {visitor.label} although refused"
    for visitor in world.visitors.values():
        if not allowed(visitor):
            continue
        # When a visitor the policy lets in opens the page
        response = kept.client(visitor).get(url)
        # Then they get in
        assert response.status_code != 500, f"{name} crashed for {visitor.label}"
        if action.scope is Scope.PUBLIC:
            # A public page may still send you on (allauth's 2FA step needs a sign-in first).
            assert response.status_code != 403, f"{name} refused {visitor.label}"
        else:
            assert not _refused(response), (
                f"{name} refused {visitor.label} ({response.status_code})"
            )


BODIES = sorted(name for name, row in ROWS.items() if row.body is not None)


@pytest.mark.parametrize("name", BODIES)
def test_the_body_refused_above_is_one_the_view_accepts(name: str, kept: KeptWorld) -> None:
    # Given the POST body the matrix sends to the visitors it refuses
    world = kept.fresh()
    row = ROWS[name]
    action = action_of(VIEWS[name])
    assert action is not None
    assert row.body is not None
    url = _url(name, world)
    visitor = sweep_visitors(row, action, world)[0]
    client = kept.client(visitor)
    if row.prepare is not None:
        row.prepare(world, client)
    before = rows_snapshot()
    # When someone the policy allows sends it
    response = client.post(url, row.body(world))
    # Then it is accepted: no form error, and the data changed (so the refusals were real)
    assert response.status_code in (200, 302), (name, response.status_code)
    assert b"govuk-error-summary" not in response.content, response.content.decode()[:3000]
    if row.body_changes_rows:
        assert changed_tables(before, rows_snapshot()), f"{name}: the body changed nothing"
    else:
        assert response.status_code == 302, f"{name}: the body was not accepted"
