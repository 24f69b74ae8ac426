"""From a round's proposals and ballots to a Pabulib file, its seal, and the engine's count.

Pure Python (no database): the services hand it plain rows, so the seal and the count are
the same whether they run at close, in ``alongside budget verify`` or on a researcher's
laptop with ``alongside budget tally`` on the downloaded file.

The file counts in pounds (pence as two decimal places): the engine is exact either way, and
Equal Shares' add1 completion raises each voter's share one currency unit at a time, so
pounds keep that to a number of steps a phone can re-count. Ballots are named in the file by
a hash of their receipt code and sorted by it, so the file holds no code, no person and no
time a ballot was cast, and the same ballots always make the same bytes.

The seal of a round with one budget is the SHA-256 of its file. With a budget per area there
is one file per area, and the seal is the SHA-256 of the lines ``<area name>\\t<file SHA-256>``
sorted by area name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from alongside.budgeting.ballot_paper import Kind
from alongside.budgeting.rules import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Profile,
    Project,
    election_to_pabulib,
    explain_projects,
    tally,
)
from alongside.budgeting.rules.model import format_number

ENGINE_KIND = {
    Kind.CHOOSE_UP_TO: BallotKind.APPROVAL,
    Kind.CHOOSE_ONE: BallotKind.APPROVAL,
    Kind.APPROVAL_WITHIN_BUDGET: BallotKind.APPROVAL,
    Kind.POINTS: BallotKind.CUMULATIVE,
    Kind.RANK: BallotKind.ORDINAL,
}


@dataclass(frozen=True, slots=True)
class FileProject:
    number: int
    title: str
    cost_pence: int


@dataclass(frozen=True, slots=True)
class FileBallot:
    receipt_code: str
    choices: tuple[int, ...]
    points: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class FileRound:
    """What the file's META says about the round."""

    public_id: str
    title: str
    organisation: str
    kind: Kind
    budget_pence: int
    rule: str
    completion: str
    max_choices: int | None = None
    points_to_share: int | None = None
    area: str = ""
    date_begin: str = ""
    date_end: str = ""


def ballot_file_id(receipt_code: str) -> str:
    """The id a ballot has in the Pabulib file: a hash of its receipt code, never the code."""
    return hashlib.sha256(f"alongside-ballot:{receipt_code}".encode()).hexdigest()[:16]


def pounds(pence: int) -> Fraction:
    return Fraction(pence, 100)


def _meta(round_: FileRound, num_projects: int, num_votes: int) -> dict[str, str]:
    meta = {
        "description": round_.title,
        "country": "United Kingdom",
        "unit": round_.organisation,
        "instance": round_.public_id,
        "district": round_.area,
        "num_projects": str(num_projects),
        "num_votes": str(num_votes),
        "budget": "",
        "vote_type": ENGINE_KIND[round_.kind].value,
        "rule": round_.rule if round_.rule == "greedy" else f"{round_.rule}/{round_.completion}",
        "currency": "GBP",
        "date_begin": round_.date_begin,
        "date_end": round_.date_end,
        "min_length": "1",
    }
    if round_.kind is Kind.CHOOSE_ONE:
        meta["max_length"] = "1"
    elif round_.kind in (Kind.CHOOSE_UP_TO, Kind.RANK) and round_.max_choices:
        meta["max_length"] = str(round_.max_choices)
    elif round_.kind is Kind.APPROVAL_WITHIN_BUDGET:
        meta["max_sum_cost"] = format_number(pounds(round_.budget_pence))
    if round_.kind is Kind.POINTS and round_.points_to_share:
        meta["max_sum_points"] = str(round_.points_to_share)
    return {key: value for key, value in meta.items() if value}


def election_for(
    round_: FileRound, projects: Sequence[FileProject], ballots: Sequence[FileBallot]
) -> Election:
    """The round as the engine's election, ballots in the file's order (by their file id)."""
    kind = ENGINE_KIND[round_.kind]
    ordered = sorted(projects, key=lambda p: p.number)
    engine_projects = tuple(
        Project(id=str(p.number), cost=pounds(p.cost_pence), name=p.title) for p in ordered
    )
    named = sorted(((ballot_file_id(b.receipt_code), b) for b in ballots), key=lambda x: x[0])
    engine_ballots = tuple(
        Ballot(
            voter_id=file_id,
            projects=tuple(str(n) for n in b.choices),
            points=tuple(b.points or ()) if kind.has_points else None,
        )
        for file_id, b in named
    )
    meta = _meta(round_, len(engine_projects), len(engine_ballots))
    instance = Instance(budget=pounds(round_.budget_pence), projects=engine_projects, meta=meta)
    return Election(instance=instance, profile=Profile(kind=kind, ballots=engine_ballots))


def pabulib_text(election: Election) -> str:
    return election_to_pabulib(election)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal_of(file_hashes: Mapping[str, str]) -> str:
    """The seal from each file's SHA-256, keyed by area name ("" for a round with one budget)."""
    if set(file_hashes) == {""}:
        return file_hashes[""]
    lines = "".join(f"{area}\t{digest}\n" for area, digest in sorted(file_hashes.items()))
    return sha256_text(lines)


@dataclass(frozen=True, slots=True)
class Count:
    selected: list[int]
    greedy_selected: list[int]
    projects: dict[str, dict[str, object]]
    """Per proposal number (as text): votes, points, cost, stage, reason, text, amounts."""


def count(election: Election, rule: str, completion: str) -> Count:
    """The engine's count of the election, and what plain greedy would have funded beside it."""
    completion_arg = None if rule == "greedy" else completion
    result = tally(election, rule, completion=completion_arg)
    greedy_result = tally(election, "greedy")
    explanations = explain_projects(result)
    points: dict[str, int] = {}
    if election.profile.kind.has_points:
        for ballot in election.profile.ballots:
            for project_id, p in zip(ballot.projects, ballot.points or (), strict=True):
                points[project_id] = points.get(project_id, 0) + int(p)
    projects: dict[str, dict[str, object]] = {}
    for project_id, explanation in explanations.items():
        data = explanation.as_dict()
        if points:
            data["points"] = points.get(project_id, 0)
        projects[project_id] = data
    return Count(
        selected=[int(p) for p in result.selected],
        greedy_selected=[int(p) for p in greedy_result.selected],
        projects=projects,
    )
