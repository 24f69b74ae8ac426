"""Reading what a meeting is planned to be: its agenda items and papers, and what an agenda
item may point to (the organisation's themes of what young people said, its initiatives).

A paper is read by its meeting; whether the reader may see a draft is the caller's question
(``paper_readable``), answered the same way by every page that shows one.
"""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet

from alongside.accounts.models import Organisation
from alongside.core.errors import NotFound
from alongside.governance.models import AgendaItem, Meeting, Paper
from alongside.initiatives.models import Initiative
from alongside.voice import selectors_answers as voice
from alongside.voice.models import Theme

NO_PAPER = "There is no such paper for this meeting."


def agenda_page(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda in order, with what each item points to, for a list page."""
    return cast(
        "QuerySet[AgendaItem]",
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("theme", "initiative", "paper")
        .order_by("position", "pk"),
    )


def agenda_item_get(*, meeting: Meeting, pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).select_related("meeting").first()
    if item is None:
        raise NotFound("There is no such item on this meeting's agenda.")
    return cast(AgendaItem, item)


def papers_for(*, meeting: Meeting) -> QuerySet[Paper]:
    return cast("QuerySet[Paper]", Paper.objects.filter(meeting=meeting).order_by("pk"))


def paper_get(*, meeting: Meeting, public_id: str) -> Paper:
    paper = Paper.objects.filter(meeting=meeting, public_id=public_id).first()
    if paper is None:
        raise NotFound(NO_PAPER)
    return cast(Paper, paper)


def paper_readable(*, meeting: Meeting, can_run: bool) -> bool:
    """Whether the meeting's papers may be read: by everyone once published, by clerks always."""
    return can_run or meeting.papers_published_at is not None


def themes_for_agenda(*, organisation: Organisation) -> list[Theme]:
    """The organisation's themes of contributions, by name, for an agenda item to be about."""
    return cast(
        "list[Theme]", list(voice.themes_for_choice(organisation=organisation).order_by("name"))
    )


def initiatives_for_agenda(*, organisation: Organisation) -> list[Initiative]:
    return cast("list[Initiative]", list(voice.initiatives_for_choice(organisation=organisation)))
