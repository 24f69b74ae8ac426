"""The one policy: which role may do which action, within an organisation.

Each domain declares its actions in its own ``rules.py`` by calling ``policy.register``; views,
API endpoints and templates ask ``policy.allows`` (usually through ``actor.can``). Nothing
checks roles anywhere else, so this registry *is* the permission model, and the permission
matrix test reads it to know what every URL should allow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Scope(Enum):
    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in person, about themselves
    ORGANISATION = "organisation"  # a role within the organisation the object belongs to


@dataclass(frozen=True)
class Action:
    name: str
    scope: Scope
    roles: frozenset[str]
    description: str

    def __str__(self) -> str:
        return self.name


class Actor(Protocol):
    @property
    def is_authenticated(self) -> bool: ...

    def roles_in(self, organisation_id: int) -> frozenset[str]: ...


class Policy:
    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def register(
        self,
        name: str,
        *,
        description: str,
        scope: Scope = Scope.ORGANISATION,
        roles: Iterable[str] = (),
    ) -> Action:
        if name in self._actions:
            raise ValueError(f"The action {name!r} is registered twice.")
        roles = frozenset(str(role) for role in roles)
        if scope is Scope.ORGANISATION and not roles:
            raise ValueError(f"The action {name!r} needs at least one role.")
        action = Action(name=name, scope=scope, roles=roles, description=description)
        self._actions[name] = action
        return action

    def get(self, name: str) -> Action:
        return self._actions[name]

    def actions(self) -> list[Action]:
        return sorted(self._actions.values(), key=lambda action: action.name)

    def allows(
        self, actor: Actor, action: Action | str, organisation_id: int | None = None
    ) -> bool:
        if isinstance(action, str):
            action = self._actions[action]
        if action.scope is Scope.PUBLIC:
            return True
        if not actor.is_authenticated:
            return False
        if action.scope is Scope.SIGNED_IN:
            return True
        if organisation_id is None:
            return False
        return bool(actor.roles_in(organisation_id) & action.roles)


policy = Policy()
