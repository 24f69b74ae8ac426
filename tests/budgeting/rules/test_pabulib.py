"""Reading and writing Pabulib files: every vote type, the variations real files show, every
error the parser raises (with its line number), and lossless round trips.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    PabulibError,
    Profile,
    Project,
    election_to_pabulib,
    parse_pabulib,
    read_pabulib,
    tally,
    write_pabulib,
)
from alongside.budgeting.rules.model import format_number
from tests.budgeting.rules.helpers import elections, expected
from tests.hypothesis_profiles import examples

# Line numbers in the error tests below refer to these rows (line N is BASE[N - 1]).
BASE = [
    "META",  # 1
    "key;value",  # 2
    "budget;10",  # 3
    "vote_type;approval",  # 4
    "PROJECTS",  # 5
    "project_id;cost",  # 6
    "p1;5",  # 7
    "p2;6",  # 8
    "VOTES",  # 9
    "voter_id;vote",  # 10
    "v1;p1",  # 11
    "v2;p1,p2",  # 12
]


def text(rows: list[str], edits: dict[int, str] | None = None) -> str:
    """The rows as a file, with line N replaced by ``edits[N]`` (which may hold newlines)."""
    out = list(rows)
    for number, replacement in (edits or {}).items():
        out[number - 1] = replacement
    return "\n".join(out) + "\n"


def error_of(data: str | bytes) -> PabulibError:
    with pytest.raises(PabulibError) as info:
        parse_pabulib(data, source="test.pb")
    return info.value


def votes_of(election: Election) -> list[tuple[str, tuple[str, ...], object]]:
    return [(b.voter_id, b.projects, b.points) for b in election.profile.ballots]


# ----------------------------------------------------------------- vote types


def test_approval_file_is_read_exactly() -> None:
    # Given a complete approval file with labels and an empty ballot
    data = text(
        [
            "META",
            "key;value",
            "description;Riverside youth budget",
            "budget;12000",
            "vote_type;approval",
            "currency;GBP",
            "PROJECTS",
            "project_id;cost;name;category;target",
            "p1;5000;Skate park;sport,youth;teenagers",
            "p2;7000;Library books;culture;children,teenagers",
            "p3;1500;Bike racks;None;None",
            "VOTES",
            "voter_id;vote",
            "v1;p1,p2",
            "v2;p3",
            "v3;",
        ]
    )
    # When it is parsed
    el = parse_pabulib(data)
    # Then every value is as written
    assert el.instance.budget == 12000
    assert el.instance.currency == "GBP"
    assert el.instance.meta["description"] == "Riverside youth budget"
    teens, children = frozenset({"teenagers"}), frozenset({"children", "teenagers"})
    assert el.instance.projects == (
        Project("p1", 5000, "Skate park", frozenset({"sport", "youth"}), teens),
        Project("p2", 7000, "Library books", frozenset({"culture"}), children),
        Project("p3", 1500, "Bike racks"),
    )
    assert el.profile.kind is BallotKind.APPROVAL
    assert votes_of(el) == [("v1", ("p1", "p2"), None), ("v2", ("p3",), None), ("v3", (), None)]


def test_choose_1_is_read_as_approval() -> None:
    el = parse_pabulib(text(BASE, {4: "vote_type;choose-1"}))
    assert el.profile.kind is BallotKind.APPROVAL
    assert votes_of(el) == [("v1", ("p1",), None), ("v2", ("p1", "p2"), None)]


def test_cumulative_points_are_exact() -> None:
    data = text(
        BASE,
        {
            4: "vote_type;cumulative",
            10: "voter_id;vote;points",
            11: "v1;p1,p2;3,7",
            12: "v2;p2;2.5",
        },
    )
    el = parse_pabulib(data)
    assert el.profile.kind is BallotKind.CUMULATIVE
    assert votes_of(el) == [("v1", ("p1", "p2"), (3, 7)), ("v2", ("p2",), (Fraction(5, 2),))]


def test_scoring_allows_negative_points() -> None:
    data = text(
        BASE,
        {4: "vote_type;scoring", 10: "voter_id;vote;points", 11: "v1;p1,p2;-2,1", 12: "v2;;"},
    )
    el = parse_pabulib(data)
    assert el.profile.kind is BallotKind.SCORING
    assert votes_of(el) == [("v1", ("p1", "p2"), (-2, 1)), ("v2", (), ())]


def test_ordinal_keeps_the_ranking_order() -> None:
    data = text(BASE, {4: "vote_type;ordinal", 11: "v1;p2,p1", 12: "v2;p1,p2,p1"})
    el = parse_pabulib(data)
    assert el.profile.kind is BallotKind.ORDINAL
    # A project ranked twice keeps its first place.
    assert votes_of(el) == [("v1", ("p2", "p1"), None), ("v2", ("p1", "p2"), None)]


def test_a_project_approved_twice_counts_once() -> None:
    el = parse_pabulib(text(BASE, {12: "v2;p2,p1,p2"}))
    assert votes_of(el)[1] == ("v2", ("p2", "p1"), None)


def test_cumulative_project_named_twice_keeps_its_place_and_the_last_points() -> None:
    data = text(
        BASE,
        {
            4: "vote_type;cumulative",
            10: "voter_id;vote;points",
            11: "v1;p1,p2,p1;1,2,3",
            12: "v2;;",
        },
    )
    assert votes_of(parse_pabulib(data))[0] == ("v1", ("p1", "p2"), (3, 2))


# ----------------------------------------------------------------- real-file variations


def test_bom_and_crlf_as_bytes() -> None:
    data = ("\ufeff" + text(BASE).replace("\n", "\r\n")).encode("utf-8")
    el = parse_pabulib(data)
    assert el.instance.budget == 10
    assert [p.id for p in el.instance.projects] == ["p1", "p2"]
    assert votes_of(el) == [("v1", ("p1",), None), ("v2", ("p1", "p2"), None)]


def test_bom_in_a_string() -> None:
    el = parse_pabulib("\ufeff" + text(BASE))
    assert el.instance.meta["budget"] == "10"
    assert list(el.instance.meta) == ["budget", "vote_type"]


def test_quoted_fields_may_hold_separators_and_quotes() -> None:
    data = text(
        BASE,
        {
            6: "project_id;cost;name",
            7: 'p1;5;"Park; phase 2, with ""quotes"""',
            8: 'p2;6;"Two\nlines"',
        },
    )
    el = parse_pabulib(data)
    assert el.instance.projects[0].name == 'Park; phase 2, with "quotes"'
    assert el.instance.projects[1].name == "Two\nlines"
    # The quoted newline does not shift the votes.
    assert votes_of(el) == [("v1", ("p1",), None), ("v2", ("p1", "p2"), None)]


