"""Plain-words explanations, checked on elections small enough to work out by hand, and the
accounting behind the voter explanations checked on generated elections.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Profile,
    Project,
    ReasonCode,
    Stage,
    explain_projects,
    explain_voter,
    format_money,
    project_reasons,
    reason_text,
    tally,
)
from alongside.budgeting.rules.explain import VoterLine
from alongside.budgeting.rules.model import Number
from tests.budgeting.rules.helpers import RULES, elections
from tests.hypothesis_profiles import examples


def election(
    budget: Number,
    costs: dict[str, Number],
    votes: list[str],
    currency: str = "GBP",
    kind: BallotKind = BallotKind.APPROVAL,
) -> Election:
    """Voter ``v1`` casts ``votes[0]`` (comma-separated ids), ``v2`` ``votes[1]``, ..."""
    instance = Instance(
        budget, tuple(Project(pid, cost) for pid, cost in costs.items()), {"currency": currency}
    )
    ballots = tuple(
        Ballot(f"v{i}", tuple(filter(None, vote.split(",")))) for i, vote in enumerate(votes, 1)
    )
    return Election(instance, Profile(kind, ballots))


def ballot(el: Election, voter_id: str) -> Ballot:
    return next(b for b in el.profile.ballots if b.voter_id == voter_id)


def texts(el: Election, *args: str) -> dict[str, str]:
    return {pid: e.text for pid, e in explain_projects(tally(el, *args)).items()}


# ----------------------------------------------------------------- funded by equal shares


def test_a_cost_shared_by_all_its_supporters() -> None:
    # Given £12 and three voters (a share of £4 each) who all want a £9 project
    el = election(12, {"a": 9}, ["a", "a", "a"])
    result = tally(el, "mes", "cost", "none")
    # Then each pays £3 of it
    a = explain_projects(result)["a"]
    assert (a.selected, a.stage, a.reason, a.votes, a.cost) == (
        True,
        "equal-shares",
        "equal-shares",
        3,
        9,
    )
    assert a.text == "funded: 3 supporters could share its £9 (round 1 of equal shares)"
    assert a.amounts == {"cost": "9", "price_per_unit_of_satisfaction": "1/3"}
    voter = explain_voter(result, ballot(el, "v1"))
    assert (voter.share, voter.left) == (4, 1)
    assert voter.lines == (VoterLine("a", True, "equal-shares", Fraction(3)),)
    assert voter.text == (
        "You voted for 1 project. Your equal share of the budget was £4. "
        "a: funded; £3 of your share went to it. £1 of your share was not spent."
    )


def test_a_supporter_who_paid_all_they_had_left() -> None:
    # Given £18 and three voters (£6 each), cardinality satisfaction: v1 alone buys x for £4
    # first (£4 per project, against £13/3 for y), then y's £13 is shared: v1 has only £2 left
    # and pays it all, v2 and v3 pay £5.50 each.
    el = election(18, {"x": 4, "y": 13}, ["x,y", "y", "y"])
    result = tally(el, "mes", "cardinality", "none")
    assert result.selected == ["x", "y"]
    assert texts(el, "mes", "cardinality", "none") == {
        "x": "funded: 1 supporter could pay its £4 (round 1 of equal shares)",
        "y": (
            "funded: 3 supporters could share its £13 (round 2 of equal shares; "
            "1 supporter paid all they had left)"
        ),
    }
    v1 = explain_voter(result, ballot(el, "v1"))
    assert [line.paid for line in v1.lines] == [4, 2]
    assert v1.text == (
        "You voted for 2 projects. Your equal share of the budget was £6. "
        "x: funded; £4 of your share went to it. y: funded; £2 of your share went to it. "
        "£0 of your share was not spent."
    )
    v2 = explain_voter(result, ballot(el, "v2"))
    assert (v2.share, v2.left, v2.lines[0].paid) == (6, Fraction(1, 2), Fraction(11, 2))
    assert v2.text == (
        "You voted for 1 project. Your equal share of the budget was £6. "
        "y: funded; £5.50 of your share went to it. £0.50 of your share was not spent."
    )


def test_a_supporter_with_exactly_nothing_left() -> None:
    # Given £15 and three voters (£5 each): v1 and v2 spend their whole shares on a (£10), then
    # v3 pays £4 for b, which v1 also wants but can pay nothing towards.
    el = election(15, {"a": 10, "b": 4}, ["a,b", "a", "b"])
    result = tally(el, "mes", "cost", "none")
    assert result.selected == ["a", "b"]
    v1 = explain_voter(result, ballot(el, "v1"))
    assert [line.paid for line in v1.lines] == [5, 0]
    assert v1.left == 0
    assert explain_voter(result, ballot(el, "v3")).lines[0].paid == 4
    assert explain_voter(result, ballot(el, "v1")).text == (
        "You voted for 2 projects. Your equal share of the budget was £5. "
        "a: funded; £5 of your share went to it. b: funded; £0 of your share went to it. "
        "£0 of your share was not spent."
    )
    # v1 paid exactly all they had for a: they are no payer of b, nor "paid all they had left".
    assert explain_projects(result)["b"].text == (
        "funded: 1 of its 2 supporters could pay its £4 (round 2 of equal shares)"
    )


def test_a_free_project_under_cardinality() -> None:
    el = election(10, {"f": 0, "a": 4}, ["f,a", "f"])
    result = tally(el, "mes", "cardinality", "none")
    assert result.selected == ["f", "a"]
    f = explain_projects(result)["f"]
    assert (f.stage, f.reason, f.text) == (
        "free",
        "free",
        "funded: it costs nothing and 2 voters support it",
    )
    v1 = explain_voter(result, ballot(el, "v1"))
    assert v1.lines == (
        VoterLine("f", True, "free", Fraction(0)),
        VoterLine("a", True, "equal-shares", Fraction(4)),
    )
    assert v1.text == (
        "You voted for 2 projects. Your equal share of the budget was £5. f: funded. "
        "a: funded; £4 of your share went to it. £1 of your share was not spent."
    )


# ----------------------------------------------------------------- not funded under MES


def test_why_projects_were_not_funded_by_equal_shares() -> None:
    # Given £12 and three voters (£4 each). Everyone wants a (£10, £3.33 each); v1 also wants
    # b (£2) but has £0.67 left after a; v2 also wants c (£5), more than a whole share; v3 also
    # wants d, dearer than the whole budget; nobody wants e.
    el = election(12, {"a": 10, "b": 2, "c": 5, "d": 20, "e": 1}, ["a,b", "a,c", "a,d"])
    result = tally(el, "mes", "cost", "none")
    assert result.selected == ["a"]
    explanations = explain_projects(result)
    assert {pid: e.reason for pid, e in explanations.items()} == {
        "a": "equal-shares",
        "b": "supporters-spent",
        "c": "shares-too-small",
        "d": "over-budget",
        "e": "no-support",
    }
    assert texts(el, "mes", "cost", "none") == {
        "a": "funded: 3 supporters could share its £10 (round 1 of equal shares)",
        "b": (
            "not funded: its 1 supporter had £0.66 left between them after paying for projects "
            "they preferred, less than its £2"
        ),
        "c": "not funded: the equal shares of its 1 supporter came to £4, less than its cost of £5",
        "d": "not funded: it costs more than the whole budget of £12",
        "e": "not funded: nobody voted for it",
    }
    # The amounts behind the words are exact.
    assert explanations["b"].amounts == {
        "cost": "2",
        "supporters_shares": "4",
        "supporters_left": "2/3",
    }
    assert explanations["c"].amounts == {"cost": "5", "supporters_shares": "4"}
    assert explanations["e"].votes == 0
    v1 = explain_voter(result, ballot(el, "v1"))
    assert (v1.share, v1.left) == (4, Fraction(2, 3))
    assert v1.text == (
        "You voted for 2 projects. Your equal share of the budget was £4. "
        "a: funded; £3.33 of your share went to it. b: not funded. "
        "£0.66 of your share was not spent."
    )


def test_the_same_reasons_as_data() -> None:
    # Given the election above: the codes and exact amounts a results page renders in Welsh
    el = election(12, {"a": 10, "b": 2, "c": 5, "d": 20, "e": 1}, ["a,b", "a,c", "a,d"])
    reasons = project_reasons(tally(el, "mes", "cost", "none"))
    assert {pid: r.code for pid, r in reasons.items()} == {
        "a": ReasonCode.FUNDED_BY_EQUAL_SHARES,
        "b": ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY,
        "c": ReasonCode.SHARES_BELOW_COST,
        "d": ReasonCode.OVER_BUDGET,
        "e": ReasonCode.NO_SUPPORTERS,
    }
    a, b, c, d = reasons["a"], reasons["b"], reasons["c"], reasons["d"]
    assert (a.round, a.supporters, a.payers, a.exhausted, a.price) == (1, 3, 3, 0, Fraction(1, 3))
    assert (b.supporters, b.supporters_shares, b.supporters_left) == (1, 4, Fraction(2, 3))
    assert (c.supporters_shares, c.cost) == (4, 5)
    assert d.budget == 12
    assert isinstance(b.supporters_left, Fraction)
    assert isinstance(b.supporters_shares, int)
    # And the English is rendered from them
    assert reason_text(b, "GBP") == explain_projects(tally(el, "mes", "cost", "none"))["b"].text
    assert b.as_dict() == {
        "project_id": "b",
        "code": "not_enough_supporters_money",
        "votes": 1,
        "cost": 2,
        "supporters": 1,
        "supporters_shares": 4,
        "supporters_left": "2/3",
    }


def test_a_free_project_counts_for_nothing_under_cost_satisfaction() -> None:
    el = election(10, {"f": 0}, ["f", "f"])
    f = explain_projects(tally(el, "mes", "cost", "none"))["f"]
    assert (f.selected, f.reason) == (False, "no-support")
    assert f.text == (
        "not funded by equal shares: it costs nothing, and with cost satisfaction a free project "
        "counts for nothing"
    )


# ----------------------------------------------------------------- completion


def test_add1_then_greedy_completion() -> None:
    # Given £10 and two voters who share a (£6); v1 also wants c (£4), v2 d (£4). With shares
    # of £5 and £6 neither c nor d is affordable after a; at £7 both are, which overspends, so
    # add1 stops at £6 (one increment) and greedy spends the last £4 on c (ties: by id).
    el = election(10, {"a": 6, "c": 4, "d": 4}, ["a,c", "a,d"])
    result = tally(el, "mes", "cost", "add1-greedy")
    assert result.selected == ["a", "c"]
    assert result.add1_increments == 1
    assert result.equal_share == 6
    assert result.stages == {0: Stage.EQUAL_SHARES, 1: Stage.COMPLETION}
    assert texts(el, "mes", "cost", "add1-greedy") == {
        "a": "funded: 2 supporters could share its £6 (round 1 of equal shares)",
        "c": (
            "funded in the completion step: 1 voter chose it, and it fit in the £4 left after "
            "equal shares"
        ),
        "d": (
            "not funded: its 1 supporter had £3 left between them after paying for projects "
            "they preferred, less than its £4; then it did not fit in the £0 left over"
        ),
    }
    v1 = explain_voter(result, ballot(el, "v1"))
    assert v1.lines == (
        VoterLine("a", True, "equal-shares", Fraction(3)),
        VoterLine("c", True, "completion", None),
    )
    assert v1.text == (
        "You voted for 2 projects. Your equal share of the budget was £6. "
        "a: funded; £3 of your share went to it. "
        "c: funded from the money left over after equal shares. "
        "£3 of your share was not spent."
    )


def test_completion_funds_a_project_nobody_voted_for() -> None:
    el = election(10, {"a": 4, "b": 5}, ["a", "a"])
    assert tally(el, "mes", "cost", "add1-greedy").selected == ["a", "b"]
    assert texts(el, "mes", "cost", "add1-greedy")["b"] == (
        "funded in the completion step: nobody voted for it, but it fit in the £6 left over"
    )


# ----------------------------------------------------------------- greedy


def test_greedy_did_not_fit_in_what_remained() -> None:
    # Given €10.50: p1 (3 votes, €7) first, leaving €3.50; p2 (€5) does not fit, p3 (€3) does,
    # leaving €0.50, too little for p4 (€2, no votes).
    el = election(
        Fraction(21, 2), {"p1": 7, "p2": 5, "p3": 3, "p4": 2}, ["p1,p2,p3", "p1,p2", "p1"], "EUR"
    )
    result = tally(el, "greedy")
    assert result.selected == ["p1", "p3"]
    explanations = explain_projects(result)
    assert {pid: (e.stage, e.reason) for pid, e in explanations.items()} == {
        "p1": ("greedy", "greedy"),
        "p2": (None, "did-not-fit"),
        "p3": ("greedy", "greedy"),
        "p4": (None, "did-not-fit"),
    }
    assert {pid: e.text for pid, e in explanations.items()} == {
        "p1": "funded: 3 voters chose it, and it fit in the €10.50 remaining",
        "p2": "not funded: it did not fit in the €3.50 remaining",
        "p3": "funded: 1 voter chose it, and it fit in the €3.50 remaining",
        "p4": "not funded: nobody voted for it, and it did not fit in the €0.50 remaining",
    }
    assert explanations["p2"].amounts == {"cost": "5", "remaining_before": "3.5"}
    v2 = explain_voter(result, ballot(el, "v2"))
    assert (v2.share, v2.left) == (None, None)
    assert v2.lines == (VoterLine("p1", True, "greedy", None), VoterLine("p2", False, None, None))
    assert v2.text == "You voted for 2 projects. p1: funded. p2: not funded."


def test_what_did_not_fit_is_rounded_down() -> None:
    # €3.999 left must not read as "€4.00", which would look like enough for a €4 project.
    el = election(Fraction(10999, 1000), {"p1": 7, "p2": 4}, ["p1,p2", "p1"], "EUR")
    assert texts(el, "greedy") == {
        "p1": "funded: 2 voters chose it, and it fit in the €11.00 remaining",
        "p2": "not funded: it did not fit in the €3.99 remaining",
    }


def test_ordinal_voters_ranked_their_projects() -> None:
    el = election(10, {"a": 4, "b": 8}, ["a,b", "a"], kind=BallotKind.ORDINAL)
    result = tally(el, "mes", "cost", "none")
    assert explain_voter(result, ballot(el, "v1")).text == (
        "You ranked 2 projects. Your equal share of the budget was £5. "
        "a: funded; £2 of your share went to it. b: not funded. £3 of your share was not spent."
    )


# ----------------------------------------------------------------- the accounting


def _check_payments(el: Election, satisfaction: str, completion: str) -> None:
    result = tally(el, "mes", satisfaction, completion)
    share = result.equal_share
    assert share is not None
    explanations = explain_projects(result)
    costs = {p.id: p.cost for p in el.instance.projects}
    paid_for: dict[str, Fraction] = defaultdict(Fraction)
    payers: dict[str, int] = defaultdict(int)
    for b in el.profile.ballots:
        voter = explain_voter(result, b)
        assert voter.share == share
        paid = [line.paid for line in voter.lines if line.paid is not None]
        # A voter pays at most their equal share, and what they did not pay is what is left.
        assert all(amount >= 0 for amount in paid)
        assert sum(paid, Fraction(0)) <= share
        assert voter.left == share - sum(paid, Fraction(0))
        for line in voter.lines:
            funded = line.stage in (Stage.EQUAL_SHARES.value, Stage.FREE.value)
            if el.profile.kind is BallotKind.APPROVAL:
                # Approval voters support what they name: they pay towards it exactly when it
                # was bought with equal shares (free projects for nothing).
                assert (line.paid is not None) == funded
            if line.paid is not None:
                paid_for[line.project_id] += line.paid
                payers[line.project_id] += line.paid > 0
    assert result.mes_run is not None
    rounds = {r.project: r for r in result.mes_run.rounds}
    for p, stage in result.stages.items():
        pid = result.prep.ids[p]
        if stage is Stage.EQUAL_SHARES:
            # Its supporters' payments add up exactly to its cost.
            assert paid_for[pid] == costs[pid]
            # The project text counts exactly the supporters who paid something.
            r = rounds[p]
            assert r.payers == payers[pid]
            verb = "could pay its" if r.payers == 1 else "could share its"
            if r.payers == r.supporters:
                who = f"{r.payers} supporter{'' if r.payers == 1 else 's'}"
            else:
                who = (
                    f"{r.payers} of its {r.supporters} supporter{'' if r.supporters == 1 else 's'}"
                )
            text = f"funded: {who} {verb} "
            assert explanations[pid].text.startswith(text)
        elif stage is Stage.FREE:
            assert paid_for[pid] == 0


# A tally and an explanation for every voter, per example.
@settings(examples(0.4), suppress_health_check=[HealthCheck.too_slow])
@given(
    elections(kind=BallotKind.APPROVAL, decimals=True),
    st.sampled_from(["cost", "cardinality"]),
    st.sampled_from(["none", "add1", "add1-greedy"]),
)
def test_approval_voters_pay_at_most_their_share_and_projects_exactly_their_cost(
    el: Election, satisfaction: str, completion: str
) -> None:
    _check_payments(el, satisfaction, completion)


# Points ballots: more to explain per voter.
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([BallotKind.CUMULATIVE, BallotKind.SCORING]).flatmap(
        lambda kind: elections(kind=kind, decimals=True)
    ),
    st.sampled_from(["none", "add1-greedy"]),
)
def test_points_voters_pay_at_most_their_share_and_projects_exactly_their_cost(
    el: Election, completion: str
) -> None:
    _check_payments(el, "cost-points", completion)


# ----------------------------------------------------------------- format_money


@pytest.mark.parametrize(
    ("value", "currency", "down", "shown"),
    [
        (3000, "GBP", False, "£3,000"),
        (Fraction(183999, 100), "GBP", False, "£1,839.99"),
        (12500, "PLN", False, "12,500 PLN"),
        (12500, "pln", False, "12,500 PLN"),
        (Fraction(2917710_16, 100), "PLN", False, "2,917,710.16 PLN"),
        (1234567, "EUR", False, "€1,234,567"),
        (Fraction(5, 2), "EUR", False, "€2.50"),
        (Fraction(1, 3), "EUR", False, "€0.33"),
        (Fraction(2, 3), "EUR", False, "€0.67"),
        (Fraction(2, 3), "EUR", True, "€0.66"),
        (Fraction(1, 8), "GBP", False, "£0.12"),  # half to even
        (Fraction(3, 8), "GBP", False, "£0.38"),  # half to even
        (Fraction(9999, 1000), "GBP", False, "£10.00"),
        (Fraction(9999, 1000), "GBP", True, "£9.99"),
        (Fraction(1, 1000), "GBP", False, "£0.00"),
        (0, "GBP", False, "£0"),
        (-5, "GBP", False, "-£5"),
        (Fraction(-1, 3), "USD", False, "-$0.33"),
        (Fraction(20, 4), "GBP", False, "£5"),
        (42, "", False, "42"),
        (Fraction(1, 3), "", False, "0.33"),
        (7, " chf ", False, "7 CHF"),
    ],
)
def test_format_money(value: Number, currency: str, down: bool, shown: str) -> None:
    assert format_money(value, currency, down=down) == shown


@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
@given(elections(kind=BallotKind.APPROVAL, decimals=True), RULES)
def test_every_reason_agrees_with_its_amounts(
    el: Election, rule: tuple[str, dict[str, object]]
) -> None:
    # Given any election and rule, each project's reason is funded exactly when the project is
    # selected, and its amounts say why, exactly
    result = tally(el, rule[0], **rule[1])  # type: ignore[arg-type]
    explanations = explain_projects(result)
    for pid, reason in project_reasons(result).items():
        assert reason.funded == (pid in result.selected)
        assert explanations[pid].text == reason_text(reason, el.instance.currency)
        left = reason.remaining
        match reason.code:
            case ReasonCode.FUNDED | ReasonCode.FUNDED_IN_COMPLETION:
                assert left is not None
                assert reason.cost <= left
            case ReasonCode.DID_NOT_FIT | ReasonCode.FUNDED_FROM_RESERVE:
                assert left is not None
                assert left < reason.cost
            case ReasonCode.OVER_BUDGET:
                assert reason.cost > el.instance.budget
            case ReasonCode.SHARES_BELOW_COST:
                assert reason.supporters_shares is not None
                assert reason.supporters_shares < reason.cost
            case ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY:
                assert reason.supporters_left is not None
                assert reason.supporters_left < reason.cost
            case ReasonCode.BELOW_THRESHOLD:
                assert reason.score is not None
                assert reason.score < 2
