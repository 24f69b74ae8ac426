"""The rules in plain words, from the settings, in English and Welsh (no database)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from alongside.budgeting.ballot_paper import Kind
from alongside.budgeting.rules_words import (
    HEADINGS,
    LANGUAGES,
    AreaFacts,
    RoundFacts,
    date_words,
    rules_sections,
    rules_words,
    time_words,
)

BASE = RoundFacts(budget_pence=20_000_00, organisation="Riverside Youth Service", max_choices=3)


def _text(facts: RoundFacts, language: str = "en") -> str:
    return " ".join(rules_words(facts, language))  # type: ignore[arg-type]


def test_choose_up_to_says_how_many_and_equal_shares_says_who_is_paid_first():
    text = _text(BASE)
    assert "There is £20,000 to spend" in text
    assert "You can choose up to 3 projects." in text
    assert "Projects that the most people can share the cost of get the money first." in text
    assert "Any money still left then goes to the projects with the most votes" in text


def test_most_votes_first_is_said_plainly_and_has_no_completion():
    text = _text(RoundFacts(budget_pence=100, organisation="X", rule="greedy", completion="none"))
    assert "The projects with the most votes get the money first." in text
    assert "it is skipped and the next one is tried" in text
    assert "Equal Shares" not in text
    assert "left over at the end" not in text


def test_each_ballot_kind_is_explained():
    def kind(**kwargs: object) -> str:
        return _text(RoundFacts(budget_pence=5_000_50, organisation="X", **kwargs))  # type: ignore[arg-type]

    assert "You can choose 1 project: the one you like best." in kind(ballot_kind=Kind.CHOOSE_ONE)
    assert "cost no more than £5,000.50" in kind(ballot_kind=Kind.APPROVAL_WITHIN_BUDGET)
    points = kind(ballot_kind=Kind.POINTS, points_to_share=10)
    assert "You have 10 points to share out" in points
    assert "you pay a bigger part of its cost" in points
    ranked = kind(ballot_kind=Kind.RANK, max_choices=5)
    assert "You can put up to 5 projects in order" in ranked
    assert "counts as one you back, wherever you put it" in ranked
    assert "It gets more points if it is higher up the list." in kind(
        ballot_kind=Kind.RANK, max_choices=5, rule="greedy", completion="none"
    )


def test_who_can_vote_gives_the_ages_on_the_day_voting_closes_and_the_areas():
    facts = RoundFacts(
        budget_pence=10_000_00,
        organisation="The Hive",
        min_age=12,
        max_age=18,
        members_only=False,
        areas=(AreaFacts("Northside", 6_000_00), AreaFacts("Eastgate", 4_000_00)),
        voting_opens_at=dt.datetime(2026, 6, 4, 9),
        voting_closes_at=dt.datetime(2026, 6, 18, 17, 30),
    )
    text = _text(facts)
    assert "You can vote if you are aged 12 to 18 on 18 June 2026, the day voting closes." in text
    assert "You do not need to be a member of The Hive." in text
    assert "Northside (£6,000) and Eastgate (£4,000)" in text
    assert "You vote only for projects in your own area." in text
    assert "Voting opens on 4 June 2026 at 9am and closes on 18 June 2026 at 5:30pm." in text


def test_the_welsh_is_welsh_with_its_own_dates_and_joins():
    facts = RoundFacts(
        budget_pence=10_000_00,
        organisation="Yr Hafan",
        areas=(AreaFacts("Treganna"), AreaFacts("Eglwys Newydd")),
        max_choices=2,
        voting_opens_at=dt.datetime(2026, 6, 4, 12),
        voting_closes_at=dt.datetime(2026, 6, 18, 0),
        ballots_can_change=True,
    )
    text = _text(facts, "cy")
    assert "Gallwch ddewis hyd at 2 prosiect." in text
    assert "Treganna ac Eglwys Newydd" in text
    assert (
        "'n agor ar 4 Mehefin 2026 am ganol dydd ac yn cau ar 18 Mehefin 2026 am hanner nos."
        in text
    )
    assert "Gallwch newid eich pleidlais nes bod y pleidleisio'n cau." in text
    assert "Cyfrannau Cyfartal" in text
    assert rules_sections(facts, "cy")[0].heading == HEADINGS["money"]["cy"]


def test_dates_and_times_read_as_people_say_them():
    assert date_words(dt.date(2026, 6, 4), "en") == "4 June 2026"
    assert date_words(dt.date(2026, 12, 25), "cy") == "25 Rhagfyr 2026"
    assert [time_words(dt.time(h, m), "en") for h, m in ((0, 0), (9, 0), (12, 0), (17, 30))] == [
        "midnight",
        "9am",
        "midday",
        "5:30pm",
    ]
    assert [time_words(dt.time(h, m), "cy") for h, m in ((0, 0), (9, 5), (12, 0), (23, 0))] == [
        "hanner nos",
        "9:05yb",
        "canol dydd",
        "11yh",
    ]


# Every combination of settings -----------------------------------------------------------------

_PLACEHOLDER = re.compile(r"[{}%]|None|\s{2}|\s[.,]|^\s|\s$")
_dates = st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)))
_areas = st.lists(
    st.builds(
        AreaFacts,
        name=st.sampled_from(["Northside", "Eastgate", "Ysgol y Castell", "Ammanford"]),
        budget_pence=st.one_of(st.none(), st.integers(1, 10_000_000_00)),
    ),
    max_size=4,
    unique_by=lambda a: a.name,
).map(tuple)


@st.composite
def settings(draw: st.DrawFn) -> RoundFacts:
    rule = draw(st.sampled_from(["mes", "greedy"]))
    opens = draw(
        st.one_of(st.none(), st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2030, 1, 1)))
    )
    low = draw(st.integers(5, 25))
    return RoundFacts(
        budget_pence=draw(st.integers(1, 10_000_000_000)),
        organisation=draw(st.sampled_from(["Riverside Youth Service", "Ysgol Gyfun", "The Hive"])),
        ballot_kind=draw(st.sampled_from(list(Kind))),
        max_choices=draw(st.one_of(st.none(), st.integers(1, 100))),
        points_to_share=draw(st.one_of(st.none(), st.integers(1, 1000))),
        rule=rule,
        completion="none"
        if rule == "greedy"
        else draw(st.sampled_from(["none", "add1", "add1-greedy"])),
        min_age=low,
        max_age=draw(st.integers(low, 25)),
        members_only=draw(st.booleans()),
        areas=draw(_areas),
        area_voting=draw(st.sampled_from(["own", "every"])),
        ideas_from=draw(_dates),
        feasibility_from=draw(_dates),
        proposals_from=draw(_dates),
        voting_opens_at=opens,
        voting_closes_at=None
        if opens is None
        else opens + draw(st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(days=60))),
        results_on=draw(_dates),
        delivery_from=draw(_dates),
        ballots_can_change=draw(st.booleans()),
        young_people_may_propose=draw(st.booleans()),
        groups_may_propose=draw(st.booleans()),
        organisations_may_propose=draw(st.booleans()),
    )


@given(settings())
def test_every_combination_of_settings_reads_whole_in_both_languages(facts: RoundFacts):
    english, welsh = (rules_words(facts, language) for language in LANGUAGES)
    for language, paragraphs in zip(LANGUAGES, (english, welsh), strict=True):
        assert paragraphs, language
        for paragraph in paragraphs:
            assert not _PLACEHOLDER.search(paragraph), (language, paragraph)
            assert paragraph[0].isupper() or paragraph[0] == "£", (language, paragraph)
            assert paragraph.endswith("."), (language, paragraph)
    # The same sections in both, and no English sentence left in the Welsh
    assert [s.key for s in rules_sections(facts, "en")] == [
        s.key for s in rules_sections(facts, "cy")
    ]
    assert len(english) == len(welsh)
    assert not set(english) & set(welsh)