def test_unquoted_semicolon_in_a_meta_value_is_joined_back() -> None:
    el = parse_pabulib(text(BASE, {2: "key;value\ndescription;Riverside; north;south"}))
    assert el.instance.meta["description"] == "Riverside; north;south"


def test_blank_lines_spaces_case_and_trailing_separators() -> None:
    data = "\n".join(
        [
            "",
            "  meta  ",
            "key;value",
            " budget ; 10 ",
            "vote_type;Approval",
            "",
            "Projects",
            "project_id;cost;",
            " p1 ; 5 ;",
            "p2;6;;",
            "   ",
            "votes",
            "voter_id;vote",
            "v1;p1;",
            "",
            "v2; p1, p2 ",
            "v3;p2,",
            "v4;None",
            "",
            "",
            "",
        ]
    )
    el = parse_pabulib(data)
    assert el.instance.budget == 10
    assert [(p.id, p.cost) for p in el.instance.projects] == [("p1", 5), ("p2", 6)]
    assert votes_of(el) == [
        ("v1", ("p1",), None),
        ("v2", ("p1", "p2"), None),
        ("v3", ("p2",), None),
        ("v4", (), None),
    ]


def test_decimal_budget_and_costs_are_exact() -> None:
    el = parse_pabulib(text(BASE, {3: "budget;2917710.16", 7: "p1;12,5", 8: "p2;1e3"}))
    assert el.instance.budget == Fraction(291771016, 100)
    assert [p.cost for p in el.instance.projects] == [Fraction(25, 2), 1000]
    assert isinstance(el.instance.projects[1].cost, int)


