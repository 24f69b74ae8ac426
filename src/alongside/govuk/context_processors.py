"""What the page shell needs on every page: navigation for this person, and the organisation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
        actor=actor if signed_in else None,
    )
    path = request.path
    home = items[0].href if items else "/"
    return {
        "navigation": [
            {
                **_label(item),
                "href": item.href,
                "active": path == item.href if item.href == home else path.startswith(item.href),
            }
            for item in items
        ],
        "shell_organisation": organisation,
    }


def _label(item: navigation.NavItem) -> dict[str, Any]:
    """The item's text, with its badge (if it has one) as a tag a screen reader reads as "3 new"."""
    if not item.badge:
        return {"text": item.text}
    return {
        "html": format_html(
            '{} <strong class="govuk-tag govuk-tag--red alongside-nav-badge">{}'
            '<span class="govuk-visually-hidden"> {}</span></strong>',
            item.text,
            item.badge,
            _("new"),
        )
    }
