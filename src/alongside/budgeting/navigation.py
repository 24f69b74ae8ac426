"""Youth budgets in the service navigation, and the links between a round's pages.

A round's staff page links to each sub-area's main page, and a young person's home page to
the vote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation, Person
from alongside.budgeting import selectors, selectors_voting
from alongside.budgeting.models import Round
from alongside.budgeting.permissions import ROUND_VIEW
from alongside.govuk.navigation import Audience, NavEntry, register

# The "Run the round" links on a round's staff page: (text, URL name taking org and round_id).
ROUND_PAGES: list[tuple[str | Promise, str]] = [
    (_("Proposals and ideas"), "budgeting:proposal-list"),
    (_("Feasibility panel"), "budgeting:panel"),
    (_("Polling stations"), "budgeting:station-list"),
    (_("Turnout"), "budgeting:turnout"),
    (_("Count and results"), "budgeting:round-count"),
    (_("Delivery"), "budgeting:delivery-list"),
]
VOTE_PAGE = "budgeting:vote-start"


def register_navigation() -> None:
    # Only staff may see rounds' staff pages, so the item is for exactly those the list admits.
    register(
        NavEntry(
            _("Youth budgets"), "budgeting:round-list", Audience.ORGANISATION, ROUND_VIEW.name, 26
        )
    )


def round_pages(round_: Round) -> list[tuple[str, str]]:
    """(text, address) of each sub-area's page for this round."""
    kwargs = {"org": round_.organisation.slug, "round_id": round_.public_id}
    return [(str(text), reverse(name, kwargs=kwargs)) for text, name in ROUND_PAGES]


def vote_href(round_: Round) -> str:
    return reverse(VOTE_PAGE, kwargs={"round_id": round_.public_id})


@dataclass(frozen=True)
class OpenVote:
    round: Round
    href: str
    # What they have done in it already, if anything (the home page says so, not "Vote").
    voted: selectors_voting.OwnVote | None = None


def votes_open_to(
    *, person: Person, organisations: list[Organisation], now: dt.datetime
) -> list[OpenVote]:
    """The rounds a young person can vote in now, each with the address of its vote and what
    they have done in it already: two queries however many rounds."""
    rounds = selectors.rounds_open_to(person=person, organisations=organisations, now=now)
    if not rounds:
        return []
    voted = selectors_voting.own_votes_in(person=person, round_ids=[r.pk for r in rounds])
    return [OpenVote(round_, vote_href(round_), voted.get(round_.pk)) for round_ in rounds]
