"""Reads for closing, sealing and counting a round, and for its published results.

The file a round is sealed with is built here from the stored ballots (``files_from_ballots``),
so that closing a round and ``alongside budget verify`` build it the same way, and what the
count task writes for each file is worked out here too (``result_fields``), so that verify
can compare a stored result with a fresh count of the same ballots.

A round whose areas each have their own part of the budget has one file per area, holding
that area's projects and, from each ballot, the choices among them (a ballot that chose
nothing there is not in that area's file). Otherwise it has one file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from alongside.budgeting import selectors
from alongside.budgeting.ballot_paper import Kind
from alongside.budgeting.counting import (
    Count,
    FileBallot,
    FileProject,
    FileRound,
    count,
    election_for,
    pabulib_text,
    seal_of,
    sha256_text,
)
from alongside.budgeting.models import Area, PaperEntry, Proposal, Result, Round, SealedFile
from alongside.budgeting.rules import Election, parse_pabulib
from alongside.core.errors import Conflict, NotFound

NOT_PUBLISHED = "The results of this round have not been published yet."
# Pabulib files write their dates day first.
FILE_DATE = "%d.%m.%Y"


@dataclass(frozen=True)
class FileToSeal:
    area: Area | None
    area_name: str
    election: Election
    text: str
    sha256: str


def has_sub_budgets(*, round_: Round) -> bool:
    """Whether each area has its own part of the budget (then there is a file per area).

    Raises ``Conflict`` when only some do: such a round cannot be counted either way."""
    budgets = list(selectors.areas_of(round_=round_).values_list("budget_pence", flat=True))
    given = [b for b in budgets if b is not None]
    if given and len(given) != len(budgets):
        raise Conflict(
            "Some areas have their own part of the budget and some do not. Give every area "
            "its part, or none, before voting closes."
        )
    return bool(given)


def _file_date(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime(FILE_DATE) if value else ""


@dataclass(frozen=True)
class Described:
    """What a sealed file's META says in words (the round's title, the organisation's and the
    area's names): kept as sealed when a file is built again, so renaming one later does not
    look like tampering. Everything that counts is read from the database afresh."""

    title: str
    organisation: str
    area: str

    @classmethod
    def of(cls, text: str) -> Described:
        meta = parse_pabulib(text).instance.meta
        return cls(meta.get("description", ""), meta.get("unit", ""), meta.get("district", ""))


def file_round(
    round_: Round, *, area: Area | None, sealed_at: dt.datetime, described: Described | None
) -> FileRound:
    budget = round_.budget_pence
    if area is not None and area.budget_pence is not None:
        budget = area.budget_pence
    return FileRound(
        public_id=str(round_.public_id),
        title=described.title if described else round_.title,
        organisation=described.organisation if described else round_.organisation.name,
        kind=Kind(round_.ballot_kind),
        budget_pence=budget,
        rule=round_.rule,
        completion=round_.completion,
        max_choices=round_.max_choices,
        points_to_share=round_.points_to_share,
        area=(described.area if described else area.name) if area is not None else "",
        date_begin=_file_date(round_.voting_opens_at),
        date_end=_file_date(sealed_at),
    )


def _stored_ballots(round_: Round) -> list[tuple[str, list[int], list[int] | None]]:
    return list(
        selectors.counted_ballots(round_=round_).values_list("receipt_code", "choices", "points")
    )


def _within(
    ballots: Iterable[tuple[str, list[int], list[int] | None]], numbers: set[int]
) -> list[FileBallot]:
    """Each ballot's choices among these projects, in its own order (a ranking stays one)."""
    kept = []
    for code, choices, points in ballots:
        given = points if points is not None else [0] * len(choices)
        pairs = [(n, p) for n, p in zip(choices, given, strict=True) if n in numbers]
        if not pairs:
            continue
        kept.append(
            FileBallot(
                receipt_code=code,
                choices=tuple(n for n, _ in pairs),
                points=tuple(int(p) for _, p in pairs) if points is not None else None,
            )
        )
    return kept


def files_from_ballots(
    *, round_: Round, sealed_at: dt.datetime, described: dict[str, Described] | None = None
) -> list[FileToSeal]:
    """The round's file(s) built now from its stored ballots and the projects on its ballot
    paper, by area name ("" for one budget). ``described`` keeps the words of files already
    sealed (see ``Described``)."""
    areas: list[Area | None] = (
        list(selectors.areas_of(round_=round_)) if has_sub_budgets(round_=round_) else [None]
    )
    ballots = _stored_ballots(round_)
    files = []
    for area in areas:
        name = area.name if area is not None else ""
        projects = [
            FileProject(number=p.number, title=p.title, cost_pence=p.cost_pence)
            for p in selectors.on_ballot(round_=round_, area=area)
        ]
        file_round_ = file_round(
            round_,
            area=area,
            sealed_at=sealed_at,
            described=(described or {}).get(name),
        )
        election = election_for(
            file_round_, projects, _within(ballots, {p.number for p in projects})
        )
        text = pabulib_text(election)
        files.append(FileToSeal(area, name, election, text, sha256_text(text)))
    return files


def sealed_files(*, round_: Round) -> list[SealedFile]:
    return list(SealedFile.objects.filter(round=round_).select_related("area"))


def sealed_file(*, round_: Round, area_name: str) -> SealedFile:
    found = SealedFile.objects.filter(round=round_, area_name=area_name).first()
    if found is None:
        raise NotFound(f"This round has no file for the area {area_name!r}.")
    return found


