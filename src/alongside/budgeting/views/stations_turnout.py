"""Live turnout for staff: how many have voted, by age band, area and how they voted, with
small numbers kept out (``budgeting.small_numbers``). Voters never see it.

The page reloads itself every minute without JavaScript. It does so with the ``Refresh``
response header rather than ``<meta http-equiv="refresh">``, which WCAG's technique F41 and
axe-core's ``meta-refresh`` rule fail, and it offers a link to stop (docs/adr/0022).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.budgeting import selectors
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.ballot_paper import age_band
from alongside.budgeting.models import Participation, Round
from alongside.budgeting.permissions import ROUND_VIEW
from alongside.budgeting.small_numbers import Cell, suppress, total_cell
from alongside.budgeting.views.stations_common import round_of

REFRESH_SECONDS = 60
STOP = "off"


def _bands(round_: Round, counted: dict[str, int]) -> list[tuple[str, int]]:
    """Every band of the round's ages, in order (an empty band is a count too, so a band
    missing from the table would tell as much as a zero), then any other band counted."""
    bands: list[str] = []
    for age in range(round_.min_age, round_.max_age + 1):
        if age_band(age) not in bands:
            bands.append(age_band(age))
    bands += sorted(set(counted) - set(bands))
    return [(band, counted.get(band, 0)) for band in bands]


def _band_label(band: str) -> str:
    if not band:
        return _("Age not known")
    if band == "other":
        return _("Another age")
    low, _dash, high = band.partition("-")
    return _("%(low)s to %(high)s") % {"low": low, "high": high}


def _rows(cells: list[Cell], labels: dict[str, str]) -> list[dict[str, Any]]:
    return [{"label": labels[cell.key], "cell": cell} for cell in cells]


@requires(ROUND_VIEW)
def turnout(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    counts = stations.turnout(round_=round_)
    bands = _bands(round_, counts.by_age_band)
    tables = [
        {
            "id": "age",
            "caption": _("By age on the day voting closes"),
            "heading": _("Age"),
            "rows": _rows(suppress(bands), {band: _band_label(band) for band, _n in bands}),
        },
        {
            "id": "channel",
            "caption": _("By how they voted"),
            "heading": _("How"),
            "rows": _rows(
                suppress(
                    [(c.value, counts.by_channel.get(c.value, 0)) for c in Participation.Channel]
                ),
                {c.value: str(c.label) for c in Participation.Channel},
            ),
        },
    ]
    areas = list(selectors.areas_of(round_=round_))
    if areas:
        area_counts = [(str(a.pk), counts.by_area.get(a.pk, 0)) for a in areas]
        labels = {str(a.pk): a.name for a in areas}
        if round_.area_voting == Round.AreaVoting.EVERY:
            area_counts.append(("none", counts.by_area.get(None, 0)))
            labels["none"] = _("No area given")
        tables.insert(
            1,
            {
                "id": "area",
                "caption": _("By area"),
                "heading": _("Area"),
                "rows": _rows(suppress(area_counts), labels),
            },
        )
    total = total_cell(counts.total)
    eligible = stations.eligible_count(round_=round_)
    eligible_cell = total_cell(eligible) if eligible is not None else None
    share = (
        round(100 * counts.total / eligible)
        if eligible and total.number is not None and eligible_cell and eligible_cell.number
        else None
    )
    refreshing = request.GET.get("refresh") != STOP
    response = render(
        request,
        "budgeting/stations_turnout.html",
        {
            "title": _("Turnout"),
            "organisation": organisation,
            "round": round_,
            "total": total,
            "eligible": eligible_cell,
            "share": share,
            "tables": tables,
            "refreshing": refreshing,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )
    if refreshing:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response
