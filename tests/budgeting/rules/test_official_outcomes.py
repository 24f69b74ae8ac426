"""Every official outcome in the conformance set, recounted by the rule its file records.

A file takes part when its PROJECTS carry a ``selected`` column and its META names the city's
``rule`` (anything but ``unknown``). The engine tallies it by that rule with the parameters
META records (``tally_as_recorded``) and must select exactly the projects marked selected.
The one it cannot reproduce from what the file holds is checked for the reason
docs/budgeting-rules.md gives, so that a change in the file or the engine is noticed.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from alongside.budgeting.rules import Election, tally, tally_as_recorded
from tests.budgeting.rules.helpers import election, pb_dir, pb_missing

NOT_REPRODUCIBLE = {"Poland_Warszawa_2019_Targowek_Mieszkaniowy.pb"}
"""Decided by a tie the file does not say how the city broke (see the test below)."""


def recorded_files() -> dict[str, str]:
    """The files taking part and the rule each records, found from their META and PROJECTS
    header alone (collection must not parse a hundred thousand ballots)."""
    if pb_missing() is not None:
        return {}
    names: dict[str, str] = {}
    for path in sorted(pb_dir().glob("*.pb")):
        rule, header = "unknown", ""
        with path.open(encoding="utf-8-sig") as lines:
            for line in lines:
                if line.strip().lower().startswith("rule;"):
                    rule = line.split(";")[1].strip()
                if line.strip().lower() == "projects":
                    header = next(lines)
                    break
        if "selected" in header.strip().split(";") and rule != "unknown":
            names[path.name] = rule
    return names


FILES = recorded_files()


def official(el: Election) -> set[str]:
    return {p.id for p in el.instance.projects if p.extra.get("selected", "0") != "0"}


def test_every_rule_cities_used_is_in_the_set(pb: Path) -> None:
    assert len(FILES) >= 22
    assert set(FILES.values()) == {
        "greedy",
        "greedy-threshold",
        "greedy-no-skip",
        "greedy-exclusive",
        "greedy-custom",
        "equalshares/add1",
        "equalshares/add1-comparison",
    }
    assert set(FILES) >= NOT_REPRODUCIBLE


@pytest.mark.parametrize(
    "name", [n for n in FILES if n not in NOT_REPRODUCIBLE] or ["the-conformance-set-is-missing"]
)
def test_the_official_outcome_is_reproduced(pb: Path, name: str) -> None:
    el = election(name)
    assert set(tally_as_recorded(el).selected) == official(el)


@pytest.mark.parametrize(
    "name",
    [n for n, rule in FILES.items() if rule.startswith("greedy")]
    or ["the-conformance-set-is-missing"],
)
def test_the_score_counted_is_the_files(pb: Path, name: str) -> None:
    # The score the engine counts from the ballots is the file's own score column (votes for
    # approval ballots): the count ranks projects exactly as the city did
    el = election(name)
    result = tally(el, "greedy-score")
    assert result.scored_run is not None
    column = "score" if "score" in el.instance.projects[0].extra else "votes"
    files = tuple(Fraction(p.extra[column]) for p in el.instance.projects)
    assert result.scored_run.scores == files


def test_targowek_2019_was_decided_by_a_tie_the_file_does_not_break(pb: Path) -> None:
    # Given Warszawa 2019, Targówek Mieszkaniowy, counted by votes
    el = election("Poland_Warszawa_2019_Targowek_Mieszkaniowy.pb")
    result = tally_as_recorded(el)
    votes = {p.id: int(p.extra["votes"]) for p in el.instance.projects}
    # Then the engine and the city agree on the first eight projects, and the ninth place is
    # a three-way tie at 173 votes with 69,767 PLN left
    assert set(result.selected) ^ official(el) == {"1159", "797", "845", "98"}
    tied = sorted(p for p, n in votes.items() if n == 173)
    assert tied == ["1159", "797", "845"]
    first_eight = official(el) - {"797"}
    assert set(result.selected) >= first_eight
    assert el.instance.budget - sum(el.instance.project(p).cost for p in first_eight) == 69767
    # The published tie-break (project ids as text) takes 1159, then 845 and 98 fit; the city
    # took 797, the dearest, after which nothing else fits
    assert result.selected[len(first_eight) :] == ["1159", "845", "98"]
    dearest_first = sorted(tied, key=lambda p: -el.instance.project(p).cost)
    assert dearest_first[0] == "797"
