"""The organisation's earning rules as pages and services read them. Reading never makes rows:
a young person's page shows the defaults until an admin saves the rules."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.credits.models import ActivityRule, CreditSettings
from alongside.credits.sources import earning_sources


@dataclass(frozen=True)
class KindRule:
    """What one kind earns: a kind with no row earns at 60 (one credit an hour)."""

    earns: bool = True
    credit_minutes_per_hour: int = 60


def kind_words() -> dict[str, str]:
    """Every kind of activity a registered source records, with its words, and the time young
    people claim (credits' own kind: claims are approved from their own queue)."""
    return {**earning_sources.kinds(), "claim": _("Time young people claimed")}


def kind_rules(*, organisation: Organisation) -> dict[str, KindRule]:
    """The rule for every registered kind (and any kind an old rule names)."""
    rules = {kind: KindRule() for kind in kind_words()}
    for row in ActivityRule.objects.for_organisation(organisation):
        rules[row.kind] = KindRule(row.earns, row.credit_minutes_per_hour)
    return rules


def settings_of(*, organisation: Organisation) -> CreditSettings | None:
    """The saved settings, or None while the defaults stand."""
    return CreditSettings.objects.for_organisation(organisation).first()
