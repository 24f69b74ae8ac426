"""Governance's rows of the permission matrix and page sweep for planning a meeting: planning,
changing and cancelling it, its agenda, and its papers (publishing them, reading one)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.governance.models import AgendaItem, GlossaryTerm, Meeting, Paper
from tests.governance.factories import BoardFactory, MeetingFactory
from tests.governance.factories_planning import PaperFactory
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R

IN_A_MONTH = timezone.localdate() + dt.timedelta(days=30)


def _board(w: World) -> Any:
    if "planning_board" not in w.objects:
        w.objects["planning_board"] = BoardFactory(
            organisation=w.organisation, name=long_name("board")
        )
    return w.objects["planning_board"]


def _meeting(w: World, *, published: bool = True, items: bool = True) -> Meeting:
    """A planned meeting with long words: two agenda items, and a paper (published or not)
    that uses a glossary word."""
    if "planning_meeting" in w.objects:
        return w.objects["planning_meeting"]
    meeting = MeetingFactory(
        board=_board(w), title=long_name("meeting"), location=long_name("room")
    )
    paper = PaperFactory(
        meeting=meeting,
        title=long_name("paper"),
        # One paragraph each: the Welsh test knows typed text by its whole value.
        plain_words=long_name("plain"),
        body="The board needs a quorum to decide. " + long_name("body"),
    )
    GlossaryTerm.objects.create(
        organisation=w.organisation, term="quorum", meaning="How many people must be there."
    )
    if items:
        for position, label in ((1, "first"), (2, "second")):
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=long_name(label),
                plain_summary=long_name("summary"),
                paper=paper,
            )
    if published:
        meeting.papers_published_at = timezone.now()
        meeting.save(update_fields=["papers_published_at"])
    w.objects["planning_meeting"] = meeting
    w.objects["planning_paper"] = paper
    return meeting


def _board_args(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "board_id": _board(w).public_id}


def _args(w: World, **kwargs: Any) -> dict[str, Any]:
    return {"org": w.organisation.slug, "meeting_id": _meeting(w, **kwargs).public_id}


def _unpublished(w: World) -> dict[str, Any]:
    return _args(w, published=False)


def _item(w: World) -> dict[str, Any]:
    found = _args(w)
    last = AgendaItem.objects.filter(meeting=w.objects["planning_meeting"]).order_by("position")
    return found | {"item_id": last.last().pk}  # type: ignore[union-attr]


def _paper(w: World, **kwargs: Any) -> dict[str, Any]:
    return _args(w, **kwargs) | {"paper_id": w.objects["planning_paper"].public_id}


def _meeting_body(w: World, *, key: bool = True) -> dict[str, Any]:
    body = {
        "title": "June meeting",
        "starts_on_day": str(IN_A_MONTH.day),
        "starts_on_month": str(IN_A_MONTH.month),
        "starts_on_year": str(IN_A_MONTH.year),
        "starts_time": "18:30",
        "location": "Riverside Youth Centre, upstairs room",
        "is_public": "no",
    }
    return body | ({"idempotency_key": str(uuid.uuid4())} if key else {})


def _item_body(w: World, *, key: bool = True) -> dict[str, Any]:
    body = {
        "title": "Opening on Saturdays",
        "plain_summary": "Should the club open on Saturdays?",
        "theme": "",
        "initiative": "",
        "paper": "",
    }
    return body | ({"idempotency_key": str(uuid.uuid4())} if key else {})


def _paper_body(w: World, *, key: bool = True) -> dict[str, Any]:
    body = {
        "title": "Saturday opening: the costs",
        "plain_words": "Opening on Saturdays costs money. This paper says how much.",
        "body": "A Saturday costs £300 in staff time.\n\nThe budget has room for it.",
    }
    return body | ({"idempotency_key": str(uuid.uuid4())} if key else {})


MATRIX_ROWS = [
    R("governance:meeting-plan", _board_args, body=_meeting_body),
    R("governance:meeting-change", _args, body=lambda w: _meeting_body(w, key=False)),
    R("governance:meeting-cancel", _args, body=lambda w: {}),
    R("governance:agenda", _args),
    R("governance:agenda-add", _args, body=_item_body),
    R("governance:agenda-change", _item, body=lambda w: _item_body(w, key=False)),
    R("governance:agenda-remove", _item, body=lambda w: {}),
    R("governance:agenda-move", _item, body=lambda w: {"direction": "up"}, page=False),
    R("governance:paper-list", _args),
    R("governance:paper-add", _args, body=_paper_body),
    R("governance:papers-publish", _unpublished, body=lambda w: {}),
    R("governance:paper-detail", _paper, sweep_as=(Role.YOUNG_PERSON.value, Role.WORKER.value)),
    R("governance:paper-change", _paper, body=lambda w: _paper_body(w, key=False)),
]

PAGE_STATES = [
    # A clerk reads a draft: marked "Not published yet".
    PageState(
        "governance-paper-draft",
        "governance:paper-detail",
        lambda w: _paper(w, published=False),
        Role.WORKER.value,
    ),
    # A young person before the papers are published: told when they will be there.
    PageState(
        "governance-papers-not-yet",
        "governance:paper-list",
        _unpublished,
        Role.YOUNG_PERSON.value,
    ),
    PageState(
        "governance-agenda-empty",
        "governance:agenda",
        lambda w: _args(w, items=False),
        Role.WORKER.value,
    ),
]

TYPED_TEXT = [
    (Meeting, "title"),
    (Meeting, "location"),
    (AgendaItem, "title"),
    (AgendaItem, "plain_summary"),
    (Paper, "title"),
    (Paper, "body"),
    (Paper, "plain_words"),
]
