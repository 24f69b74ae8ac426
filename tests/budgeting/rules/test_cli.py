"""``alongside budget tally``: output formats, explanations, errors, and no Django needed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from alongside.budgeting.rules import explain_projects, read_pabulib, tally
from alongside.budgeting.rules.cli import main
from tests.budgeting.rules.helpers import expected

# Four voters, a £10 budget, so each voter's equal share starts at £2.50.
# MES: p2 (3 supporters) is affordable at once, p1 (2 supporters, £5 between them) is not; add1
# raises the share to £4.50, where p2 then p1 are funded and the budget is spent. p3 costs more
# than the whole budget. So the selection order (p2, p1) is neither file nor id order.
RIVERSIDE = """\
META
key;value
description;Riverside youth budget
budget;10
vote_type;approval
currency;GBP
PROJECTS
project_id;cost;name
p1;6;Skate park
p2;4;Library books
p3;20;Swimming pool
VOTES
voter_id;vote
v1;p2
v2;p2,p1
v3;p1,p3
v4;p2
"""
REQUIRED_KEYS = {"selected", "rule", "satisfaction", "completion", "budget_used", "explanations"}
"""The keys the issue asks for."""
EXTRA_KEYS = {"budget", "tie_breaking", "equal_share", "add1_increments"}
"""Keys the command adds beyond them."""


@pytest.fixture
def riverside(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.pb"
    path.write_text(RIVERSIDE, encoding="utf-8")
    return path


def run(*args: str | Path) -> tuple[int, str]:
    out = StringIO()
    status = main(["tally", *(str(a) for a in args)], out=out)
    return status, out.getvalue()


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The single line the command wrote to stderr."""
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    return lines[0]


# ----------------------------------------------------------------- JSON


