"""Read and write the Pabulib ``.pb`` format (https://pabulib.org/format).

A file has three sections, each a marker line then a header line then ``;``-separated rows::

    META            key;value rows: budget, vote_type, currency, ...
    PROJECTS        project_id;cost;... one row per project
    VOTES           voter_id;vote[;points];... one row per voter

Reading follows pabutools' parser (``pabutools.election.pabulib``) so that both engines see the
same election, and is tolerant of what real files do: a UTF-8 byte-order mark, CRLF line ends,
blank lines, surrounding spaces, upper/lower-case section markers, ``None`` for a missing value,
a decimal comma, spaces after the commas in ``vote``, trailing separators, a ``;`` inside an
unquoted META value. Anything it cannot read exactly raises :class:`PabulibError` naming the line
and the reason.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable, Iterator
from pathlib import Path

from alongside.budgeting.rules.model import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Number,
    Profile,
    Project,
    format_number,
    parse_number,
)

VOTE_TYPES: dict[str, BallotKind] = {
    "approval": BallotKind.APPROVAL,
    "choose-1": BallotKind.APPROVAL,
    "cumulative": BallotKind.CUMULATIVE,
    "scoring": BallotKind.SCORING,
    "ordinal": BallotKind.ORDINAL,
}
_SECTIONS = ("meta", "projects", "votes")


class PabulibError(ValueError):
    """A Pabulib file that cannot be read: ``line`` is 1-based (``None`` for the whole file)."""

    def __init__(self, line: int | None, reason: str, source: str = "") -> None:
        self.line = line
        self.reason = reason
        self.source = source
        where = source or "input"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {reason}")


def _missing(value: str) -> bool:
    return not value or value.lower() == "none"


def _split_ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _clean(row: list[str]) -> list[str]:
    """Strip the cells and drop empty trailing ones (``"a;b;"`` is ``"a;b"``)."""
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def parse_pabulib(data: str | bytes, source: str = "") -> Election:
    """Parse the text (or UTF-8 bytes) of a Pabulib file."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PabulibError(
                data.count(b"\n", 0, exc.start) + 1, "the file is not UTF-8 text", source
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    return _Parser(text, source).parse()


