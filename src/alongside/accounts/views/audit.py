"""The organisation's audit trail, for those allowed to read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors
from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    Request,
    requires,
)
from alongside.core.audit import audit_events
from alongside.core.models import AuditEvent
from alongside.govuk.pagination import paginate, pagination_params

PERSON = "accounts.person"


@dataclass(frozen=True)
class Row:
    occurred_at: datetime
    who: str
    what: str
    details: str
    about: str
    record: str


@requires(rules.AUDIT_VIEW)
def audit_list(request: Request, organisation: Organisation) -> HttpResponse:
    actions = selectors.audit_actions_for_organisation(organisation=organisation)
    filters = forms.AuditFilterForm(request.GET, actions=actions)
    filters.is_valid()
    events = selectors.audit_events_for_organisation(
        organisation=organisation, action=filters.cleaned_data.get("action", "")
    )
    page = paginate(request, events, per_page=50)
    events_here: list[AuditEvent] = list(page.object_list)
    return render(
        request,
        "accounts/audit_list.html",
        {
            "title": _("Audit trail"),
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "rows": _rows(request, organisation, events_here),
            "pagination": pagination_params(request, page),
        },
    )


def _rows(request: Request, organisation: Organisation, events: list[AuditEvent]) -> list[Row]:
    """Each event in plain words, naming people only to those who may see this organisation's
    people (one query for every name on the page)."""
    may_see_people = request.actor.can(rules.PEOPLE_VIEW, organisation)
    wanted = {e.actor_id for e in events if e.actor_id}
    wanted |= {int(e.object_id) for e in events if e.object_type == PERSON and e.object_id}
    names = (
        selectors.audit_names(organisation=organisation, person_ids=wanted)
        if may_see_people and wanted
        else {}
    )

    def who(event: AuditEvent) -> str:
        if event.actor_id is None:
            return _("No one signed in")
        return names.get(event.actor_id, _("A person"))

    def about(event: AuditEvent) -> str:
        if event.object_type == PERSON and event.object_id:
            return names.get(int(event.object_id), _("A person"))
        return audit_events.target_label(event.object_type)

    def details(event: AuditEvent) -> str:
        # The summary, where it says more than the plain words already do.
        same = event.summary.casefold() == audit_events.label(event.action).casefold()
        return "" if same else event.summary

    return [
        Row(
            occurred_at=event.occurred_at,
            who=who(event),
            what=audit_events.label(event.action),
            details=details(event),
            about=about(event),
            record=(_("No. %(n)s") if event.organisation_id else _("No. %(n)s (across Alongside)"))
            % {"n": event.sequence},
        )
        for event in events
    ]