def test_extra_columns_are_kept() -> None:
    data = text(
        BASE,
        {
            6: "project_id;cost;votes;name;district",
            7: "p1;5;2;Park;North",
            8: "p2;6;1;Pool;None",
            10: "voter_id;vote;age;sex",
            11: "v1;p1;17;F",
            12: "v2;p1,p2;None;",
        },
    )
    el = parse_pabulib(data)
    assert dict(el.instance.projects[0].extra) == {"votes": "2", "district": "North"}
    assert dict(el.instance.projects[1].extra) == {"votes": "1"}
    assert el.profile.extra_fields == ("age", "sex")
    first, second = el.profile.ballots
    assert first.extra == ("17", "F")
    assert el.profile.meta(first) == {"age": "17", "sex": "F"}
    assert el.profile.meta(second) == {}


def test_votes_without_a_voter_id_column_are_numbered() -> None:
    el = parse_pabulib(text(BASE, {10: "vote", 11: "p1", 12: "p1,p2"}))
    assert votes_of(el) == [("0", ("p1",), None), ("1", ("p1", "p2"), None)]


def test_no_voters_at_all() -> None:
    el = parse_pabulib(text(BASE[:10]))
    assert el.profile.ballots == ()
    assert el.profile.kind is BallotKind.APPROVAL


# ----------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("edits", "line", "reason"),
    [
        pytest.param({1: "budget;10\nMETA"}, 1, "data before the first section marker", id="data"),
        pytest.param(
            {1: "PROJECTS"}, 1, "the PROJECTS section comes before META", id="out-of-order"
        ),
        pytest.param({9: "META"}, 9, "the META section appears twice", id="meta-twice"),
        pytest.param({9: "PROJECTS"}, 9, "the PROJECTS section appears twice", id="projects-twice"),
        pytest.param(
            {12: "v2;p1\nPROJECTS"}, 13, "the PROJECTS section comes after VOTES", id="after-votes"
        ),
        pytest.param(
            {6: "project_id;price"}, 6, "the PROJECTS header has no 'cost' column", id="no-cost"
        ),
        pytest.param({8: "p2;6;x"}, 8, "3 fields but the PROJECTS header has 2", id="columns"),
        pytest.param({8: "None;6"}, 8, "a project without a project_id", id="no-id"),
        pytest.param({8: ";6"}, 8, "a project without a project_id", id="empty-id"),
        pytest.param({8: "p2;None"}, 8, "project 'p2' has no cost", id="cost-none"),
        pytest.param({8: "p2"}, 8, "project 'p2' has no cost", id="cost-missing"),
        pytest.param({8: "p2;abc"}, 8, "project 'p2': cost is not a number: 'abc'", id="bad-cost"),
        pytest.param({8: "p2;1,000,000"}, 8, "project 'p2': cost is not a number", id="thousands"),
        pytest.param({8: "p2;-6"}, 8, "project 'p2' has a negative cost", id="negative-cost"),
        pytest.param({8: "p1;6"}, 8, "project 'p1' is listed twice", id="duplicate-project"),
        pytest.param(
            {12: "v2;p1,p9"}, 12, "voter 'v2' votes for unknown project 'p9'", id="unknown"
        ),
        pytest.param(
            {4: "vote_type;plurality"}, 4, "unknown vote_type 'plurality'", id="vote-type"
        ),
        pytest.param({4: "currency;GBP"}, 10, "META has no 'vote_type'", id="no-vote-type"),
        pytest.param({3: "budget;ten"}, 3, "META budget: not a number: 'ten'", id="bad-budget"),
        pytest.param({3: "budget;-10"}, 3, "META budget is negative", id="negative-budget"),
        pytest.param({9: "VOTES"}, 9, "the VOTES section has no header line", id="no-header"),
        pytest.param(
            {10: "voter_id;ballot"}, 10, "the VOTES header has no 'vote' column", id="no-vote"
        ),
    ],
)
def test_errors_name_the_line_and_the_reason(edits: dict[int, str], line: int, reason: str) -> None:
    rows = BASE[:9] if "no header" in reason else BASE
    error = error_of(text(rows, edits))
    assert error.line == line
    assert error.reason.startswith(reason)
    assert str(error).startswith(f"test.pb, line {line}: {reason}")


