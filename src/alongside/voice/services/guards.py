"""Checks every voice service makes before it writes."""

from __future__ import annotations

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.core.errors import NotPermitted
from alongside.core.policy import Action


def require(actor: Actor, action: Action, organisation: Organisation) -> None:
    """The policy again, inside the service, even if a view forgot to ask."""
    if not actor.can(action, organisation):
        raise NotPermitted("You do not have permission to do this in this organisation.")