def read_pabulib(path: str | Path) -> Election:
    """Read a ``.pb`` file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PabulibError(
            None, f"cannot read the file: {exc.strerror or exc}", str(path)
        ) from None
    return parse_pabulib(data, source=path.name)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.csv = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        self.line = 0
        self.meta: dict[str, str] = {}
        self.projects: list[Project] = []
        self.project_ids: set[str] = set()
        self.ballots: list[Ballot] = []
        self.extra_fields: tuple[str, ...] = ()
        self.kind: BallotKind | None = None
        self.seen: list[str] = []
        self.meta_lines: dict[str, int] = {}

    def error(self, reason: str, line: int | None = -1) -> PabulibError:
        return PabulibError(self.line if line == -1 else line, reason, self.source)

    def rows(self) -> Iterator[list[str]]:
        """Raw rows with their line number in ``self.line``; blank lines skipped."""
        reader = self.csv
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.error(f"cannot split the line: {exc}", reader.line_num) from None
            self.line = start
            if row and (len(row) > 1 or row[0].strip()):
                yield row

    def marker(self, row: list[str]) -> str:
        """The section a row opens ('' if it is a data row)."""
        if len(row) == 1 or not any(cell.strip() for cell in row[1:]):
            name = row[0].strip().lower()
            if name in _SECTIONS:
                return name
        return ""

    def parse(self) -> Election:
        rows = self.rows()
        section = ""
        header: list[str] = []
        for raw in rows:
            name = self.marker(raw)
            if name:
                section = self.open_section(name)
                try:
                    header = _clean(next(rows))
                except StopIteration:
                    raise self.error(f"the {name.upper()} section has no header line") from None
                if section == "projects" and "cost" not in header:
                    raise self.error("the PROJECTS header has no 'cost' column")
                if section == "votes":
                    self.read_votes(header)
                    section = "done"
                continue
            row = _clean(raw)
            if not row:
                continue  # only separators (";;"): a blank line
            if section == "":
                raise self.error("data before the first section marker (META, PROJECTS or VOTES)")
            if section == "meta":
                # A value holding an unquoted ';' was split by the reader: join it back.
                self.meta[row[0]] = ";".join(raw[1 : len(row)]).strip()
                self.meta_lines[row[0]] = self.line
            elif section == "projects":
                project = _project(row, header, self)
                if project.id in self.project_ids:
                    raise self.error(f"project {project.id!r} is listed twice")
                self.project_ids.add(project.id)
                self.projects.append(project)
        return self.finish()

    def open_section(self, name: str) -> str:
        if name in self.seen:
            raise self.error(f"the {name.upper()} section appears twice")
        expected = _SECTIONS[len(self.seen)]
        if name != expected:
            raise self.error(f"the {name.upper()} section comes before {expected.upper()}")
        self.seen.append(name)
        return name

    def read_votes(self, header: list[str]) -> None:
        """The VOTES section: the bulk of a file, so one tight loop over the raw rows."""
        kind = _vote_kind(self.meta, self)
        self.kind = kind
        if "vote" not in header:
            raise self.error("the VOTES header has no 'vote' column")
        vote_col = header.index("vote")
        points_col = header.index("points") if "points" in header else -1
        voter_col = header.index("voter_id") if "voter_id" in header else -1
        has_points = kind.has_points
        if has_points and vote_col >= 0 and points_col < 0:
            raise self.error(f"{kind.value} votes need a 'points' column in the VOTES header")
        extra_cols = [i for i in range(len(header)) if i not in (vote_col, points_col, voter_col)]
        self.extra_fields = tuple(header[i] for i in extra_cols)
        known = self.project_ids
        ballots = self.ballots
        append = ballots.append
        last_extra = max(extra_cols, default=-1)
        get_extra = _tuple_getter(extra_cols)
        missing = ("", "None", "none", "NONE")
        reader = self.csv
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.error(f"cannot split the line: {exc}", reader.line_num) from None
            if not row:
                continue
            if len(row) == 1 or row[0].strip().lower() in _SECTIONS:
                self.line = reader.line_num
                if self.marker(row):
                    raise self.error(f"the {row[0].strip().upper()} section comes after VOTES")
                if not row[0].strip():
                    continue
            width = len(row)
            voter_id = row[voter_col].strip() if 0 <= voter_col < width else str(len(ballots))
            vote = row[vote_col] if 0 <= vote_col < width else ""
            if vote in missing or vote.strip() in missing:
                ids: list[str] = []
            else:
                ids = vote.split(",")
                if " " in vote or "" in ids:
                    ids = _split_ids(vote)
                if not known.issuperset(ids):
                    self.line = reader.line_num
                    bad = next(pid for pid in ids if pid not in known)
                    raise self.error(f"voter {voter_id!r} votes for unknown project {bad!r}")
            if width > last_extra:
                extra = get_extra(row)
            else:
                extra = tuple([row[i] if i < width else "" for i in extra_cols])
            if has_points:
                self.line = reader.line_num
                raw = row[points_col] if 0 <= points_col < width else ""
                texts = [] if raw.strip() in missing else _split_ids(raw)
                append(Ballot(voter_id, *self.points(voter_id, ids, texts, kind), extra))
            elif len(ids) > 1 and len(set(ids)) < len(ids):
                # A repeated project counts once, at its first place.
                append(Ballot(voter_id, tuple(dict.fromkeys(ids)), None, extra))
            else:
                append(Ballot(voter_id, tuple(ids), None, extra))

    def points(
        self, voter_id: str, ids: list[str], texts: list[str], kind: BallotKind
    ) -> tuple[tuple[str, ...], tuple[Number, ...]]:
        if len(texts) != len(ids):
            raise self.error(
                f"voter {voter_id!r} names {len(ids)} projects but gives {len(texts)} points"
            )
        points: dict[str, Number] = {}
        for project_id, text in zip(ids, texts, strict=True):
            if text.isascii() and text.isdigit():
                value: Number = int(text)
            else:
                try:
                    value = parse_number(text)
                except ValueError as exc:
                    raise self.error(f"voter {voter_id!r}: points {exc}") from None
                if kind is BallotKind.CUMULATIVE and value < 0:
                    raise self.error(f"voter {voter_id!r} gives negative points")
            points[project_id] = value  # a repeated project keeps its place, last points win
        return tuple(points), tuple(points.values())

    def finish(self) -> Election:
        for needed in _SECTIONS:
            if needed not in self.seen:
                raise self.error(f"there is no {needed.upper()} section", None)
        meta = self.meta
        if "budget" not in meta:
            raise self.error("META has no 'budget'", None)
        try:
            budget = parse_number(meta["budget"])
        except ValueError as exc:
            raise self.error(f"META budget: {exc}", self.meta_lines["budget"]) from None
        if budget < 0:
            raise self.error("META budget is negative", self.meta_lines["budget"])
        assert self.kind is not None
        instance = Instance(budget=budget, projects=tuple(self.projects), meta=meta)
        profile = Profile(self.kind, tuple(self.ballots), self.extra_fields)
        return Election(instance, profile)


def _tuple_getter(columns: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A fast ``row -> tuple(row[i] for i in columns)``."""
    if len(columns) >= 2:
        return operator.itemgetter(*columns)
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    return lambda row: ()


