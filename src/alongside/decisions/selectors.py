"""Reads for decisions, the "You said, we did" boards and "What happened to what I said".

The rules every public read here keeps (tests/decisions/test_public_words.py):
- a contribution is shown to the public only while its status is ``published``;
- no young person's name is ever shown to the public, whatever anonymity they chose (the
  public reads the words, not who said them); the author sees their own words, all of them.

Each page is built in a fixed number of queries however many contributions there are: the page
of entries is cut first, then what those entries need is loaded in one query each
(tests/decisions/test_query_counts.py).

Voice's own selectors are being written beside this package; until they are, the queries on
``voice.models`` are here, following the same rules.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import TruncDate

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import NotFound
from alongside.core.selectors import get_in_organisation
from alongside.decisions.models import Citation, Decision
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme

PUBLISHED = Contribution.Status.PUBLISHED
NOT_CITABLE = frozenset(
    {Contribution.Status.HELD, Contribution.Status.HIDDEN, Contribution.Status.WITHDRAWN}
)
DECISION, ANSWER = 0, 1


# For the services ---------------------------------------------------------------------------


def contributions_locked(*, organisation: Organisation, ids: Iterable[int]) -> list[Contribution]:
    """The contributions with these ids in this organisation, locked until the transaction ends."""
    return list(
        Contribution.objects.for_organisation(organisation)
        .select_for_update()
        .filter(pk__in=set(ids))
        .order_by("pk")
    )


def themes_by_ids(*, organisation: Organisation, ids: Iterable[int]) -> list[Theme]:
    return list(Theme.objects.for_organisation(organisation).filter(pk__in=set(ids)))


def cited_authors(*, contribution_ids: set[int], theme_ids: set[int]) -> list[Contribution]:
    """Contributions whose authors hear that a decision cited them: those cited, and the
    published ones in the cited themes. Each comes with its author."""
    if not contribution_ids and not theme_ids:
        return []
    return list(
        Contribution.objects.filter(
            Q(pk__in=contribution_ids) | Q(themes__in=theme_ids, status=PUBLISHED),
            author__isnull=False,
        )
        .select_related("author")
        .distinct()
        .order_by("pk")
    )


# Staff pages --------------------------------------------------------------------------------


def decision_get(*, organisation: Organisation, public_id: uuid.UUID | str) -> Decision:
    return get_in_organisation(
        Decision.objects.select_related("initiative"),
        organisation=organisation,
        public_id=public_id,
        not_found="That decision is not in this organisation.",
    )


def decision_by_key(*, organisation: Organisation, idempotency_key: uuid.UUID) -> Decision | None:
    """The decision a "Record a decision" form made, if it was already sent."""
    return (
        Decision.objects.for_organisation(organisation)
        .filter(idempotency_key=idempotency_key)
        .first()
    )


def decisions_for_organisation(*, organisation: Organisation) -> QuerySet[Decision]:
    return (
        Decision.objects.for_organisation(organisation)
        .select_related("initiative")
        .annotate(citation_count=Count("citations"))
        .order_by("-decided_on", "-pk")
    )


def initiatives_for_organisation(*, organisation: Organisation) -> QuerySet[Initiative]:
    return Initiative.objects.for_organisation(organisation).order_by("title", "pk")


def initiative_in_organisation(
    *, organisation: Organisation, public_id: uuid.UUID | str
) -> Initiative:
    return get_in_organisation(
        Initiative,
        organisation=organisation,
        public_id=public_id,
        not_found="Choose an initiative from this organisation.",
    )


def _words(search: str) -> Q:
    condition = Q()
    for word in search.split()[:10]:
        condition &= Q(text__icontains=word)
    return condition


def citable_contributions(
    *, organisation: Organisation, initiative: Initiative | None = None, search: str = ""
) -> QuerySet[Contribution]:
    """What a decision may cite: this organisation's contributions (in ``initiative``, if
    given) not held, hidden or withdrawn, newest first, optionally only those with every word
    of ``search``."""
    contributions = Contribution.objects.for_organisation(organisation)
    if initiative is not None:
        contributions = contributions.filter(initiative=initiative)
    return (
        contributions.exclude(status__in=NOT_CITABLE)
        .filter(_words(search))
        .select_related("initiative")
        .order_by("-created_at", "-pk")
    )


def citable_themes(
    *, organisation: Organisation, initiative: Initiative | None = None, search: str = ""
) -> QuerySet[Theme]:
    themes = Theme.objects.for_organisation(organisation).select_related("initiative")
    if initiative is not None:
        themes = themes.filter(initiative=initiative)
    for word in search.split()[:10]:
        themes = themes.filter(name__icontains=word)
    return themes.order_by("name", "pk")


def contributions_in_organisation(
    *, organisation: Organisation, public_ids: Iterable[str]
) -> list[Contribution]:
    return list(
        Contribution.objects.for_organisation(organisation)
        .filter(public_id__in=list(public_ids))
        .select_related("initiative")
        .order_by("-created_at", "-pk")
    )


def themes_in_organisation(*, organisation: Organisation, public_ids: Iterable[str]) -> list[Theme]:
    return list(
        Theme.objects.for_organisation(organisation)
        .filter(public_id__in=list(public_ids))
        .order_by("name", "pk")
    )


def cited_public_ids(*, decision: Decision) -> tuple[set[str], set[str]]:
    """The public ids of the contributions and of the themes the decision cites, in one query."""
    contributions: set[str] = set()
    themes: set[str] = set()
    for contribution, theme in Citation.objects.filter(decision=decision).values_list(
        "contribution__public_id", "theme__public_id"
    ):
        if contribution is not None:
            contributions.add(str(contribution))
        if theme is not None:
            themes.add(str(theme))
    return contributions, themes


def contributions_by_reference(*, organisation: Organisation, reference: str) -> list[Contribution]:
    """The contributions in this organisation whose reference (the first eight hex digits of
    their public id, as ``voice.selectors.reference`` shows it) is ``reference``: a range of
    ids, so the unique index finds them. More than one is possible; at most two are read."""
    low = uuid.UUID(reference.lower() + "0" * 24)
    high = uuid.UUID(reference.lower() + "f" * 24)
    return list(
        Contribution.objects.for_organisation(organisation)
        .filter(public_id__gte=low, public_id__lte=high)
        .select_related("initiative")
        .order_by("pk")[:2]
    )


# Public: decisions ----------------------------------------------------------------------------


@dataclass
class Cites:
    """What a decision cites, as the public may see it. How many published contributions a
    theme holds is the theme's own ``published_count``, which voice's services keep."""

    themes: list[Theme] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)


def decision_public_get(*, public_id: uuid.UUID | str) -> Decision:
    decision = (
        Decision.objects.select_related("organisation", "initiative")
        .filter(public_id=public_id)
        .first()
    )
    if decision is None:
        raise NotFound("There is no decision at this address.")
    return decision


def public_citations(decisions: list[Decision]) -> dict[int, Cites]:
    """What each decision cites that the public may see: themes, and published contributions
    (never the author). One query however many decisions and citations."""
    return _citations(decisions)


def _citations(decisions: list[Decision]) -> dict[int, Cites]:
    cites: dict[int, Cites] = {d.pk: Cites() for d in decisions}
    if not decisions:
        return cites
    rows = (
        Citation.objects.filter(decision__in=[d.pk for d in decisions])
        .filter(Q(theme__isnull=False) | Q(contribution__status=PUBLISHED))
        .select_related("theme", "contribution")
        .order_by("pk")
    )
    for citation in rows:
        if citation.theme is not None:
            cites[citation.decision_id].themes.append(citation.theme)
        elif citation.contribution is not None:
            cites[citation.decision_id].contributions.append(citation.contribution)
    return cites


def public_decisions(*, organisation: Organisation) -> QuerySet[Decision]:
    return (
        Decision.objects.for_organisation(organisation)
        .select_related("initiative")
        .order_by("-decided_on", "-pk")
    )


# Public: the "You said, we did" board ----------------------------------------------------------


@dataclass
class BoardEntry:
    """One line of the board: a decision (with what it cites) or an answer to a theme."""

    day: dt.date
    decision: Decision | None = None
    cites: Cites | None = None
    answer: Answer | None = None


def initiative_public_get(*, public_id: uuid.UUID | str) -> Initiative:
    initiative = (
        Initiative.objects.select_related("organisation").filter(public_id=public_id).first()
    )
    if initiative is None:
        raise NotFound("There is no initiative at this address.")
    return initiative


def _board_rows(organisation: Organisation, initiative: Initiative | None) -> QuerySet[Any]:
    """Decisions and answers to themes, as (kind, day, created_at, pk), newest first.

    An answer to one contribution is written to its author, who reads it on their own page;
    the board shows the answers written to everyone: those to themes. (That also keeps the
    board to two small indexed reads however many contributions and answers there are.)
    """
    decisions = Decision.objects.for_organisation(organisation)
    answers = Answer.objects.for_organisation(organisation).filter(theme__isnull=False)
    if initiative is not None:
        decisions = decisions.filter(initiative=initiative)
        answers = answers.filter(theme__initiative=initiative)
    first = (
        decisions.order_by()
        .annotate(k=Value(DECISION, output_field=IntegerField()), day=F("decided_on"))
        .values_list("k", "day", "created_at", "pk")
    )
    second = (
        answers.order_by()
        .annotate(k=Value(ANSWER, output_field=IntegerField()), day=TruncDate("created_at"))
        .values_list("k", "day", "created_at", "pk")
    )
    return first.union(second, all=True).order_by("-day", "-created_at", "-k", "-pk")


def _entries(rows: list[Any]) -> list[BoardEntry]:
    decision_ids = [pk for k, _, _, pk in rows if k == DECISION]
    answer_ids = [pk for k, _, _, pk in rows if k == ANSWER]
    decisions = (
        {d.pk: d for d in Decision.objects.filter(pk__in=decision_ids).select_related("initiative")}
        if decision_ids
        else {}
    )
    answers = (
        {
            a.pk: a
            for a in Answer.objects.filter(pk__in=answer_ids).select_related(
                "theme", "theme__initiative"
            )
        }
        if answer_ids
        else {}
    )
    cites = _citations(list(decisions.values()))
    entries = []
    for k, day, _, pk in rows:
        if k == DECISION:
            entries.append(BoardEntry(day=day, decision=decisions[pk], cites=cites[pk]))
        else:
            entries.append(BoardEntry(day=day, answer=answers[pk]))
    return entries


class Board:
    """The board's entries, newest first, for Django's Paginator and ninja's pagination: it
    counts with one query and builds a page's entries in a fixed number more."""

    def __init__(self, organisation: Organisation, initiative: Initiative | None = None) -> None:
        self.rows = _board_rows(organisation, initiative)

    def count(self) -> int:
        return self.rows.count()

    def all(self) -> Board:
        return self

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[BoardEntry]:
        return _entries(list(self.rows[page]))


