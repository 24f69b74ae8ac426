"""A published round's results as files anyone can take away: a CSV of every project, and
the funded grants to groups and organisations in the 360Giving Data Standard (JSON and CSV),
the format UK funders publish their grants in.

Nothing here names a person: projects, costs, votes and who proposed them (a group's or
organisation's name; "A young person" for a young person's own project).

360Giving identifiers need a prefix registered with 360Giving; until an organisation has
one, ``360G-alongside-`` stands in for it (settable as ``BUDGETING_360GIVING_PREFIX``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone

from alongside.budgeting.models import Proposal, Result, Round
from alongside.core.money import pounds_text
from alongside.core.spreadsheets import csv_lines

RESULTS_HEADER = [
    "Project number",
    "Project",
    "Area",
    "Cost (£)",
    "Votes",
    "Funded",
    "Funded by most votes first",
    "Why",
]

GRANTS_HEADER = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Last Modified",
]


def _prefix() -> str:
    return str(getattr(settings, "BUDGETING_360GIVING_PREFIX", "360G-alongside"))


def _results(round_: Round) -> dict[int | None, Result]:
    return {result.area_id: result for result in Result.objects.filter(round=round_)}


def _proposals(round_: Round) -> list[Proposal]:
    return list(
        Proposal.objects.filter(round=round_, status=Proposal.Status.FEASIBLE)
        .select_related("area")
        .order_by("number")
    )


def _result_for(results: dict[int | None, Result], proposal: Proposal) -> Result | None:
    return results.get(proposal.area_id) or results.get(None)


def results_lines(round_: Round) -> Iterator[str]:
    """One row per project on the ballot: its cost, votes, and whether it was funded."""
    results = _results(round_)

    def rows() -> Iterator[list[object]]:
        for proposal in _proposals(round_):
            result = _result_for(results, proposal)
            data: dict[str, Any] = result.projects.get(str(proposal.number), {}) if result else {}
            yield [
                proposal.number,
                proposal.title,
                proposal.area.name if proposal.area else "",
                pounds_text(proposal.cost_pence),
                data.get("votes", ""),
                "Yes" if result and proposal.number in result.selected else "No",
                "Yes" if result and proposal.number in result.greedy_selected else "No",
                data.get("text", ""),
            ]

    return csv_lines(RESULTS_HEADER, rows())


def grants(round_: Round) -> list[dict[str, Any]]:
    """The funded projects proposed by a group or an organisation, as 360Giving grants."""
    results = _results(round_)
    organisation = round_.organisation
    prefix = _prefix()
    award_date = timezone.localtime(round_.published_at).date().isoformat()
    modified = timezone.localtime(round_.published_at).isoformat(timespec="seconds")
    out: list[dict[str, Any]] = []
    for proposal in _proposals(round_):
        result = _result_for(results, proposal)
        if result is None or proposal.number not in result.selected:
            continue
        if proposal.proposed_by == Proposal.ProposedBy.YOUNG_PERSON or not proposal.proposer_name:
            continue
        out.append(
            {
                "id": f"{prefix}-{round_.public_id}-{proposal.number}",
                "title": proposal.title,
                "description": proposal.summary,
                "currency": "GBP",
                "amountAwarded": proposal.cost_pence / 100
                if proposal.cost_pence % 100
                else proposal.cost_pence // 100,
                "awardDate": award_date,
                "recipientOrganization": [
                    {
                        "id": f"{prefix}-{round_.public_id}-recipient-{proposal.number}",
                        "name": proposal.proposer_name,
                    }
                ],
                "fundingOrganization": [
                    {"id": f"{prefix}-{organisation.slug}", "name": organisation.name}
                ],
                "grantProgramme": [{"title": round_.title}],
                "dateModified": modified,
            }
        )
    return out


def grants_json(round_: Round) -> dict[str, Any]:
    return {"grants": grants(round_)}


def grants_lines(round_: Round) -> Iterator[str]:
    def rows() -> Iterator[list[object]]:
        for grant in grants(round_):
            yield [
                grant["id"],
                grant["title"],
                grant["description"],
                grant["currency"],
                grant["amountAwarded"],
                grant["awardDate"],
                grant["recipientOrganization"][0]["id"],
                grant["recipientOrganization"][0]["name"],
                grant["fundingOrganization"][0]["id"],
                grant["fundingOrganization"][0]["name"],
                grant["grantProgramme"][0]["title"],
                grant["dateModified"],
            ]

    return csv_lines(GRANTS_HEADER, rows())