@pytest.mark.parametrize(
    ("kind", "edits", "line", "reason"),
    [
        pytest.param(
            "cumulative",
            {10: "voter_id;vote"},
            10,
            "cumulative votes need a 'points' column in the VOTES header",
            id="no-points-column",
        ),
        pytest.param(
            "cumulative",
            {12: "v2;p1,p2;1"},
            12,
            "voter 'v2' names 2 projects but gives 1 points",
            id="count",
        ),
        pytest.param(
            "scoring",
            {12: "v2;p1,p2;1,x"},
            12,
            "voter 'v2': points not a number: 'x'",
            id="bad-points",
        ),
        pytest.param(
            "cumulative",
            {12: "v2;p1,p2;1,²"},
            12,
            # The wording comes from model.parse_number ("invalid literal for int() ...").
            "voter 'v2': points ",
            id="unicode-digit",
        ),
        pytest.param(
            "cumulative",
            {12: "v2;p1,p2;1,-1"},
            12,
            "voter 'v2' gives negative points",
            id="negative-points",
        ),
        pytest.param(
            "cumulative",
            {12: "v2;p1,p9;1,1"},
            12,
            "voter 'v2' votes for unknown project 'p9'",
            id="unknown",
        ),
    ],
)
def test_points_errors_name_the_line_and_the_reason(
    kind: str, edits: dict[int, str], line: int, reason: str
) -> None:
    points = {4: f"vote_type;{kind}", 10: "voter_id;vote;points", 11: "v1;p1;1", 12: "v2;p2;1"}
    error = error_of(text(BASE, {**points, **edits}))
    assert error.line == line
    assert str(error).startswith(f"test.pb, line {line}: {reason}")


def test_the_line_number_counts_blank_lines_and_quoted_newlines() -> None:
    data = text(BASE, {6: "project_id;cost;name", 7: 'p1;5;"a\n\nb"', 11: "\nv1;p1\n"})
    # Lines: 7-9 hold p1's quoted name, p2 is line 10, VOTES 11, header 12, blank 13, v1 14,
    # blank 15, v2 16.
    error = error_of(data.replace("v2;p1,p2", "v2;p1,p3"))
    assert (error.line, error.reason) == (16, "voter 'v2' votes for unknown project 'p3'")


def test_a_line_too_long_to_split() -> None:
    # A field beyond the csv module's limit (131,072 characters).
    projects = error_of(text(BASE, {8: "p2;6;" + "x" * 200_000}))
    votes = error_of(text(BASE, {12: "v2;" + "p1," * 70_000}))
    assert projects.line == 8
    assert projects.reason.startswith("cannot split the line: field larger than field limit")
    assert votes.line == 12
    assert votes.reason.startswith("cannot split the line: field larger than field limit")


