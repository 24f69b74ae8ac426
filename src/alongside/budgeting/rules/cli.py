"""``alongside budget tally FILE.pb ...``: tally a Pabulib file from the command line.

``main(["tally", "FILE.pb", "--rule", "mes"])`` returns the exit status: 0 on success, 2 with a
one-line message on stderr for bad input (a broken file, an unknown project, a satisfaction
that does not fit the ballots). ``--rule meta`` tallies by the rule the file's META records.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import NoReturn, TextIO

from alongside.budgeting.rules.explain import (
    ProjectExplanation,
    count_words,
    explain_projects,
    explain_voter,
    format_money,
    json_number,
)
from alongside.budgeting.rules.model import Election, Number, format_number, parse_number
from alongside.budgeting.rules.pabulib import PabulibError, read_pabulib
from alongside.budgeting.rules.recorded import recorded_rule
from alongside.budgeting.rules.scored import score_basis
from alongside.budgeting.rules.tally import Completion, Rule, TallyResult, tally

PROG = "alongside budget"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Participatory budgeting tools.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    tally_parser = commands.add_parser(
        "tally",
        prog=f"{PROG} tally",
        help="tally a Pabulib .pb file",
        description=(
            "Tally a Pabulib .pb file with utilitarian greedy or the Method of Equal Shares, "
            "exactly as pabutools 1.2.3 does, or with the rules cities announced their results "
            "by, and explain the outcome."
        ),
    )
    tally_parser.add_argument("file", metavar="FILE.pb", help="a Pabulib file")
    tally_parser.add_argument(
        "--rule",
        choices=[*(r.value for r in Rule), "meta"],
        default="mes",
        help="meta: the rule the file's META records, with its parameters",
    )
    tally_parser.add_argument(
        "--satisfaction",
        choices=["cost", "cardinality", "cost-points", "borda"],
        help=(
            "default: cost for approval, cost-points for cumulative/scoring; "
            "for ordinal ballots borda with greedy, cost with mes"
        ),
    )
    tally_parser.add_argument(
        "--completion",
        choices=[c.value for c in Completion],
        help="how MES is completed (default add1-greedy; greedy takes none)",
    )
    tally_parser.add_argument(
        "--threshold",
        metavar="SCORE",
        type=number,
        help="the least score (votes, or points) a project needs, for the rules by score "
        "(greedy-threshold: default META's min_project_score_threshold)",
    )
    tally_parser.add_argument(
        "--exclusive",
        metavar="ID,ID",
        action="append",
        default=[],
        help="projects of which at most one may be funded (greedy-exclusive; repeat for more)",
    )
    tally_parser.add_argument(
        "--reserve",
        metavar="SHARE",
        type=share,
        help="greedy-custom: fund the first project that does not fit from reserve funds when "
        "what is left covers this share of it, such as 80%% (default: from META's comment)",
    )
    tally_parser.add_argument("--format", choices=["text", "json"], default="text")
    one = tally_parser.add_mutually_exclusive_group()
    one.add_argument("--explain", metavar="PROJECT_ID", help="print one project's explanation only")
    one.add_argument("--voter", metavar="VOTER_ID", help="print one voter's explanation only")
    tally_parser.add_argument(
        "--tie-break-seed",
        metavar="SEED",
        help="break exact ties by SHA-256 of 'SEED:project_id' instead of by project id",
    )
    tally_parser.add_argument(
        "--exact",
        action="store_true",
        help="rational arithmetic only, no floating-point shortcuts (same outcome, slower)",
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stdout = out or sys.stdout
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(args_list)
        return _tally(args, stdout)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except _UsageError as exc:
        return _fail(str(exc))
    except PabulibError as exc:
        return _fail(str(exc))
    except (ValueError, KeyError) as exc:
        return _fail(str(exc).strip("'\""))
    except OSError as exc:
        return _fail(f"cannot write the output: {exc}")


def _fail(message: str) -> int:
    line = " ".join(message.split())
    print(f"{PROG} tally: error: {line}", file=sys.stderr)
    return 2


def number(text: str) -> Number:
    """An exact number (argparse names it in its error message)."""
    return parse_number(text)


def share(text: str) -> Fraction:
    """``80%`` or ``0.8``."""
    text = text.strip()
    if text.endswith("%"):
        return Fraction(parse_number(text.removesuffix("%"))) / 100
    return Fraction(parse_number(text))


def _run(args: argparse.Namespace, election: Election) -> TallyResult:
    rule, completion = args.rule, args.completion
    threshold: Number | None = args.threshold
    reserve: Fraction | None = args.reserve
    if rule == "meta":
        recorded = recorded_rule(election.instance)
        rule = recorded.rule
        completion = completion or recorded.completion
        threshold = recorded.threshold if threshold is None else threshold
        reserve = recorded.reserve if reserve is None else reserve
    return tally(
        election,
        rule,
        args.satisfaction,
        completion,
        args.tie_break_seed,
        threshold=threshold,
        exclusive=[group.split(",") for group in args.exclusive],
        reserve=reserve,
        exact=args.exact,
    )


def _tally(args: argparse.Namespace, out: TextIO) -> int:
    election = read_pabulib(args.file)
    result = _run(args, election)
    explanations = explain_projects(result)
    if args.explain is not None:
        if args.explain not in explanations:
            raise ValueError(f"no project {args.explain!r} in {args.file}")
        explanation = explanations[args.explain]
        if args.format == "json":
            json.dump(
                {"project_id": args.explain, **explanation.as_dict()},
                out,
                indent=2,
                ensure_ascii=False,
            )
            out.write("\n")
        else:
            out.write(f"{args.explain}: {explanation.text}\n")
        return 0
    if args.voter is not None:
        ballot = next((b for b in election.profile.ballots if b.voter_id == args.voter), None)
        if ballot is None:
            raise ValueError(f"no voter {args.voter!r} in {args.file}")
        voter = explain_voter(result, ballot)
        if args.format == "json":
            json.dump(voter.as_dict(), out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            out.write(voter.text + "\n")
        return 0
    if args.format == "json":
        json.dump(as_json(result, explanations), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(as_text(result, explanations))
    return 0


def as_json(
    result: TallyResult, explanations: dict[str, ProjectExplanation] | None = None
) -> dict[str, object]:
    """The JSON document of ``--format json``."""
    explanations = explain_projects(result) if explanations is None else explanations
    share = result.equal_share
    doc: dict[str, object] = {
        "selected": result.selected,
        "rule": result.rule.value,
        "satisfaction": None if result.rule.by_score else result.satisfaction.value,
        "completion": result.completion.value,
        "budget_used": json_number(result.budget_used),
        "budget": json_number(result.election.instance.budget),
        "tie_breaking": (
            {"seed": result.tie_break_seed} if result.tie_break_seed is not None else "project-id"
        ),
        "equal_share": None if share is None else json_number(share),
        "add1_increments": result.add1_increments,
    }
    scored = result.scored_run
    if scored is not None:
        options = scored.options
        doc["score"] = score_basis(result.election.profile.kind).value
        doc["parameters"] = {
            "threshold": None if options.threshold is None else json_number(options.threshold),
            "exclusive": [sorted(result.prep.ids[p] for p in group) for group in options.exclusive],
            "reserve": None if options.reserve is None else json_number(options.reserve),
        }
    if result.comparison is not None:
        doc["comparison"] = {
            "prefer_equal_shares": result.comparison.prefer_equal_shares,
            "prefer_greedy": result.comparison.prefer_greedy,
            "outcome": "equal-shares" if result.comparison.kept_equal_shares else "greedy",
        }
    doc["explanations"] = {pid: e.as_dict() for pid, e in explanations.items()}
    return doc


def as_text(result: TallyResult, explanations: dict[str, ProjectExplanation] | None = None) -> str:
    """The human-readable report of ``--format text``."""
    instance = result.election.instance
    currency = instance.currency
    explanations = explain_projects(result) if explanations is None else explanations
    lines: list[str] = []
    title = instance.meta.get("description") or instance.meta.get("unit") or ""
    if title:
        lines.append(title)
    tie = (
        f"ties broken by seed {result.tie_break_seed!r}"
        if result.tie_break_seed is not None
        else "ties broken by project id"
    )
    lines.append(f"Rule: {_rule_words(result)}; {tie}")
    lines.append(
        f"Budget {format_money(instance.budget, currency)}, used "
        f"{format_money(result.budget_used, currency)}; {len(result.order)} of "
        f"{len(instance.projects)} projects funded; {len(result.election.profile):,} voters"
    )
    share = result.equal_share
    if share is not None:
        text = f"Each voter's equal share: {format_money(share, currency)}"
        if result.add1_increments:
            text += f" (after adding {format_money(result.add1_increments, currency)} by add1)"
        lines.append(text)
    if result.comparison is not None:
        comparison = result.comparison
        kept = "equal shares stands" if comparison.kept_equal_shares else "greedy's is taken"
        lines.append(
            f"Compared with greedy: {comparison.prefer_equal_shares:,} voters prefer the equal "
            f"shares outcome, {comparison.prefer_greedy:,} the greedy one, so {kept}"
        )
    lines.append("")
    lines.append("Funded, in order of selection:")
    for number, pid in enumerate(result.selected, start=1):
        e = explanations[pid]
        lines.append(f"{number:4d}. {pid}: {e.text}")
    lines.append("")
    lines.append("Not funded:")
    for pid, e in explanations.items():
        if not e.selected:
            lines.append(f"      {pid}: {e.text}")
    return "\n".join(lines) + "\n"


def _rule_words(result: TallyResult) -> str:
    rule = result.rule.value
    scored = result.scored_run
    if scored is None:
        return (
            f"{rule}, satisfaction {result.satisfaction.value}, "
            f"completion {result.completion.value}"
        )
    basis = score_basis(result.election.profile.kind).value.replace("-", " ")
    words = [rule, f"ranked by {basis}"]
    options = scored.options
    if options.threshold is not None:
        words.append(f"threshold {count_words(options.threshold)}")
    for group in options.exclusive:
        words.append("one of " + ", ".join(sorted(result.prep.ids[p] for p in group)))
    if options.reserve is not None:
        words.append(f"reserve at {format_number(options.reserve * 100)}%")
    return ", ".join(words)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
