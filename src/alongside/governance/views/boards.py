"""The organisation's boards: the list every member can see."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import Request, requires
from alongside.governance import rules, selectors
from alongside.govuk.pagination import paginate, pagination_params


@requires(rules.BOARD_VIEW)
def board_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.boards_for(organisation=organisation))
    return render(
        request,
        "governance/board_list.html",
        {
            "title": _("Boards"),
            "organisation": organisation,
            "boards": page.object_list,
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )
