"""Where credits come from: each domain that records people's time registers an earning source.

A source answers two questions for an organisation: which occasions (a session, a board
meeting) have time not yet seen by credits, and who gave how much time at one of them. Credits
never imports the domains (they sit above it, .importlinter); they register here from their
``AppConfig.ready``, so inspections, peer education or youth panels plug in the same way:

    from alongside.credits.sources import Activity, Occasion, earning_sources

    class SessionSource:
        code = "session"
        label = _("Sessions")
        def occasions(self, organisation, *, since, limit): ...
        def activities(self, organisation, occasion_key): ...

    earning_sources.register(SessionSource())

``Activity.key`` must name the person and the occasion and never change: it is what makes the
same time credited once (``Earning.activity_key`` is unique in an organisation).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.utils.functional import Promise

from alongside.credits.models import Basis


@dataclass(frozen=True)
class Activity:
    """One person's time at one occasion."""

    key: str
    person_id: int
    kind: str
    label: str
    group_key: str
    group_label: str
    occurred_on: date
    minutes: int
    basis: str = Basis.CHOSEN


@dataclass(frozen=True)
class Occasion:
    """Something that happened where people gave time, for a worker to approve credits from."""

    key: str
    source: str
    label: str
    group_label: str
    occurred_on: date
    people: int


def occasion_of(activity_key: str) -> str:
    """'session:<id>:<person id>' → 'session:<id>': an activity key ends with its person."""
    return activity_key.rsplit(":", 1)[0]


def occasion_labels(
    prefix: str,
    activity_keys: Sequence[str],
    occasions: Callable[[list[uuid.UUID]], Iterable[Any]],
    words: Callable[[Any], str],
) -> dict[str, str]:
    """A source's ``labels``: each activity key ("<prefix><occasion's public id>:<person's
    public id>") with the words of its occasion, read by ``occasions`` (given the public ids,
    one query) and worded by ``words``."""
    by_occasion: dict[uuid.UUID, list[str]] = {}
    for key in activity_keys:
        occasion, _sep, _person = key.removeprefix(prefix).partition(":")
        try:
            by_occasion.setdefault(uuid.UUID(occasion), []).append(key)
        except ValueError:  # not one of this source's keys
            continue
    if not by_occasion:
        return {}
    return {
        key: words(found)
        for found in occasions(list(by_occasion))
        for key in by_occasion[found.public_id]
    }


class EarningSource(Protocol):
    code: str
    label: str | Promise
    # Activity kinds this source records, each with its words ("board_meeting": "Board
    # meetings"), so an organisation can set a rule for each.
    kinds: dict[str, str | Promise]

    def occasions(self, organisation: Any, *, since: date, limit: int) -> Sequence[Occasion]:
        """Occasions since a date, newest first, at most ``limit``."""
        ...

    def activities(self, organisation: Any, occasion_key: str) -> Sequence[Activity]:
        """Everyone's time at one occasion; empty if the key is not this organisation's."""
        ...

    def labels(self, organisation_id: int, activity_keys: Sequence[str]) -> dict[str, str]:
        """The words for these activities in the language of the page (in one query): an
        Earning keeps the words of the worker who approved it, which may not be the reader's
        language. A key whose occasion is gone is left out (its kept words are shown)."""
        ...


class EarningSourceRegistry:
    def __init__(self) -> None:
        self._sources: dict[str, EarningSource] = {}

    def register(self, source: EarningSource) -> EarningSource:
        if source.code in self._sources and self._sources[source.code] is not source:
            raise ValueError(f"The earning source {source.code!r} is already registered.")
        self._sources[source.code] = source
        return source

    def get(self, code: str) -> EarningSource | None:
        return self._sources.get(code)

    def __iter__(self) -> Iterator[EarningSource]:
        return iter(self._sources.values())

    def labels_of(self, earnings: Sequence[Any]) -> dict[int, str]:
        """Each Earning's words in the page's language, by Earning id: one query per source on
        the page; an Earning whose source or occasion is gone keeps the words it was given."""
        keys: dict[str, list[Any]] = {}
        for earning in earnings:
            keys.setdefault(earning.source, []).append(earning)
        words = {earning.pk: earning.label for earning in earnings}
        for code, of_source in keys.items():
            source = self._sources.get(code)
            if source is None:
                continue
            found = source.labels(of_source[0].organisation_id, [e.activity_key for e in of_source])
            for earning in of_source:
                words[earning.pk] = found.get(earning.activity_key, earning.label)
        return words

    def kinds(self) -> dict[str, str]:
        """Every activity kind any source records, with its words, in order of the words."""
        found = {
            kind: str(words) for s in self._sources.values() for kind, words in s.kinds.items()
        }
        return dict(sorted(found.items(), key=lambda item: item[1]))


earning_sources = EarningSourceRegistry()
