"""The policy registry: which role may do which action, in which organisation (no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.accounts.roles import Role
from alongside.core.policy import Policy, Scope, policy


@dataclass
class FakeActor:
    is_authenticated: bool = True
    roles: dict[int, frozenset[str]] = field(default_factory=dict)

    def roles_in(self, organisation_id: int) -> frozenset[str]:
        return self.roles.get(organisation_id, frozenset())


ANONYMOUS = FakeActor(is_authenticated=False)
NOBODY_SPECIAL = FakeActor()
WORKER_IN_1 = FakeActor(roles={1: frozenset({"worker"})})


def test_registering_an_action_twice_fails():
    # Given a policy with one action
    rules = Policy()
    rules.register("x.thing.do", description="Do the thing.", roles={"worker"})
    # When the same name is registered again
    # Then it is refused, so two domains cannot silently disagree about one action
    with pytest.raises(ValueError, match=re.escape("The action 'x.thing.do' is registered twice.")):
        rules.register("x.thing.do", description="Again.", roles={"org_admin"})
    assert rules.get("x.thing.do").roles == frozenset({"worker"})


def test_an_organisation_action_needs_at_least_one_role():
    rules = Policy()
    with pytest.raises(
        ValueError, match=re.escape("The action 'x.thing.do' needs at least one role.")
    ):
        rules.register("x.thing.do", description="Do the thing.")
    with pytest.raises(KeyError):
        rules.get("x.thing.do")


def test_public_and_signed_in_actions_need_no_roles():
    rules = Policy()
    public = rules.register("x.page.view", description="Read.", scope=Scope.PUBLIC)
    own = rules.register("x.own.manage", description="Mine.", scope=Scope.SIGNED_IN)
    assert public.roles == frozenset()
    assert own.roles == frozenset()


def test_roles_are_stored_as_plain_strings():
    rules = Policy()
    action = rules.register("x.thing.do", description="Do.", roles=[Role.WORKER, Role.ORG_ADMIN])
    assert action.roles == frozenset({"worker", "org_admin"})
    assert all(type(role) is str for role in action.roles)
    assert str(action) == "x.thing.do"


def test_public_actions_allow_everyone():
    rules = Policy()
    rules.register("x.page.view", description="Read.", scope=Scope.PUBLIC)
    for actor in (ANONYMOUS, NOBODY_SPECIAL, WORKER_IN_1):
        assert rules.allows(actor, "x.page.view")
        assert rules.allows(actor, "x.page.view", 1)


def test_signed_in_actions_allow_anyone_signed_in_and_nobody_else():
    rules = Policy()
    rules.register("x.own.manage", description="Mine.", scope=Scope.SIGNED_IN)
    assert not rules.allows(ANONYMOUS, "x.own.manage")
    assert rules.allows(NOBODY_SPECIAL, "x.own.manage")
    assert rules.allows(WORKER_IN_1, "x.own.manage", 2)


def test_organisation_actions_need_a_matching_role_in_that_organisation():
    # Given an action for workers
    rules = Policy()
    action = rules.register("x.people.view", description="See people.", roles={"worker"})
    # Then a worker may in their own organisation
    assert rules.allows(WORKER_IN_1, action, 1)
    # But not in another organisation, nor with no organisation named
    assert not rules.allows(WORKER_IN_1, action, 2)
    assert not rules.allows(WORKER_IN_1, action)
    assert not rules.allows(WORKER_IN_1, action, None)
    # And someone signed in with no role there, or anonymous, may not
    assert not rules.allows(NOBODY_SPECIAL, action, 1)
    assert not rules.allows(ANONYMOUS, action, 1)


def test_anonymous_actor_is_refused_before_roles_are_asked():
    class Anonymous:
        is_authenticated = False

        def roles_in(self, organisation_id: int) -> frozenset[str]:  # pragma: no cover
            raise AssertionError("roles of an anonymous visitor should not be looked up")

    rules = Policy()
    rules.register("x.people.view", description="See people.", roles={"worker"})
    assert not rules.allows(Anonymous(), "x.people.view", 1)


def test_asking_about_an_unknown_action_fails_loudly():
    with pytest.raises(KeyError):
        Policy().allows(NOBODY_SPECIAL, "x.no.such.action", 1)


def test_actions_are_listed_by_name():
    rules = Policy()
    for name in ("b.x.y", "a.x.y", "c.x.y"):
        rules.register(name, description=name, scope=Scope.PUBLIC)
    assert [action.name for action in rules.actions()] == ["a.x.y", "b.x.y", "c.x.y"]


def test_the_product_policy_only_names_real_roles():
    # Every action the domains registered uses roles that exist, and has a description
    known = {role.value for role in Role}
    assert policy.actions()
    for action in policy.actions():
        assert action.roles <= known, action.name
        assert action.description.endswith("."), action.name
        if action.scope is Scope.ORGANISATION:
            assert action.roles, action.name


ROLE_NAMES = [role.value for role in Role]
role_sets = st.frozensets(st.sampled_from(ROLE_NAMES))
organisation_ids = st.integers(min_value=1, max_value=5)


@given(
    held=st.dictionaries(organisation_ids, role_sets, max_size=5),
    needed=role_sets.filter(bool),
    organisation_id=organisation_ids,
)
def test_allows_iff_the_actors_roles_there_meet_the_actions_roles(held, needed, organisation_id):
    # Given an organisation action for some roles, and a signed-in actor holding some roles
    rules = Policy()
    action = rules.register("x.thing.do", description="Do.", roles=needed)
    actor = FakeActor(roles=held)
    # Then it is allowed exactly when the actor holds one of those roles in that organisation
    expected = bool(held.get(organisation_id, frozenset()) & needed)
    assert rules.allows(actor, action, organisation_id) is expected
    assert rules.allows(actor, "x.thing.do", organisation_id) is expected
    # And never without an organisation, nor for an anonymous visitor with the same roles
    assert rules.allows(actor, action) is False
    assert (
        rules.allows(FakeActor(is_authenticated=False, roles=held), action, organisation_id)
        is False
    )
