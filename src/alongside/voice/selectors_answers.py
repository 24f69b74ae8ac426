"""Reads for themes, answers and the overdue flag. Every read takes the organisation.

"Current answer": a contribution's newest answer, its own or one given to a theme it is in.
"Overdue": published, never answered, and sent more than the set number of working days ago
(``VOICE_ANSWER_WITHIN_WORKING_DAYS``, 20 unless set), with England and Wales bank holidays
skipped. The cut-off date is worked out in Python (``working_days``) and compared in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.core.selectors import get_in_organisation
from alongside.initiatives.models import Initiative
from alongside.voice import working_days
from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme

DEFAULT_ANSWER_WITHIN_WORKING_DAYS = 20


def answer_within_working_days() -> int:
    return int(
        getattr(settings, "VOICE_ANSWER_WITHIN_WORKING_DAYS", DEFAULT_ANSWER_WITHIN_WORKING_DAYS)
    )


# Themes -------------------------------------------------------------------------------------


def theme_get(*, organisation: Organisation, public_id: object) -> Theme:
    return get_in_organisation(
        Theme.objects.select_related("initiative"),
        organisation=organisation,
        not_found="There is no such theme.",
        public_id=public_id,
    )


def themes_with_counts(*, organisation: Organisation) -> QuerySet[Theme]:
    """Themes by name, each with ``contribution_count``: one query for a page of them."""
    return (
        Theme.objects.for_organisation(organisation)
        .select_related("initiative")
        .annotate(contribution_count=Count("contributiontheme"))
        .order_by("name", "pk")
    )


def theme_counts(*, organisation: Organisation) -> dict[int, int]:
    """How many contributions each theme holds, by theme id, in one query."""
    return dict(
        ContributionTheme.objects.filter(theme__organisation=organisation)
        .values_list("theme_id")
        .annotate(n=Count("contribution_id"))
        .values_list("theme_id", "n")
    )


def real_published_counts(*, theme_ids: Iterable[int]) -> dict[int, int]:
    """How many published contributions each theme really holds, counted, in one query."""
    return dict(
        ContributionTheme.objects.filter(
            theme_id__in=list(theme_ids), contribution__status=Contribution.Status.PUBLISHED
        )
        .order_by()
        .values_list("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )


@dataclass(frozen=True)
class CountMismatch:
    theme_id: int
    organisation_id: int
    kept: int
    real: int


def theme_count_mismatches() -> list[CountMismatch]:
    """Every theme, in any organisation, whose kept ``published_count`` is not the real count
    (there should be none): one query, for `alongside voice verify-counts`."""
    real = (
        ContributionTheme.objects.filter(
            theme=OuterRef("pk"), contribution__status=Contribution.Status.PUBLISHED
        )
        .order_by()
        .values("theme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Theme.objects.annotate(real=Coalesce(Subquery(real), 0))
        .exclude(published_count=F("real"))
        .order_by("pk")
        .values_list("pk", "organisation_id", "published_count", "real")
    )
    return [CountMismatch(*row) for row in rows]


def themes_for_choice(*, organisation: Organisation) -> QuerySet[Theme]:
    return Theme.objects.for_organisation(organisation).select_related("initiative")


def themes_of(*, organisation: Organisation, contribution: Contribution) -> QuerySet[Theme]:
    return Theme.objects.for_organisation(organisation).filter(
        contributiontheme__contribution=contribution
    )


def theme_contributions(*, organisation: Organisation, theme: Theme) -> QuerySet[Contribution]:
    """The contributions in a theme, newest first."""
    return (
        Contribution.objects.for_organisation(organisation)
        .filter(contributiontheme__theme=theme)
        .select_related("initiative", "author")
        .order_by("-created_at", "-pk")
    )


# Contributions ------------------------------------------------------------------------------


def contribution_get(*, organisation: Organisation, public_id: object) -> Contribution:
    return get_in_organisation(
        Contribution.objects.select_related("initiative", "author"),
        organisation=organisation,
        not_found="There is no such contribution.",
        public_id=public_id,
    )


# Answers ------------------------------------------------------------------------------------


def _answers_reaching(contribution: object) -> Q:
    """Answers to the contribution itself, or to a theme it is in."""
    return Q(contribution=contribution) | Q(theme__contributiontheme__contribution=contribution)


def answers_for_contribution(
    *, organisation: Organisation, contribution: Contribution
) -> QuerySet[Answer]:
    """Its answer history, newest (the current one) first."""
    return (
        Answer.objects.for_organisation(organisation)
        .filter(_answers_reaching(contribution))
        .select_related("theme", "answered_by")
        .distinct()
        .order_by("-created_at", "-pk")
    )


def answers_for_theme(*, organisation: Organisation, theme: Theme) -> QuerySet[Answer]:
    return (
        Answer.objects.for_organisation(organisation)
        .filter(theme=theme)
        .select_related("answered_by")
        .order_by("-created_at", "-pk")
    )


def answers_for_organisation(*, organisation: Organisation) -> QuerySet[Answer]:
    """Every answer in the organisation, newest first (for the API)."""
    return (
        Answer.objects.for_organisation(organisation)
        .select_related("contribution", "theme")
        .order_by("-created_at", "-pk")
    )


def current_answer_subquery(field: str) -> Subquery:
    """``field`` of the current answer of the contribution in the outer query."""
    newest = (
        Answer.objects.filter(_answers_reaching(OuterRef("pk")))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )
    return Subquery(newest)


def with_current_answer(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """Adds ``answer_status``, ``answer_text`` and ``answered_at`` (each empty if unanswered)."""
    return queryset.annotate(
        answer_status=current_answer_subquery("status"),
        answer_text=current_answer_subquery("text"),
        answered_at=current_answer_subquery("created_at"),
    )


# Overdue ------------------------------------------------------------------------------------


def overdue_cut_off(*, today: dt.date | None = None, within: int | None = None) -> dt.datetime:
    """The moment before which a contribution sent and still unanswered is overdue."""
    today = today or timezone.localdate()
    within = answer_within_working_days() if within is None else within
    day = working_days.waiting_since_cut_off(today, within)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _overdue(organisation: Organisation, today: dt.date | None) -> QuerySet[Contribution]:
    return Contribution.objects.for_organisation(organisation).filter(
        status=Contribution.Status.PUBLISHED,
        first_answered_at__isnull=True,
        created_at__lt=overdue_cut_off(today=today),
    )


def overdue_count(*, organisation: Organisation, today: dt.date | None = None) -> int:
    """How many contributions are waiting too long for an answer (one query)."""
    return _overdue(organisation, today).count()


def overdue_counts(
    *, organisations: Iterable[Organisation], today: dt.date | None = None
) -> dict[int, int]:
    """``overdue_count`` for each of these organisations, by id, in one grouped query (the
    staff home page shows one per organisation); an organisation with none is left out."""
    ids = [o.pk for o in organisations]
    if not ids:
        return {}
    return dict(
        Contribution.objects.filter(
            organisation_id__in=ids,
            status=Contribution.Status.PUBLISHED,
            first_answered_at__isnull=True,
            created_at__lt=overdue_cut_off(today=today),
        )
        .order_by()
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )


def overdue_contributions(
    *, organisation: Organisation, today: dt.date | None = None
) -> QuerySet[Contribution]:
    """Those contributions, the longest waiting first."""
    return (
        _overdue(organisation, today)
        .select_related("initiative", "author")
        .order_by("created_at", "pk")
    )


def contributions_for_export(*, organisation: Organisation) -> QuerySet[Contribution]:
    """Every contribution with its current answer, oldest first, in one query (read its
    initiative's title and its author's name through ``values_list``)."""
    return with_current_answer(
        Contribution.objects.for_organisation(organisation).order_by("created_at", "pk")
    )


def initiatives_for_choice(*, organisation: Organisation) -> QuerySet[Initiative]:
    """The organisation's initiatives, for choosing which one a theme is for."""
    return Initiative.objects.for_organisation(organisation).order_by("title", "pk")