def result_fields(
    election: Election, tally: Count, *, rule: str, completion: str
) -> dict[str, Any]:
    """What the count writes to a ``Result`` for one file (budget and area aside)."""
    projects: dict[str, dict[str, object]] = {}
    for number, data in tally.projects.items():
        cost = Fraction(str(data["cost"]))
        projects[number] = {**data, "cost_pence": int(cost * 100)}
    return {
        "rule": rule,
        "completion": "" if rule == Round.Rule.GREEDY else completion,
        "ballots_counted": len(election.profile.ballots),
        "selected": tally.selected,
        "greedy_selected": tally.greedy_selected,
        "projects": projects,
    }


def count_file(election: Election, *, rule: str, completion: str) -> dict[str, Any]:
    return result_fields(
        election, count(election, rule, completion), rule=rule, completion=completion
    )


def results_of(*, round_: Round) -> list[Result]:
    return list(Result.objects.filter(round=round_).select_related("area"))


UNSETTLED = (PaperEntry.Status.WAITING, PaperEntry.Status.HELD)


def uncounted_papers(*, round_: Round) -> QuerySet[PaperEntry]:
    """Paper ballots not counted: waiting for a second typing or held (not settled yet), and
    spoilt (looked at and found not to be countable)."""
    return (
        PaperEntry.objects.filter(round=round_)
        .exclude(status=PaperEntry.Status.COUNTED)
        .select_related("polling_station")
        .order_by("status", "paper_number")
    )


def unsettled_papers(*, round_: Round) -> int:
    """Papers still to be typed a second time or decided: the round is not sealed until none
    is left (a paper cast before the close counts until the seal)."""
    return PaperEntry.objects.filter(round=round_, status__in=UNSETTLED).count()


def ballots_counted(*, round_: Round) -> int:
    return selectors.counted_ballots(round_=round_).count()


def due_round_ids(*, now: dt.datetime) -> list[int]:
    """Rounds still voting whose closing time has passed."""
    return list(
        Round.objects.filter(stage=Round.Stage.VOTING, voting_closes_at__lte=now)
        .order_by("voting_closes_at", "pk")
        .values_list("pk", flat=True)
    )


def round_published_get(*, public_id: str) -> Round:
    """A round whose results are published, for the public results page and the API."""
    round_ = selectors.round_public_get(public_id=public_id)
    if round_.published_at is None:
        raise NotFound(NOT_PUBLISHED)
    return round_


def proposals_by_number(*, round_: Round, numbers: Sequence[int]) -> dict[int, Proposal]:
    return {p.number: p for p in Proposal.objects.filter(round=round_, number__in=list(numbers))}


def round_locked_by_pk(*, pk: int) -> Round:
    return Round.objects.select_for_update().get(pk=pk)


def sealed_rounds() -> QuerySet[Round]:
    """Every sealed round, of every organisation (for ``alongside budget verify --all``)."""
    return Round.objects.exclude(seal="").select_related("organisation").order_by("pk")


def sealed_round_get(*, public_id: str) -> Round:
    round_ = Round.objects.select_related("organisation").filter(public_id=public_id).first()
    if round_ is None:
        raise NotFound(f"There is no round {public_id}.")
    return round_


def _differences(stored: Result, fresh: dict[str, Any], where: str) -> list[str]:
    found = []
    for key in ("rule", "completion", "ballots_counted", "selected", "greedy_selected"):
        if getattr(stored, key) != fresh[key]:
            found.append(
                f"its published {key.replace('_', ' ')}{where} is not what a re-count gives"
            )
    if stored.projects != fresh["projects"]:
        found.append(f"its published explanations{where} are not what a re-count gives")
    return found


def round_differences(*, round_: Round) -> list[str]:
    """Everything about a sealed round that does not check out, in words; empty if all does.

    The stored file(s) must make the seal; the ballots, projects and budget as stored now must
    make the same file(s); and a published result must be what counting them again gives."""
    if not round_.seal or round_.sealed_at is None:
        return ["it has not been sealed"]
    problems = []
    stored = sealed_files(round_=round_)
    if not stored:
        problems.append("its sealed file is missing")
    for file in stored:
        if sha256_text(file.text) != file.sha256:
            problems.append(f"the sealed file{_for(file.area_name)} does not match its hash")
    if stored and seal_of({f.area_name: sha256_text(f.text) for f in stored}) != round_.seal:
        problems.append("its sealed files do not make its seal")
    try:
        fresh = files_from_ballots(
            round_=round_,
            sealed_at=round_.sealed_at,
            described={f.area_name: Described.of(f.text) for f in stored},
        )
    except Conflict as error:
        return [*problems, error.message]
    if seal_of({f.area_name: f.sha256 for f in fresh}) != round_.seal:
        problems.append(
            "the ballots, projects or budget stored now do not make its seal: something "
            "changed after it was sealed"
        )
    if round_.published_at is None:
        return problems
    results = {r.area_id: r for r in results_of(round_=round_)}
    for built in fresh:
        where = _for(built.area_name)
        result = results.get(built.area.pk if built.area else None)
        if result is None:
            problems.append(f"its published result{where} is missing")
            continue
        if result.file_sha256 != built.sha256:
            problems.append(f"its published result{where} was not counted from this file")
        counted = count_file(built.election, rule=round_.rule, completion=round_.completion)
        problems.extend(_differences(result, counted, where))
    return problems


def _for(area_name: str) -> str:
    return f" for {area_name}" if area_name else ""
