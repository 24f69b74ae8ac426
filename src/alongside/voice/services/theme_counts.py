"""Each theme's ``published_count``, kept by the services that change either side of it.

A contribution moving into or out of ``published`` (publish, hide, withdraw, an edit sent back
to be checked) moves the count of every theme it is in; putting a published contribution in a
theme, or taking it out, moves that theme's. The caller holds the contribution's row lock
(``select_for_update``) and calls this in its own transaction, so a status change and a theme
change to one contribution take turns and each sees what the other committed. The counts
change by ``F()`` updates on theme rows locked in id order, so two contributions sharing themes
never wait on each other in a circle, and nothing reads a count and writes it back.

``theme_published_counts_repair`` puts right any count that differs from a real count (none
should): `alongside voice verify-counts --repair`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from alongside.core.audit import audit_record
from alongside.voice import selectors_answers
from alongside.voice.models import Contribution, ContributionTheme, Theme

PUBLISHED = Contribution.Status.PUBLISHED


def _shift(theme_ids: Iterable[int], by: int) -> None:
    ids = list(
        Theme.objects.select_for_update()
        .filter(pk__in=theme_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    themes = Theme.objects.filter(pk__in=ids)
    if by < 0:
        # Never below nought: a count already wrong is left for verify-counts to find, rather
        # than refusing to hide words that must come down.
        themes = themes.filter(published_count__gte=-by)
    themes.update(published_count=F("published_count") + by)


def status_changed(contribution: Contribution, *, was: str) -> None:
    """``contribution`` (locked, its new status set) was ``was``: move its themes' counts."""
    now = contribution.status
    if (was == PUBLISHED) == (now == PUBLISHED):
        return
    links = ContributionTheme.objects.filter(contribution_id=contribution.pk).values_list(
        "theme_id", flat=True
    )
    _shift(links, 1 if now == PUBLISHED else -1)


def link_changed(*, status: str, theme: Theme, added: bool) -> None:
    """A contribution whose locked status is ``status`` was put in ``theme`` or taken out."""
    if status == PUBLISHED:
        _shift([theme.pk], 1 if added else -1)


@transaction.atomic
def theme_published_counts_repair() -> int:
    """Set every theme whose count is wrong to its real count; return how many were wrong.

    The themes are locked first, then counted: a status change still on its way waits for
    the lock and moves the count from the repaired number, and one that already moved it has
    committed before the count is taken. One audit event per organisation with a repair."""
    wrong = [m.theme_id for m in selectors_answers.theme_count_mismatches()]
    if not wrong:
        return 0
    locked = list(Theme.objects.select_for_update().filter(pk__in=wrong).order_by("pk"))
    real = selectors_answers.real_published_counts(theme_ids=[t.pk for t in locked])
    repaired: dict[int, int] = {}
    for theme in locked:
        count = real.get(theme.pk, 0)
        if theme.published_count != count:
            Theme.objects.filter(pk=theme.pk).update(published_count=count)
            repaired[theme.organisation_id] = repaired.get(theme.organisation_id, 0) + 1
    for organisation_id, themes in sorted(repaired.items()):
        audit_record(
            action="voice.theme.counts_repair",
            summary="Themes' counts of published contributions put right",
            organisation_id=organisation_id,
            data={"themes": themes},
        )
    return sum(repaired.values())