def test_bytes_that_are_not_utf8() -> None:
    error = error_of(text(BASE).encode("utf-8").replace(b"p2;6", b"p2;\xff6"))
    assert (error.line, error.reason) == (8, "the file is not UTF-8 text")
    assert str(error) == "test.pb, line 8: the file is not UTF-8 text"


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        pytest.param(BASE[:4], "there is no PROJECTS section", id="no-projects"),
        pytest.param(BASE[:8], "there is no VOTES section", id="no-votes"),
        pytest.param([], "there is no META section", id="empty"),
        pytest.param([*BASE[:2], *BASE[3:]], "META has no 'budget'", id="no-budget"),
    ],
)
def test_whole_file_errors_have_no_line(rows: list[str], reason: str) -> None:
    error = error_of(text(rows))
    assert error.line is None
    assert str(error) == f"test.pb: {reason}"


def test_rows_of_empty_cells_are_blank_lines_in_meta_and_projects() -> None:
    el = parse_pabulib(text(BASE, {3: "budget;10\n;;", 7: "p1;5\n ; ;"}))
    assert el.instance.budget == 10
    assert dict(el.instance.meta) == {"budget": "10", "vote_type": "approval"}
    assert [p.id for p in el.instance.projects] == ["p1", "p2"]


def test_read_pabulib_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "riverside.pb"
    path.write_text(text(BASE, {8: "p2;abc"}), encoding="utf-8")
    with pytest.raises(PabulibError, match=r"^riverside\.pb, line 8: project 'p2': cost is"):
        read_pabulib(path)
    with pytest.raises(PabulibError, match="cannot read the file: No such file") as info:
        read_pabulib(tmp_path / "missing.pb")
    assert info.value.line is None
    assert str(tmp_path / "missing.pb") in str(info.value)


# ----------------------------------------------------------------- writing

LABEL = st.text(st.sampled_from(list("abcXYZ09 ;,'\"éĄ-")), min_size=1, max_size=8).filter(
    lambda s: s == s.strip() and s.lower() != "none"
)
"""Cell values as real files have them: stripped, never the word None, with separators."""
NAME = st.one_of(st.just(""), LABEL, st.tuples(LABEL, LABEL).map("\n".join))
TOKEN = LABEL.filter(lambda s: "," not in s and s == s.strip() and s.lower() != "none").map(
    str.strip
)


@st.composite
def rich_elections(draw: st.DrawFn) -> Election:
    """The helpers' elections of every kind, with names, labels, extra columns and meta."""
    kind = draw(st.sampled_from(list(BallotKind)))
    base = draw(elections(kind=kind, decimals=True))
    projects = tuple(
        Project(
            p.id,
            p.cost,
            draw(NAME),
            frozenset(draw(st.lists(TOKEN, max_size=3))),
            frozenset(draw(st.lists(TOKEN, max_size=2))),
            draw(st.dictionaries(st.sampled_from(["district", "votes"]), LABEL, max_size=2)),
        )
        for p in base.instance.projects
    )
    extra_fields = tuple(draw(st.lists(st.sampled_from(["age", "sex"]), unique=True)))
    fractional = Fraction(draw(st.sampled_from([1, 2, 4, 10])))
    sign = -1 if kind is BallotKind.SCORING and draw(st.booleans()) else 1
    ballots = tuple(
        Ballot(
            b.voter_id,
            b.projects,
            None if b.points is None else tuple(sign * pt / fractional for pt in b.points),
            tuple(draw(LABEL) for _ in extra_fields),
        )
        for b in base.profile.ballots
    )
    meta = {"vote_type": kind.value, "description": draw(LABEL), "currency": "GBP"}
    instance = Instance(base.instance.budget, projects, meta)
    return Election(instance, Profile(kind, ballots, extra_fields))


