"""The organisation's audit trail, for those allowed to read it."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors
from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    Request,
    requires,
)
from alongside.govuk.pagination import paginate, pagination_params


@requires(rules.AUDIT_VIEW)
def audit_list(request: Request, organisation: Organisation) -> HttpResponse:
    actions = selectors.audit_actions_for_organisation(organisation=organisation)
    filters = forms.AuditFilterForm(request.GET, actions=actions)
    filters.is_valid()
    events = selectors.audit_events_for_organisation(
        organisation=organisation, action=filters.cleaned_data.get("action", "")
    )
    page = paginate(request, events, per_page=50)
    rows = list(page.object_list)
    return render(
        request,
        "accounts/audit_list.html",
        {
            "title": _("Audit trail"),
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "events": rows,
            "actors": selectors.display_names(person_ids={e.actor_id for e in rows if e.actor_id}),
            "pagination": pagination_params(request, page),
        },
    )
