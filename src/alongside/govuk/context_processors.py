"""What the page shell needs on every page: navigation for this person, and the organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.core.policy import policy


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    active: bool


def _organisation_in_url(request: HttpRequest) -> Any:
    return getattr(request, "organisation", None)


def shell(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    path = request.path
    items: list[tuple[str, str]] = [(_("Home"), reverse("home:index"))]
    organisation = _organisation_in_url(request)
    if actor is None or not actor.is_authenticated:
        items += [
            (_("Join with a code"), reverse("accounts:join-code")),
            (_("Sign in"), reverse("account_login")),
        ]
    else:
        if organisation is None and actor.is_staff:
            staff_orgs = actor.organisations_where("accounts.staff_dashboard.view")
            organisation = staff_orgs[0] if len(staff_orgs) == 1 else None
        if organisation is not None:
            slug = organisation.slug
            if policy.allows(actor, "accounts.person.view", organisation.pk):
                items.append((_("People"), reverse("accounts:person-list", args=[slug])))
            if policy.allows(actor, "accounts.join_code.manage", organisation.pk):
                items.append((_("Join codes"), reverse("accounts:join-code-list", args=[slug])))
            if policy.allows(actor, "core.audit.view", organisation.pk):
                items.append((_("Audit trail"), reverse("accounts:audit-list", args=[slug])))
        items += [
            (_("My account"), reverse("accounts:my-account")),
            (_("Sign out"), reverse("account_logout")),
        ]
    home = reverse("home:index")
    navigation = [
        NavItem(text, href, active=(path == href if href == home else path.startswith(href)))
        for text, href in items
    ]
    return {
        "navigation": [
            {"text": item.text, "href": item.href, "active": item.active} for item in navigation
        ],
        "shell_organisation": organisation,
    }
