"""Minutes as people read them: "3 hours 20 minutes", "1 hour", "45 minutes". Time given on
boards, at sessions and in time credits is kept in whole minutes and shown through this."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def time_words(minutes: int, *, none: str | None = None) -> str:
    """Words for a number of minutes; ``none`` (default "No time recorded yet") for 0."""
    if not minutes:
        return none if none is not None else _("No time recorded yet")
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    hour_words = ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    minute_words = ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest}
    if not hours:
        return sign + minute_words
    if not rest:
        return sign + hour_words
    return sign + _("%(hours)s %(minutes)s") % {"hours": hour_words, "minutes": minute_words}
