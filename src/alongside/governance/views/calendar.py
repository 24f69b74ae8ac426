"""An organisation's public meetings as an iCalendar feed, for a calendar app to subscribe to.

Only meetings held in public are in it (a private meeting's time and place are for its
members), from three months ago on; a cancelled one stays, marked cancelled, so a calendar
that had it removes it."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from alongside.accounts import selectors as account_selectors
from alongside.accounts.web import Request, requires
from alongside.governance import rules, selectors_public
from alongside.governance.models import Meeting

# A calendar app asks again on its own schedule; a quarter of an hour keeps it current
# without every subscriber reaching the database on each refresh.
CACHE_SECONDS = 15 * 60


@requires(rules.MEETING_PUBLIC_VIEW)
def meeting_calendar(request: Request, org: str) -> HttpResponse:
    organisation = account_selectors.organisation_get(slug=org)
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Alongside//Public meetings//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname", _("%(organisation)s: public meetings") % {"organisation": organisation.name}
    )
    for meeting in selectors_public.calendar_meetings(organisation=organisation, now=now):
        event = Event()
        event.add("uid", f"{meeting.public_id}@alongside")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("summary", f"{meeting.board.name}: {meeting.title}")
        event.add("location", meeting.location)
        event.add("description", meeting.board.purpose)
        event.add(
            "status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-meetings.ics"'
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
