"""The earning rules in words: what a worker reads beside a proposed credit, and what a young
person reads on "How you earn credits". Kept apart from the pure rules, which know no words."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from alongside.core.durations import time_words
from alongside.credits.earning import Rule

ROUNDING_WORDS = {
    "exact": N_("Credits are given to the minute."),
    "down_quarter": N_("Credits are rounded down to the quarter hour."),
    "nearest_quarter": N_("Credits are rounded to the nearest quarter hour."),
    "down_hour": N_("Credits are rounded down to the hour."),
}


def rate_words(credit_minutes_per_hour: int) -> str:
    """'One credit for each hour' at 60; otherwise the credit an hour gives, in time."""
    if credit_minutes_per_hour == 60:
        return _("One credit for each hour")
    if credit_minutes_per_hour == 0:
        return _("No credits")
    return _("%(credit)s of credit for each hour") % {"credit": time_words(credit_minutes_per_hour)}


def rounding_words(rounding: str) -> str:
    return _(ROUNDING_WORDS.get(rounding, ROUNDING_WORDS["exact"]))


def cap_words(weekly_cap_minutes: int | None) -> str:
    if weekly_cap_minutes is None:
        return _("There is no limit on how many credits you can earn in a week.")
    return _("You can earn up to %(cap)s of credits in a week (Monday to Sunday).") % {
        "cap": time_words(weekly_cap_minutes)
    }


def rule_words(rule: str, *, credit_minutes_per_hour: int = 60) -> str:
    """Why a credit is what it is, for the approve pages."""
    if rule == Rule.SANCTION.value:
        return _("No credits: time ordered as a sanction does not earn credits")
    if rule == Rule.REQUIREMENT.value:
        return _("No credits: time someone was required to give does not earn credits")
    if rule == Rule.KIND_NOT_CREDITED.value:
        return _("No credits: this kind of activity does not earn credits here")
    if rule == Rule.WEEKLY_CAP.value:
        return _("Only what is left of this week's limit")
    if rule == Rule.ROUNDED.value:
        return _("%(rate)s, rounded") % {"rate": rate_words(credit_minutes_per_hour)}
    return rate_words(credit_minutes_per_hour)