def _vote_kind(meta: dict[str, str], parser: _Parser) -> BallotKind:
    vote_type = meta.get("vote_type", "").strip().lower()
    if not vote_type:
        raise parser.error("META has no 'vote_type' (needed to read the VOTES)")
    if vote_type not in VOTE_TYPES:
        known = ", ".join(VOTE_TYPES)
        line = parser.meta_lines.get("vote_type")
        raise parser.error(f"unknown vote_type {vote_type!r} (known: {known})", line)
    return VOTE_TYPES[vote_type]


def _project(row: list[str], header: list[str], parser: _Parser) -> Project:
    if len(row) > len(header):
        raise parser.error(f"{len(row)} fields but the PROJECTS header has {len(header)}")
    project_id = row[0]
    if _missing(project_id):
        raise parser.error("a project without a project_id")
    values = {header[i]: row[i] for i in range(1, len(row)) if not _missing(row[i]) and header[i]}
    if "cost" not in values:
        raise parser.error(f"project {project_id!r} has no cost")
    try:
        cost = parse_number(values.pop("cost"))
    except ValueError as exc:
        raise parser.error(f"project {project_id!r}: cost is {exc}") from None
    if cost < 0:
        raise parser.error(f"project {project_id!r} has a negative cost")
    categories: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    for key in ("category", "categories"):
        if key in values:
            categories = frozenset(_split_ids(values.pop(key)))
    for key in ("target", "targets"):
        if key in values:
            targets = frozenset(_split_ids(values.pop(key)))
    name = values.pop("name", "")
    return Project(project_id, cost, name, categories, targets, values)


def _cell(value: str) -> str:
    return value if value else "None"


def election_to_pabulib(election: Election) -> str:
    """Write an election as Pabulib text (META, PROJECTS, VOTES), exactly and losslessly."""
    instance, profile = election.instance, election.profile
    meta = dict(instance.meta)
    vote_type = meta.get("vote_type", "").strip().lower()
    if VOTE_TYPES.get(vote_type) is not profile.kind:
        meta["vote_type"] = profile.kind.value
    meta["budget"] = format_number(instance.budget)
    meta["num_projects"] = str(len(instance.projects))
    meta["num_votes"] = str(len(profile.ballots))

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in meta.items():
        writer.writerow([key, value])

    extra_keys: list[str] = []
    for project in instance.projects:
        for key in project.extra:
            if key not in extra_keys:
                extra_keys.append(key)
    header = ["project_id", "cost", "name", "category", "target", *extra_keys]
    out.write("PROJECTS\n")
    writer.writerow(header)
    for project in instance.projects:
        writer.writerow(
            [
                project.id,
                format_number(project.cost),
                _cell(project.name),
                _cell(",".join(sorted(project.categories))),
                _cell(",".join(sorted(project.targets))),
                *(_cell(project.extra.get(key, "")) for key in extra_keys),
            ]
        )

    extra_fields = list(profile.extra_fields)
    has_points = profile.kind.has_points
    out.write("VOTES\n")
    writer.writerow(["voter_id", "vote", *(["points"] if has_points else []), *extra_fields])
    for ballot in profile.ballots:
        cells = [ballot.voter_id, ",".join(ballot.projects)]
        if has_points:
            cells.append(",".join(format_number(p) for p in ballot.points or ()))
        extra = list(ballot.extra[: len(extra_fields)])
        extra += [""] * (len(extra_fields) - len(extra))
        cells.extend(_cell(value) for value in extra)
        writer.writerow(cells)
    return out.getvalue()


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write an election to a ``.pb`` file (UTF-8, ``\\n`` line ends)."""
    Path(path).write_text(election_to_pabulib(election), encoding="utf-8")
