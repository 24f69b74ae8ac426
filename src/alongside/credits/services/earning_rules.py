"""An organisation's rules for earning time credits: rounding, the weekly cap, and for each
activity kind whether it earns and at what rate. Read through ``credit_settings_get``, which
makes the row with the defaults the first time; changed only through ``credit_rules_change``."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.credits.models import ActivityRule, CreditSettings, Rounding
from alongside.credits.rules import CREDITS_MANAGE
from alongside.credits.selectors.earning_rules import KindRule, kind_words

MAX_RATE = 600
MAX_CAP = 7 * 24 * 60


def credit_settings_get(*, organisation: Organisation) -> CreditSettings:
    """The organisation's settings, made with the defaults on first read (two first reads at
    once make one row: the one-to-one constraint decides)."""
    found, _created = CreditSettings.objects.get_or_create(organisation=organisation)
    return found


@transaction.atomic
def credit_rules_change(
    *,
    actor: Actor,
    organisation: Organisation,
    rounding: str,
    weekly_cap_minutes: int | None,
    kinds: Mapping[str, KindRule],
) -> CreditSettings:
    """Set the rules (``kind_rules`` reads them); nothing is saved unless all is acceptable."""
    if not actor.can(CREDITS_MANAGE, organisation):
        raise NotPermitted(_("You do not have permission to do this in this organisation."))
    if rounding not in Rounding.values:
        raise ValidationFailed(_("Select how credits are rounded."), field="rounding")
    if weekly_cap_minutes is not None and not 1 <= weekly_cap_minutes <= MAX_CAP:
        raise ValidationFailed(
            _("The most a person can earn in a week must be from 1 minute to 168 hours."),
            field="weekly_cap",
        )
    known = set(kind_words())
    for kind, rule in kinds.items():
        if kind not in known:
            raise ValidationFailed(_("That kind of activity is not one credits knows."))
        if not 0 <= rule.credit_minutes_per_hour <= MAX_RATE:
            raise ValidationFailed(
                _("The rate must be from 0 to %(most)s credit minutes an hour.")
                % {"most": MAX_RATE},
                field=f"rate_{kind}",
            )
    found = CreditSettings.objects.select_for_update().get(
        pk=credit_settings_get(organisation=organisation).pk
    )
    found.rounding = rounding
    found.weekly_cap_minutes = weekly_cap_minutes
    found.save(update_fields=["rounding", "weekly_cap_minutes", "updated_at"])
    for kind, rule in kinds.items():
        ActivityRule.objects.update_or_create(
            organisation=organisation,
            kind=kind,
            defaults={"earns": rule.earns, "credit_minutes_per_hour": rule.credit_minutes_per_hour},
        )
    audit_record(
        action="credits.rules.change",
        summary="The rules for time credits were changed",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=found,
        data={
            "rounding": rounding,
            "weekly_cap_minutes": weekly_cap_minutes,
            "kinds": {k: [r.earns, r.credit_minutes_per_hour] for k, r in kinds.items()},
        },
    )
    return found
