"""What the page shell needs on every page: navigation for this person, and the organisation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alongside.core.policy import policy
from alongside.govuk import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    signed_in = actor is not None and actor.is_authenticated
    organisation = getattr(request, "organisation", None)
    if organisation is None and signed_in:
        organisation = navigation.default_organisation(actor)

    def allows(action: str) -> bool:
        if actor is None or not signed_in:
            return False
        return policy.allows(actor, action, organisation.pk if organisation else None)

    items = navigation.items_for(
        signed_in=signed_in,
        organisation_slug=organisation.slug if organisation is not None else None,
        allows=allows,
    )
    path = request.path
    home = items[0][1] if items else "/"
    return {
        "navigation": [
            {
                "text": text,
                "href": href,
                "active": path == href if href == home else path.startswith(href),
            }
            for text, href in items
        ],
        "shell_organisation": organisation,
    }