# Generating labels, names and extra columns costs more than the round trip checked.
@settings(examples(0.3), suppress_health_check=[HealthCheck.too_slow])
@given(rich_elections())
def test_writing_then_reading_gives_the_same_election(el: Election) -> None:
    # Given any election, when it is written and read back
    written = election_to_pabulib(el)
    back = parse_pabulib(written)
    # Then it is the same election (projects, ballots, points, extra columns) ...
    assert back == el
    assert [dict(p.extra) for p in back.instance.projects] == [
        dict(p.extra) for p in el.instance.projects
    ]
    # ... with the same meta, plus the counts the writer adds.
    assert dict(back.instance.meta) == {
        **el.instance.meta,
        "budget": format_number(el.instance.budget),
        "num_projects": str(len(el.instance.projects)),
        "num_votes": str(len(el.profile.ballots)),
    }
    # And writing is stable.
    assert election_to_pabulib(back) == written


def test_the_writer_corrects_a_stale_vote_type() -> None:
    instance = Instance(5, (Project("a", 5),), {"vote_type": "approval"})
    el = Election(instance, Profile(BallotKind.ORDINAL, (Ballot("v1", ("a",)),)))
    written = election_to_pabulib(el)
    assert "vote_type;ordinal\n" in written
    assert parse_pabulib(written) == el


def test_the_writer_output_is_the_documented_layout() -> None:
    instance = Instance(
        Fraction(21, 2),
        (Project("a", 5, "Park; north", frozenset({"green"})), Project("b", Fraction(11, 2))),
        {"vote_type": "cumulative"},
    )
    profile = Profile(
        BallotKind.CUMULATIVE,
        (Ballot("v1", ("a", "b"), (1, Fraction(1, 2)), ("17",)), Ballot("v2", (), (), ("",))),
        ("age",),
    )
    assert election_to_pabulib(Election(instance, profile)) == (
        "META\n"
        "key;value\n"
        "vote_type;cumulative\n"
        "budget;10.5\n"
        "num_projects;2\n"
        "num_votes;2\n"
        "PROJECTS\n"
        "project_id;cost;name;category;target\n"
        'a;5;"Park; north";green;None\n'
        "b;5.5;None;None;None\n"
        "VOTES\n"
        "voter_id;vote;points;age\n"
        "v1;a,b;1,0.5;17\n"
        "v2;;;None\n"
    )


REAL_FILES = [
    # CRLF, decimal costs, quoted names with doubled quotes, extra project columns.
    ("France_Toulouse_2022_17_-_Mirail-Universite_Reynerie_Bellefontaine.pb", "cost"),
    # Cumulative, with age/sex/education columns on the votes.
    ("Worldwide_Mechanical_Turk_Utilities_8.pb", "cost-points"),
    # Ordinal.
    ("Worldwide_Mechanical_Turk_Ranking_value_8.pb", "cost"),
]


@pytest.mark.parametrize(("name", "satisfaction"), REAL_FILES)
def test_real_files_survive_a_round_trip(
    pb: Path, tmp_path: Path, name: str, satisfaction: str
) -> None:
    # Given a real file, written out again and read back
    original = read_pabulib(pb / name)
    copy_path = tmp_path / name
    write_pabulib(original, copy_path)
    copy = read_pabulib(copy_path)
    # Then the elections are equal, labels and voter details included
    assert copy == original
    assert [dict(p.extra) for p in copy.instance.projects] == [
        dict(p.extra) for p in original.instance.projects
    ]
    assert [copy.profile.meta(b) for b in copy.profile.ballots] == [
        original.profile.meta(b) for b in original.profile.ballots
    ]
    # And every rule selects the same projects, in the same order, as pabutools did
    reference = expected()[name]["selections"]
    for rule, completion in [("greedy", "none"), ("mes", "none"), ("mes", "add1-greedy")]:
        before = tally(original, rule, satisfaction, completion).selected
        after = tally(copy, rule, satisfaction, completion).selected
        assert after == before
        assert sorted(after) == sorted(reference[f"{rule} {satisfaction} {completion}"])
