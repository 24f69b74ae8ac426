"""The engine's data model: an instance (budget and projects) and a profile of ballots.

Plain frozen dataclasses, no behaviour beyond validation. Money is exact: costs and the budget
are ``int`` when whole and :class:`fractions.Fraction` otherwise (Pabulib files are integers in
practice; a few carry decimals such as ``2917710.16``). Points on cumulative and scoring ballots
are exact in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

Number = int | Fraction
"""An exact number: ``int`` when whole, otherwise a ``Fraction``."""

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def exact(value: Number) -> Number:
    """Normalise an exact number: a whole ``Fraction`` becomes an ``int``."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def parse_number(text: str) -> Number:
    """Parse a decimal number exactly (``"1500"``, ``"2917710.16"``, ``"12,5"``, ``"1e6"``).

    A decimal comma is accepted, as pabutools does (it replaces ``,`` by ``.``). Raises
    ``ValueError`` for anything else, including thousands separators and floats like ``nan``.
    """
    cleaned = text.strip().replace(",", ".")
    if cleaned.isdigit():
        return int(cleaned)
    if not _DECIMAL.match(cleaned):
        raise ValueError(f"not a number: {text.strip()!r}")
    return exact(Fraction(cleaned))


def format_number(value: Number) -> str:
    """Write an exact number back in decimal notation, exactly when it is a finite decimal."""
    value = exact(value)
    if isinstance(value, int):
        return str(value)
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        # Not a finite decimal (never produced by parse_number): keep it exact as a ratio.
        return f"{value.numerator}/{value.denominator}"
    digits = max(twos, fives)
    scaled = value * 10**digits
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled.numerator), 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


class BallotKind(StrEnum):
    """The kind of ballots in a profile (Pabulib's ``vote_type``, with ``choose-1`` as approval)."""

    APPROVAL = "approval"
    CUMULATIVE = "cumulative"
    ORDINAL = "ordinal"
    SCORING = "scoring"

    @property
    def has_points(self) -> bool:
        return self in (BallotKind.CUMULATIVE, BallotKind.SCORING)


@dataclass(frozen=True, slots=True)
class Project:
    """A project: a unique id (compared as a string for tie-breaking), a cost, optional labels."""

    id: str
    cost: Number
    name: str = ""
    categories: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a project needs a non-empty id")
        if not isinstance(self.cost, int | Fraction) or isinstance(self.cost, bool):
            raise TypeError(f"project {self.id}: cost must be an int or a Fraction, not a float")
        if self.cost < 0:
            raise ValueError(f"project {self.id}: cost must not be negative")
        object.__setattr__(self, "cost", exact(self.cost))


@dataclass(frozen=True, slots=True)
class Instance:
    """The budget limit and the projects on the ballot paper (in file order)."""

    budget: Number
    projects: tuple[Project, ...]
    meta: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.budget, int | Fraction) or isinstance(self.budget, bool):
            raise TypeError("the budget must be an int or a Fraction, not a float")
        if self.budget < 0:
            raise ValueError("the budget must not be negative")
        object.__setattr__(self, "budget", exact(self.budget))
        object.__setattr__(self, "projects", tuple(self.projects))
        seen: set[str] = set()
        for project in self.projects:
            if project.id in seen:
                raise ValueError(f"project id {project.id!r} appears twice")
            seen.add(project.id)

    def project(self, project_id: str) -> Project:
        for project in self.projects:
            if project.id == project_id:
                return project
        raise KeyError(project_id)

    @property
    def currency(self) -> str:
        return self.meta.get("currency", "")


@dataclass(slots=True)
class Ballot:
    """One voter's ballot (treat as immutable; not frozen only because files hold 100,000s).

    ``projects`` lists the projects the voter named, in the order given: for approval ballots a
    set (order irrelevant), for ordinal ballots the ranking (best first), for cumulative and
    scoring ballots the projects that ``points`` refers to, position by position. ``extra``
    holds the file's other columns (age, sex, ...), named by :attr:`Profile.extra_fields`.
    """

    voter_id: str
    projects: tuple[str, ...]
    points: tuple[Number, ...] | None = None
    extra: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.points is not None and len(self.points) != len(self.projects):
            counts = f"{len(self.projects)} projects but {len(self.points)} points"
            raise ValueError(f"voter {self.voter_id}: {counts}")


@dataclass(frozen=True, slots=True)
class Profile:
    """All ballots of one election, all of the same kind."""

    kind: BallotKind
    ballots: tuple[Ballot, ...]
    extra_fields: tuple[str, ...] = ()
    """Names of the per-ballot ``extra`` values (columns of the Pabulib VOTES section)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ballots", tuple(self.ballots))
        want_points = self.kind.has_points
        for ballot in self.ballots:
            if (ballot.points is not None) != want_points:
                need = "need" if want_points else "take no"
                raise ValueError(
                    f"voter {ballot.voter_id}: {self.kind.value} ballots {need} points"
                )

    def __len__(self) -> int:
        return len(self.ballots)

    def meta(self, ballot: Ballot) -> dict[str, str]:
        """A ballot's extra columns by name, leaving out empty and ``None`` values."""
        return {
            name: value
            for name, value in zip(self.extra_fields, ballot.extra, strict=False)
            if value and value.lower() != "none"
        }


@dataclass(frozen=True, slots=True)
class Election:
    """An instance with its profile, as read from (or written to) a Pabulib file."""

    instance: Instance
    profile: Profile

    def __post_init__(self) -> None:
        known = {project.id for project in self.instance.projects}
        for ballot in self.profile.ballots:
            if not known.issuperset(ballot.projects):
                unknown = sorted(set(ballot.projects) - known)
                raise ValueError(f"voter {ballot.voter_id}: unknown project {unknown[0]!r}")


def approval_sets(profile: Profile) -> Sequence[frozenset[str]]:
    """The set of projects each ballot names (for approval counts and ``cost`` satisfaction)."""
    return [frozenset(ballot.projects) for ballot in profile.ballots]
