"""The numbers and records the Method of Equal Shares works with (see :mod:`.mes`).

The error margins below are derived in :mod:`.mes`'s module docstring.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import mul

import numpy as np
import numpy.typing as npt

from alongside.budgeting.rules.prepare import IntArray

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_Priced = tuple[Fraction, Fraction, BoolArray, BoolArray]

_U = 2.3e-16
"""Twice float64's unit roundoff: the unit of every error margin below."""
_TINY = 1e-290
_SAFETY = 1.0 - 1e-9
NEVER = 2**62
_ZERO = Fraction(0)
"""A jump meaning "no decision of this run changes however far the budget grows"."""
_PRICED, _GONE, _WORSE = 0, 1, 2


def _down(x: float) -> float:
    """The float just below ``x`` (a proven lower bound of anything ``x`` rounds)."""
    return math.nextafter(x, -math.inf)


def _up(x: float) -> float:
    return math.nextafter(x, math.inf)


@dataclass(frozen=True, slots=True)
class MesRound:
    """One funded project."""

    project: int
    tau: Fraction
    """Price per unit of weight: a supporter who can afford it pays ``tau × weight``."""
    rho: Fraction
    """Price per unit of satisfaction (``tau / scale``), the number MES minimises."""
    supporters: int
    """Voters with positive satisfaction from the project."""
    payers: int
    """Supporters who paid something (the others had nothing left)."""
    exhausted: int
    """Payers who paid everything they had left (could not afford the full price)."""


@dataclass(slots=True)
class MesRun:
    """The outcome of MES for one per-voter budget ``beta`` (in scaled money)."""

    beta: Fraction
    free: list[int]
    """Free projects with supporters, funded first (in tie-breaking order)."""
    rounds: list[MesRound]
    jump: int = 0
    """Further budget increments that provably give this same run (``add1`` skips them)."""
    left: dict[int, Fraction] = field(default_factory=dict)
    """With ``trace``: for each candidate not funded, what its supporters had left at the end."""
    poor: list[IntArray] = field(default_factory=list, repr=False, compare=False)
    """For each round, the groups that paid all they had left (the certificates read it)."""

    @property
    def selected(self) -> list[int]:
        return [*self.free, *(r.project for r in self.rounds)]


class _Exact:
    """Exact sums over numbers of the form ``sum_j row_j * num_j / den`` (with ``row`` ints)."""

    __slots__ = ("den", "nums")

    def __init__(self) -> None:
        self.nums: list[int] = []
        self.den = 1

    def append(self, value: Fraction) -> None:
        den = math.lcm(self.den, value.denominator)
        if den != self.den:
            factor = den // self.den
            self.nums = [n * factor for n in self.nums]
            self.den = den
        self.nums.append(value.numerator * (den // value.denominator))

    def dot(self, row: Sequence[int]) -> int:
        """Numerator (over ``den``) of ``sum_j row_j * value_j``."""
        return sum(map(mul, row, self.nums))

    def copy(self) -> _Exact:
        out = _Exact()
        out.nums = list(self.nums)
        out.den = self.den
        return out


@dataclass(frozen=True, slots=True)
class _Supporters:
    """One project's supporters and the constants every evaluation of it reads: built once
    per engine, since add1 evaluates each project thousands of times and slicing the shared
    arrays again each time costs more than the arithmetic on a few hundred groups."""

    idx: IntArray
    """The supporting groups."""
    w: IntArray
    m: IntArray
    w_f: FloatArray
    m_f: FloatArray
    mw: IntArray | npt.NDArray[np.object_]
    """Multiplicity times weight (Python ints when int64 could overflow)."""
    cost: int
    scale: int
    unit: bool
    """Whether every supporter has weight 1 (cost and cardinality)."""
    voters: int
    """Supporters (voters, not groups)."""
    voters_f: float
    mw_f: float
    """Total supporter weight, as a float (an error term)."""
    mw_fa: FloatArray
    """Multiplicity times weight, as floats."""


@dataclass(frozen=True, slots=True)
class _Start:
    """Where every run's search starts: candidates active, each priced as if its supporters
    had unlimited money (cost over total weight), a lower bound whatever is paid later."""

    aff: list[Fraction]
    aff_f: FloatArray
    lb_f: FloatArray
    active: BoolArray


@dataclass(frozen=True, slots=True)
class _Paid:
    """One round of a run that proved jumps, as :meth:`MesEngine.freeze` keeps it."""

    project: int
    tau: Fraction
    tau_slope: Fraction
    """d tau / d beta while the run's decisions stay the same."""
    poor: BoolArray
    """Which supporters paid all they had."""
    jump: int
    """The least jump bound proven by this round and all earlier ones."""


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """The state after the first ``count`` frozen rounds when every supporter paid each of
    them in full at a price that does not move with ``beta``: then each group has paid a
    fixed amount and holds ``beta`` less that, and a run loads it in a few array operations
    instead of paying round by round.

    The float budgets are ``fl(fl(beta) - fl(paid))``, within ``3u·beta`` of the exact ones
    (``paid <= beta`` for every voter with money), less than ``err_b()`` after ``count``
    rounds. A group paying exactly all it had would not count as a payer; that happens only
    at the budgets in ``critical`` (what some supporter had paid after a round), which
    replay round by round."""

    count: int
    projects: list[int]
    ws: IntArray | npt.NDArray[np.object_]
    """The payment rows' first ``count`` columns."""
    tau: _Exact
    paid_f: FloatArray
    """What each group has paid, correctly rounded."""
    rounds: list[MesRound]
    poor: list[IntArray]
    critical: frozenset[Fraction]


@dataclass(frozen=True, slots=True)
class _Frozen:
    beta: Fraction
    """The budget the rounds were proven at."""
    increment: int
    rounds: list[_Paid]
    """Each holds (with all before it) for its ``jump`` increments beyond ``beta``."""
    snapshot: _Snapshot | None
