"""Frozen opening rounds (``MesEngine.freeze``): replaying them gives the run a search gives.

add1's first run proves, round by round, how many increments each opening round's decisions
hold for; later runs pay those rounds without pricing any rival. A run (and a certificate)
with the replay must equal one on an engine that never froze anything, round for round.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import Election, parse_pabulib
from alongside.budgeting.rules.mes import MesEngine
from alongside.budgeting.rules.prepare import Satisfaction, prepare
from alongside.budgeting.rules.tiebreak import tie_break_ranks
from tests.budgeting.rules.helpers import election, require_pb, scaled_mes_cases
from tests.hypothesis_profiles import examples

CASES = scaled_mes_cases([1, 40, 300])


@given(CASES, st.lists(st.integers(0, 400), min_size=1, max_size=6))
@settings(examples(0.6), suppress_health_check=[HealthCheck.too_slow])
def test_replayed_rounds_are_the_searched_rounds(
    case: tuple[str, Election], steps: list[int]
) -> None:
    # Given an engine that froze the opening rounds its first run proved, and one that did not
    satisfaction, el = case
    prep = prepare(el, Satisfaction(satisfaction))
    if prep.n_voters == 0:
        return
    ranks = tie_break_ranks(prep.ids, None)
    increment = prep.money_scale
    beta0 = Fraction(prep.budget, prep.n_voters)
    frozen = MesEngine(prep, ranks)
    first = frozen.run(beta0, increment=increment)
    frozen.freeze(first, increment)
    plain = MesEngine(prep, ranks)
    bar = plain.run(beta0)
    for k in sorted(steps):
        beta = beta0 + k * increment
        # When each runs MES at a larger budget
        replayed, searched = frozen.run(beta, trace=True), plain.run(beta, trace=True)
        # Then the rounds (projects, exact prices, counts) and what is left are the same
        assert replayed.rounds == searched.rounds
        assert replayed.left == searched.left
        # And a certificate from the last run decides the same and returns the same rounds
        got, proven = frozen.certify(beta, bar, or_run=True)
        want, also = plain.certify(beta, bar, or_run=True)
        assert proven == also
        assert got is not None
        assert want is not None
        assert got.rounds == want.rounds
        bar = searched


def test_a_real_file_freezes_its_opening_rounds() -> None:
    # Given Amsterdam 166, whose opening rounds are paid in full by every supporter
    require_pb()
    prep = prepare(election("Netherlands_Amsterdam_166.pb"), Satisfaction.COST)
    ranks = tie_break_ranks(prep.ids, None)
    engine = MesEngine(prep, ranks)
    beta0 = Fraction(prep.budget, prep.n_voters)
    # When its first run proves jumps and freezes what holds
    engine.freeze(engine.run(beta0, increment=1), 1)
    # Then some opening rounds hold far beyond (so the replay is exercised on real data), and
    # a run there replays them and still gives the plain run
    assert len(engine.frozen_rounds(beta0 + 270)) >= 5
    assert engine.run(beta0 + 270).rounds == MesEngine(prep, ranks).run(beta0 + 270).rounds


EVERYONE_PAYS_ALL = """META
key;value
budget;20
vote_type;approval
PROJECTS
project_id;cost;votes
a;15;3
c;4;2
VOTES
voter_id;vote
v1;a,c
v2;a
v3;a
v4;c
"""


def test_a_supporter_left_with_nothing_is_no_payer_after_a_replayed_round() -> None:
    # Given a first round in which a's three supporters pay exactly all they have (5 each
    # for its 15), frozen by a run at that share, and then c, which v1 supports with nothing
    prep = prepare(parse_pabulib(EVERYONE_PAYS_ALL), Satisfaction.COST)
    ranks = tie_break_ranks(prep.ids, None)
    engine = MesEngine(prep, ranks)
    beta0 = Fraction(prep.budget, prep.n_voters)
    engine.freeze(engine.run(beta0, increment=1), 1)
    assert engine.frozen is not None
    assert engine.frozen.snapshot is not None
    assert beta0 in engine.frozen.snapshot.critical
    # When runs at that share and a unit later replay the frozen rounds
    for beta in (beta0, beta0 + 1):
        replayed = engine.run(beta)
        # Then the rounds, and who counts as a payer, are those of a plain run
        assert replayed.rounds == MesEngine(prep, ranks).run(beta).rounds
    # And at the starting share v1, left with nothing by a, is no payer of c
    assert [(r.payers, r.exhausted) for r in engine.run(beta0).rounds] == [(3, 0), (1, 0)]