def board(*, organisation: Organisation, initiative: Initiative | None = None) -> Board:
    return Board(organisation, initiative)


# "What happened to what I said" ---------------------------------------------------------------


@dataclass
class WhatHappened:
    contribution: Contribution
    answer: Answer | None = None
    answer_theme: Theme | None = None  # set when the current answer was to a theme
    decisions: list[Decision] = field(default_factory=list)


def own_contributions(*, person: Person) -> QuerySet[Contribution]:
    """Everything this person said, in every organisation, newest first."""
    return (
        Contribution.objects.filter(author=person)
        .select_related("organisation", "initiative")
        .order_by("-created_at", "-pk")
    )


def what_happened(contributions: list[Contribution]) -> list[WhatHappened]:
    """For a page of one person's contributions: the current answer to each (its own, or its
    theme's, whichever is newest) and the decisions that cite it or a theme it is in. Four
    queries however many contributions."""
    if not contributions:
        return []
    ids = [c.pk for c in contributions]
    themes_of: dict[int, list[Theme]] = defaultdict(list)
    for link in ContributionTheme.objects.filter(contribution_id__in=ids).select_related("theme"):
        themes_of[link.contribution_id].append(link.theme)
    theme_ids = {t.pk for themes in themes_of.values() for t in themes}
    newest: dict[tuple[str, int], Answer] = {}
    for answer in Answer.objects.filter(
        Q(contribution_id__in=ids) | Q(theme_id__in=theme_ids)
    ).order_by("created_at", "pk"):
        key = ("c", answer.contribution_id) if answer.contribution_id else ("t", answer.theme_id)
        newest[key] = answer  # type: ignore[index]
    cited: dict[tuple[str, int], list[Decision]] = defaultdict(list)
    for citation in (
        Citation.objects.filter(Q(contribution_id__in=ids) | Q(theme_id__in=theme_ids))
        .select_related("decision")
        .order_by("-decision__decided_on", "-decision__pk")
    ):
        key = (
            ("c", citation.contribution_id)
            if citation.contribution_id
            else ("t", citation.theme_id)
        )
        cited[key].append(citation.decision)  # type: ignore[index]
    result = []
    for contribution in contributions:
        item = WhatHappened(contribution=contribution)
        candidates: list[tuple[Answer, Theme | None]] = []
        if ("c", contribution.pk) in newest:
            candidates.append((newest[("c", contribution.pk)], None))
        seen: set[int] = set()
        decisions = list(cited.get(("c", contribution.pk), []))
        for theme in themes_of.get(contribution.pk, []):
            if ("t", theme.pk) in newest:
                candidates.append((newest[("t", theme.pk)], theme))
            decisions += cited.get(("t", theme.pk), [])
        if candidates:
            item.answer, item.answer_theme = max(
                candidates, key=lambda pair: (pair[0].created_at, pair[0].pk)
            )
        for decision in sorted(decisions, key=lambda d: (d.decided_on, d.pk), reverse=True):
            if decision.pk not in seen:
                seen.add(decision.pk)
                item.decisions.append(decision)
        result.append(item)
    return result


def decisions_about(
    *, organisation: Organisation, subject_type: str, subject_ids: Iterable[str]
) -> dict[str, Decision]:
    """The decision recorded about each of a domain's objects (by its id as text), the latest
    where there are several: one query however many."""
    found: dict[str, Decision] = {}
    for decision in (
        Decision.objects.for_organisation(organisation)
        .filter(subject_type=subject_type, subject_id__in=list(subject_ids))
        .order_by("decided_on", "pk")
    ):
        found[decision.subject_id] = decision
    return found
