"""The count with no database: the file a round publishes re-tallies to the same result, and
the same ballots always make the same file and seal, whatever order they arrive in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alongside.budgeting.ballot_paper import Kind
from alongside.budgeting.counting import (
    FileBallot,
    FileProject,
    FileRound,
    ballot_file_id,
    count,
    election_for,
    pabulib_text,
    seal_of,
    sha256_text,
)
from alongside.budgeting.rules import parse_pabulib

ROUND = FileRound(
    public_id="5b0c",
    title="Youth budget 2026",
    organisation="Riverside",
    kind=Kind.CHOOSE_UP_TO,
    budget_pence=5_000_000,
    rule="mes",
    completion="add1-greedy",
    max_choices=3,
)
PROJECTS = [
    FileProject(1, "Skate park", 3_000_000),
    FileProject(2, "Music studio", 2_000_050),
    FileProject(3, "Girls' football", 1_000_000),
]

ballots = st.lists(
    st.builds(
        FileBallot,
        receipt_code=st.text("ABCDEFGHJK23456789", min_size=12, max_size=12),
        choices=st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=3, unique=True).map(
            lambda c: tuple(sorted(c))
        ),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda b: b.receipt_code,
)


@given(ballots, st.randoms())
def test_the_same_ballots_make_the_same_file_in_any_order(cast: list[FileBallot], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(cast)
    rnd.shuffle(shuffled)
    first = pabulib_text(election_for(ROUND, PROJECTS, cast))
    second = pabulib_text(election_for(ROUND, PROJECTS, shuffled))
    assert first == second
    assert all(b.receipt_code not in first for b in cast)


@given(ballots)
def test_the_published_file_re_tallies_to_the_published_result(cast: list[FileBallot]) -> None:
    election = election_for(ROUND, PROJECTS, cast)
    published = count(election, "mes", "add1-greedy")
    recounted = count(parse_pabulib(pabulib_text(election)), "mes", "add1-greedy")
    assert recounted.selected == published.selected
    spent = sum(p.cost_pence for p in PROJECTS if p.number in published.selected)
    assert spent <= ROUND.budget_pence


def test_the_file_counts_in_pounds_and_names_ballots_by_a_hash_of_their_code() -> None:
    text = pabulib_text(election_for(ROUND, PROJECTS, [FileBallot("AAAA-BBBB-CCCC", (1, 2))]))
    assert "budget;50000\n" in text
    assert "2;20000.5;Music studio" in text
    assert ballot_file_id("AAAA-BBBB-CCCC") in text
    assert "AAAA-BBBB-CCCC" not in text


def test_the_seal_of_one_budget_is_its_files_hash_and_of_areas_a_hash_of_the_list() -> None:
    assert seal_of({"": "ab" * 32}) == "ab" * 32
    areas = seal_of({"North": "01" * 32, "East": "02" * 32})
    assert areas == sha256_text(f"East\t{'02' * 32}\nNorth\t{'01' * 32}\n")
