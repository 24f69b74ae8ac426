"""The age rules, in one place: how old someone is, who needs a parent's consent, and when the
youth offer ends.

We hold only the month and year of birth, so a birthday counts as reached on the first day of
its month. The Python functions and the database expressions below are built from the same
constants and the same comparison, and a property test checks that they agree for every month,
year and day (tests/accounts/test_ages.py). Decided in docs/adr/0012-age-rules-and-growing-up.md.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

# UK GDPR Article 8: under 13, consent to an online service must come from a parent or carer.
AGE_OF_DIGITAL_CONSENT = 13
# The youth offer runs to 19 unless an organisation sets otherwise; to 25 for care leavers and
# young people with special educational needs and disabilities (SEND), as the law allows.
DEFAULT_YOUTH_OFFER_UPPER_AGE = 19
EXTENDED_YOUTH_OFFER_UPPER_AGE = 25
LOWEST_YOUTH_OFFER_UPPER_AGE = 16


def age_on(birth_month: int | None, birth_year: int | None, day: dt.date) -> int | None:
    """Age in whole years on ``day``, or None when the month or year of birth is unknown."""
    if birth_year is None or birth_month is None:
        return None
    years = day.year - birth_year
    if day.month < birth_month:
        years -= 1
    return years


def is_under(age: int, birth_month: int | None, birth_year: int | None, day: dt.date) -> bool:
    """Younger than ``age`` on ``day``. Unknown birth counts as younger: the safe answer for a
    young person, since it keeps a parent's consent required until a worker adds the date."""
    years = age_on(birth_month, birth_year, day)
    return years is None or years < age


def is_older_than(age: int, birth_month: int | None, birth_year: int | None, day: dt.date) -> bool:
    """Past ``age`` on ``day`` (had their next birthday). Unknown birth is never past an age,
    so nobody leaves the youth offer because a date is missing."""
    years = age_on(birth_month, birth_year, day)
    return years is not None and years > age


def needs_parental_consent(
    *, is_young_person: bool, birth_month: int | None, birth_year: int | None, day: dt.date
) -> bool:
    return is_young_person and is_under(AGE_OF_DIGITAL_CONSENT, birth_month, birth_year, day)


def consent_counts(*, needs_parental_consent: bool, given_by_self: bool) -> bool:
    """A child who needs a parent's consent cannot give it themselves."""
    return not (needs_parental_consent and given_by_self)


# The same rules as database conditions on a Person queryset (or, with ``prefix``, on a model
# that points to a Person). Born after (year - age, month) is the SQL form of is_under.


def _born_after(age: int, day: dt.date, prefix: str) -> Q:
    year = f"{prefix}birth_year"
    month = f"{prefix}birth_month"
    return Q(**{f"{year}__gt": day.year - age}) | Q(
        **{year: day.year - age, f"{month}__gt": day.month}
    )


def _birth_unknown(prefix: str) -> Q:
    return Q(**{f"{prefix}birth_year__isnull": True}) | Q(**{f"{prefix}birth_month__isnull": True})


def is_under_q(age: int, day: dt.date, prefix: str = "") -> Q:
    return _birth_unknown(prefix) | _born_after(age, day, prefix)


def is_older_than_q(age: int, day: dt.date, prefix: str = "") -> Q:
    # Past ``age`` means at least ``age + 1``, that is not under ``age + 1``, with birth known.
    return ~is_under_q(age + 1, day, prefix)


def needs_parental_consent_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}kind": "young_person"}) & is_under_q(AGE_OF_DIGITAL_CONSENT, day, prefix)


def past_youth_offer_q(upper_age: int, day: dt.date) -> Q:
    """People past a youth offer that runs to ``upper_age`` on ``day``: past that age, or past
    25 where their offer was extended (a care leaver, a young person with SEND)."""
    return is_older_than_q(max(upper_age, EXTENDED_YOUTH_OFFER_UPPER_AGE), day) | (
        is_older_than_q(upper_age, day) & Q(youth_offer_extended=False)
    )
