"""This domain's items in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.accounts import rules
from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.govuk.navigation import Audience, NavEntry, register, set_default_organisation


def _only_staff_organisation(actor: Actor) -> Organisation | None:
    """Staff of exactly one organisation see its items on every page, not only on its own."""
    if not actor.is_staff:
        return None
    organisations = actor.organisations_where(rules.STAFF_DASHBOARD)
    return organisations[0] if len(organisations) == 1 else None


def register_navigation() -> None:
    for entry in (
        NavEntry(_("Join with a code"), "accounts:join-code", Audience.ANONYMOUS, order=10),
        NavEntry(_("Sign in"), "account_login", Audience.ANONYMOUS, order=90),
        NavEntry(
            _("People"), "accounts:person-list", Audience.ORGANISATION, rules.PEOPLE_VIEW.name, 20
        ),
        NavEntry(
            _("Join codes"),
            "accounts:join-code-list",
            Audience.ORGANISATION,
            rules.JOIN_CODE_MANAGE.name,
            30,
        ),
        NavEntry(
            _("Audit trail"),
            "accounts:audit-list",
            Audience.ORGANISATION,
            rules.AUDIT_VIEW.name,
            80,
        ),
        NavEntry(_("My account"), "accounts:my-account", Audience.SIGNED_IN, order=90),
        NavEntry(_("Sign out"), "account_logout", Audience.SIGNED_IN, order=95),
    ):
        register(entry)
    set_default_organisation(_only_staff_organisation)
