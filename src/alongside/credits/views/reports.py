"""The admin's report on time credits: issued and redeemed per month (a chart with the same
numbers in a table beside it), per initiative or board, and per age band; and the same as a
CSV to take away. Aggregates only, small groups not shown (selectors/reports.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.core.durations import time_words
from alongside.core.spreadsheets import csv_lines
from alongside.credits.rules import CREDITS_MANAGE
from alongside.credits.selectors.reports import AgeBand, CreditsReport, credits_report
from alongside.govuk.jinja_helpers import format_month


def band_words() -> dict[AgeBand, str]:
    return {
        AgeBand.UNDER_13: _("Under 13"),
        AgeBand.FROM_13_TO_15: _("13 to 15"),
        AgeBand.FROM_16_TO_17: _("16 to 17"),
        AgeBand.FROM_18_TO_25: _("18 to 25"),
        AgeBand.OVER_25: _("Over 25"),
        AgeBand.NOT_KNOWN: _("Age not known"),
    }


def _width(minutes: int, most: int) -> int:
    return round(100 * minutes / most) if most else 0


def _hours(minutes: int | None) -> str:
    # Hours with two decimals: what a spreadsheet sums and charts.
    return "" if minutes is None else f"{minutes / 60:.2f}"


@requires(CREDITS_MANAGE)
def reports(request: Request, organisation: Organisation) -> HttpResponse:
    report = credits_report(organisation=organisation)
    most = report.busiest_month
    return render(
        request,
        "credits/reports.html",
        {
            "title": _("Reports on time credits"),
            "organisation": organisation,
            "report": report,
            "months": [
                (row, _width(row.issued, most), _width(row.redeemed, most)) for row in report.months
            ],
            "bands": band_words(),
            "time_words": time_words,
        },
    )


def _lines(report: CreditsReport) -> Iterator[list[object]]:
    for row in report.months:
        yield [_("Month"), format_month(row.month), "", _hours(row.issued), _hours(row.redeemed)]
    for group in report.groups:
        label = group.label or _("Adjustments by hand")
        yield [_("Initiative or board"), label, group.people or "", _hours(group.issued), ""]
    words = band_words()
    for band in report.bands:
        yield [
            _("Age band"),
            words[band.band],
            band.people,
            _hours(band.issued),
            _hours(band.redeemed),
        ]


@requires(CREDITS_MANAGE)
def reports_csv(request: Request, organisation: Organisation) -> HttpResponse:
    report = credits_report(organisation=organisation)
    header = [_("Section"), _("What"), _("People"), _("Hours issued"), _("Hours redeemed")]
    # Made whole while the page's language is active (a stream would be worded after it).
    response = HttpResponse(
        "".join(csv_lines(header, _lines(report))), content_type="text/csv; charset=utf-8"
    )
    name = f"time-credits-{organisation.slug}-{report.first_month:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