def test_json_has_the_required_keys_and_the_selection_order(riverside: Path) -> None:
    status, out = run(riverside, "--rule", "mes", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert set(doc) == REQUIRED_KEYS | EXTRA_KEYS
    assert doc["selected"] == ["p2", "p1"]
    assert doc["selected"] == tally(read_pabulib(riverside), "mes").selected
    assert doc["rule"] == "mes"
    assert doc["satisfaction"] == "cost"
    assert doc["completion"] == "add1-greedy"
    assert doc["budget_used"] == 10
    assert doc["equal_share"] == "4.5"
    assert doc["add1_increments"] == 2
    assert list(doc["explanations"]) == ["p1", "p2", "p3"]
    p1 = doc["explanations"]["p1"]
    assert p1 == {
        "name": "Skate park",
        "selected": True,
        "votes": 2,
        "cost": 6,
        "stage": "equal-shares",
        "reason": "equal-shares",
        "text": "funded: 2 supporters could share its £6 (round 2 of equal shares)",
        "amounts": {"cost": "6", "price_per_unit_of_satisfaction": "0.5"},
        "code": "funded_by_equal_shares",
        "detail": {
            "project_id": "p1",
            "code": "funded_by_equal_shares",
            "stage": "equal-shares",
            "votes": 2,
            "cost": 6,
            "round": 2,
            "supporters": 2,
            "payers": 2,
            "exhausted": 0,
            "price": "0.5",
        },
    }
    assert doc["explanations"]["p3"]["reason"] == "over-budget"
    assert doc["explanations"]["p3"]["code"] == "over_budget"


def test_json_for_greedy_and_for_mes_without_completion(riverside: Path) -> None:
    _, greedy = run(riverside, "--rule", "greedy", "--format", "json")
    _, plain = run(riverside, "--rule", "mes", "--completion", "none", "--format", "json")
    greedy_doc, plain_doc = json.loads(greedy), json.loads(plain)
    assert (greedy_doc["selected"], greedy_doc["completion"], greedy_doc["budget_used"]) == (
        ["p2", "p1"],
        "none",
        10,
    )
    assert greedy_doc["equal_share"] is None
    assert (plain_doc["selected"], plain_doc["budget_used"]) == (["p2"], 4)
    assert plain_doc["explanations"]["p1"]["text"] == (
        "not funded: the equal shares of its 2 supporters came to £5, less than its cost of £6"
    )


def test_json_numbers_are_integers_when_whole(tmp_path: Path) -> None:
    # Two voters and £10: an equal share of exactly £5.
    path = tmp_path / "whole.pb"
    path.write_text(RIVERSIDE.replace("v3;p1,p3\nv4;p2\n", ""), encoding="utf-8")
    doc = json.loads(run(path, "--completion", "none", "--format", "json")[1])
    assert doc["equal_share"] == 5
    assert doc["budget_used"] == 4


def test_satisfaction_flag(riverside: Path) -> None:
    # Cardinality: p2 costs £4 for 3 supporters (£1.33 each), p1 £6 for 2 (£3 each).
    status, out = run(riverside, "--satisfaction", "cardinality", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["satisfaction"] == "cardinality"
    assert doc["selected"] == ["p2", "p1"]


def test_exact_flag_changes_nothing_but_the_arithmetic(riverside: Path) -> None:
    # The same election tallied with and without --exact gives the same document
    status, fast = run(riverside, "--format", "json")
    status_exact, exact = run(riverside, "--format", "json", "--exact")
    assert status == status_exact == 0
    assert json.loads(exact) == json.loads(fast)


# ----------------------------------------------------------------- text


def test_text_report_lists_funded_projects_in_order(riverside: Path) -> None:
    status, out = run(riverside)
    assert status == 0
    assert out.splitlines() == [
        "Riverside youth budget",
        "Rule: mes, satisfaction cost, completion add1-greedy; ties broken by project id",
        "Budget £10, used £10; 2 of 3 projects funded; 4 voters",
        "Each voter's equal share: £4.50 (after adding £2 by add1)",
        "",
        "Funded, in order of selection:",
        "   1. p2: funded: 3 supporters could share its £4 (round 1 of equal shares)",
        "   2. p1: funded: 2 supporters could share its £6 (round 2 of equal shares)",
        "",
        "Not funded:",
        "      p3: not funded: it costs more than the whole budget of £10",
    ]


def city_file(tmp_path: Path, meta: str) -> Path:
    """Riverside, recorded as a city's vote: p2 has 3 votes, p1 2, p3 1."""
    path = tmp_path / "city.pb"
    path.write_text(RIVERSIDE.replace("currency;GBP\n", f"currency;GBP\n{meta}"), encoding="utf-8")
    return path


def test_rule_meta_recounts_by_the_rule_the_file_records(tmp_path: Path) -> None:
    # Given a file recording greedy-threshold at 3 votes: only p2 has 3
    path = city_file(tmp_path, "rule;greedy-threshold\nmin_project_score_threshold;3\n")
    status, out = run(path, "--rule", "meta")
    assert status == 0
    assert out.splitlines() == [
        "Riverside youth budget",
        "Rule: greedy-threshold, ranked by votes, threshold 3; ties broken by project id",
        "Budget £10, used £4; 1 of 3 projects funded; 4 voters",
        "",
        "Funded, in order of selection:",
        "   1. p2: funded: 3 voters chose it, and it fit in the £10 remaining",
        "",
        "Not funded:",
        "      p1: not funded: 2 voters chose it, fewer than the 3 votes it needed",
        "      p3: not funded: 1 voter chose it, fewer than the 3 votes it needed",
    ]
    # And a threshold given on the command line overrides the file's
    doc = json.loads(run(path, "--rule", "meta", "--threshold", "2", "--format", "json")[1])
    assert (doc["rule"], doc["selected"], doc["satisfaction"], doc["score"]) == (
        "greedy-threshold",
        ["p2", "p1"],
        None,
        "votes",
    )
    assert doc["parameters"] == {"threshold": 2, "exclusive": [], "reserve": None}
    assert doc["explanations"]["p3"]["detail"] == {
        "project_id": "p3",
        "code": "below_threshold",
        "votes": 1,
        "cost": 20,
        "score": 1,
        "threshold": 2,
    }


def test_exclusive_and_reserve_on_the_command_line(riverside: Path) -> None:
    doc = json.loads(
        run(riverside, "--rule", "greedy-exclusive", "--exclusive", "p2,p1", "--format", "json")[1]
    )
    assert doc["selected"] == ["p2"]
    assert doc["parameters"]["exclusive"] == [["p1", "p2"]]
    assert doc["explanations"]["p1"]["reason"] == "excluded-by-conflict"
    # Poznań's count: p2 and p1 fit; p3 (£20) costs more than the whole budget, and far more
    # than 80% of it is missing, so the count stops there
    status, out = run(riverside, "--rule", "greedy-custom", "--reserve", "80%")
    assert status == 0
    assert "Rule: greedy-custom, ranked by votes, reserve at 80%; ties broken by project id" in out
    assert out.endswith(
        "p3: not funded: it costs more than the whole budget of £10, so the count stopped there\n"
    )
    assert (
        json.loads(
            run(riverside, "--rule", "greedy-custom", "--reserve", "0.8", "--format", "json")[1]
        )["parameters"]["reserve"]
        == "0.8"
    )


def test_the_comparison_step_is_reported(riverside: Path) -> None:
    # add1-to-budget passes the exhaustive outcome at £4.50 and raises the shares until v3
    # alone could buy p3 (£20), which would overspend: the same two projects, at £22.50
    status, out = run(riverside, "--rule", "equalshares/add1-comparison")
    assert status == 0
    assert out.splitlines()[1:5] == [
        "Rule: equalshares/add1-comparison, satisfaction cost, completion add1-to-budget; "
        "ties broken by project id",
        "Budget £10, used £10; 2 of 3 projects funded; 4 voters",
        "Each voter's equal share: £22.50 (after adding £20 by add1)",
        "Compared with greedy: 0 voters prefer the equal shares outcome, 0 the greedy one, so "
        "equal shares stands",
    ]
    doc = json.loads(run(riverside, "--rule", "equalshares/add1-comparison", "--format", "json")[1])
    assert doc["comparison"] == {
        "prefer_equal_shares": 0,
        "prefer_greedy": 0,
        "outcome": "equal-shares",
    }


def test_parameter_errors(riverside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(riverside, "--rule", "greedy-threshold")[0] == 2
    assert error_line(capsys) == (
        "alongside budget tally: error: greedy-threshold needs a threshold: give one, or a file "
        "whose META has min_project_score_threshold"
    )
    assert run(riverside, "--rule", "greedy-custom", "--reserve", "most")[0] == 2
    assert error_line(capsys) == (
        "alongside budget tally: error: argument --reserve: invalid share value: 'most'"
    )
    assert run(riverside, "--rule", "greedy-exclusive", "--exclusive", "p1,p9")[0] == 2
    assert "no project 'p9' to make mutually exclusive" in error_line(capsys)
    assert run(riverside, "--rule", "meta")[0] == 2
    assert "META records the rule 'nothing': choose one" in error_line(capsys)


def test_explain_prints_one_project_only(riverside: Path) -> None:
    status, out = run(riverside, "--rule", "greedy", "--explain", "p1")
    assert status == 0
    assert out == "p1: funded: 2 voters chose it, and it fit in the £6 remaining\n"
    result = tally(read_pabulib(riverside), "greedy")
    assert out == f"p1: {explain_projects(result)['p1'].text}\n"


def test_explain_as_json(riverside: Path) -> None:
    status, out = run(riverside, "--explain", "p3", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["project_id"] == "p3"
    assert (doc["selected"], doc["reason"], doc["cost"]) == (False, "over-budget", 20)


def test_explain_an_unknown_project(riverside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(riverside, "--explain", "p9")
    assert status != 0
    assert out == ""
    assert error_line(capsys) == f"alongside budget tally: error: no project 'p9' in {riverside}"


def test_voter_explanation(riverside: Path) -> None:
    # v2 paid a third of p2's £4 and half of p1's £6 from a £4.50 share, leaving £1/6.
    status, out = run(riverside, "--voter", "v2")
    assert status == 0
    assert out == (
        "You voted for 2 projects. Your equal share of the budget was £4.50. "
        "p2: funded; £1.33 of your share went to it. p1: funded; £3 of your share went to it. "
        "£0.16 of your share was not spent.\n"
    )
    doc = json.loads(run(riverside, "--voter", "v2", "--format", "json")[1])
    assert doc == {
        "voter_id": "v2",
        "share": "4.5",
        "left": "1/6",
        "projects": [
            {"project_id": "p2", "funded": True, "stage": "equal-shares", "paid": "4/3"},
            {"project_id": "p1", "funded": True, "stage": "equal-shares", "paid": "3"},
        ],
        "text": out.strip(),
    }


def test_voter_explanation_under_greedy(riverside: Path) -> None:
    status, out = run(riverside, "--rule", "greedy", "--voter", "v3")
    assert status == 0
    assert out == "You voted for 2 projects. p1: funded. p3: not funded.\n"


def test_unknown_voter(riverside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(riverside, "--voter", "v99")
    assert status == 2
    assert error_line(capsys) == f"alongside budget tally: error: no voter 'v99' in {riverside}"


# ----------------------------------------------------------------- tie-breaking


def _seed_favouring(winner: str, loser: str) -> str:
    """A seed under which SHA-256('seed:winner') sorts before SHA-256('seed:loser')."""

    def digest(seed: str, pid: str) -> str:
        return hashlib.sha256(f"{seed}:{pid}".encode()).hexdigest()

    return next(
        seed
        for seed in (f"seed-{i}" for i in range(100))
        if digest(seed, winner) < digest(seed, loser)
    )


def test_tie_break_seed(tmp_path: Path) -> None:
    # Given two projects in an exact tie (same cost, one vote each, room for only one)
    path = tmp_path / "tie.pb"
    path.write_text(
        "META\nkey;value\nbudget;5\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\na;5\nb;5\n"
        "VOTES\nvoter_id;vote\nv1;a\nv2;b\n",
        encoding="utf-8",
    )
    seed = _seed_favouring("b", "a")
    for rule in ("greedy", "mes"):
        # When tallied by project id, "a" wins; with the seed, "b" does
        by_id = json.loads(run(path, "--rule", rule, "--format", "json")[1])
        seeded = json.loads(
            run(path, "--rule", rule, "--format", "json", "--tie-break-seed", seed)[1]
        )
        assert by_id["selected"] == ["a"]
        assert by_id["tie_breaking"] == "project-id"
        assert seeded["selected"] == ["b"]
        assert seeded["tie_breaking"] == {"seed": seed}
    text = run(path, "--rule", "greedy", "--tie-break-seed", seed)[1]
    assert f"ties broken by seed '{seed}'" in text.splitlines()[0]


# ----------------------------------------------------------------- errors


def test_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.pb"
    path.write_text(RIVERSIDE.replace("v3;p1,p3", "v3;p1,p7"), encoding="utf-8")
    status, out = run(path)
    assert status == 2
    assert out == ""
    assert error_line(capsys) == (
        "alongside budget tally: error: broken.pb, line 16: "
        "voter 'v3' votes for unknown project 'p7'"
    )


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(tmp_path / "nowhere.pb")
    assert status == 2
    assert error_line(capsys) == (
        f"alongside budget tally: error: {tmp_path / 'nowhere.pb'}: "
        "cannot read the file: No such file or directory"
    )


def test_greedy_takes_no_completion(riverside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(riverside, "--rule", "greedy", "--completion", "add1")
    assert status == 2
    assert out == ""
    assert error_line(capsys) == (
        "alongside budget tally: error: greedy is exhaustive already: use --completion none"
    )


def test_a_satisfaction_that_does_not_fit_the_ballots(
    riverside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(riverside, "--satisfaction", "borda")[0] == 2
    assert error_line(capsys) == (
        "alongside budget tally: error: borda needs ordinal ballots, not approval"
    )


def test_usage_errors(riverside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(riverside, "--rule", "lottery")[0] == 2
    assert "argument --rule: invalid choice: 'lottery'" in error_line(capsys)
    assert main([], out=StringIO()) == 2
    assert error_line(capsys).startswith("alongside budget tally: error: ")
    assert run(riverside, "--explain", "p1", "--voter", "v1")[0] == 2
    assert "not allowed with argument" in error_line(capsys)


# ----------------------------------------------------------------- a real file


def test_the_smallest_real_file(pb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = min(pb.glob("*.pb"), key=lambda p: (p.stat().st_size, p.name))
    status, out = run(path, "--format", "json")
    assert status == 0
    doc = json.loads(out)
    el = read_pabulib(path)
    assert doc["selected"] == tally(el, "mes", completion="add1-greedy").selected
    assert sorted(doc["selected"]) == sorted(
        expected()[path.name]["selections"]["mes cost add1-greedy"]
    )
    assert set(doc["explanations"]) == {p.id for p in el.instance.projects}
    funded = [pid for pid, e in doc["explanations"].items() if e["selected"]]
    assert sorted(funded) == sorted(doc["selected"])
    assert capsys.readouterr().err == ""


# ----------------------------------------------------------------- the real command


def _env_without_django() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "ALONGSIDE_MODE", "DJANGO_SETTINGS_MODULE")
        and not key.startswith(("ALONGSIDE_", "DJANGO_"))
    }
    assert "SECRET_KEY" not in env
    assert "ALONGSIDE_MODE" not in env
    return env


def test_the_real_commands_need_no_django_settings(riverside: Path, tmp_path: Path) -> None:
    env = _env_without_django()
    console_script = Path(sys.executable).parent / "alongside"
    commands = [
        [sys.executable, "-m", "alongside.budgeting.rules", "tally"],
        [str(console_script), "budget", "tally"],
    ]
    for command in commands:
        done = subprocess.run(
            [*command, str(riverside), "--format", "json"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        assert json.loads(done.stdout)["selected"] == ["p2", "p1"]

    # A broken file through the console script: exit 2 and one line on stderr.
    broken = tmp_path / "broken.pb"
    broken.write_text(RIVERSIDE.replace("p1;6;", "p1;six;"), encoding="utf-8")
    done = subprocess.run(
        [str(console_script), "budget", "tally", str(broken)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "alongside budget tally: error: broken.pb, line 9: "
        "project 'p1': cost is not a number: 'six'\n"
    )


def test_the_budget_command_does_not_import_django(riverside: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from alongside.cli import main\n"
        "try:\n"
        f"    main(['alongside', 'budget', 'tally', {str(riverside)!r}, '--format', 'json'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)\n"
        "print('no django', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_env_without_django(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "no django\n"
    assert json.loads(done.stdout)["selected"] == ["p2", "p1"]
