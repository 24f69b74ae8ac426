"""Your notices: what Alongside has told you, newest first; opening one marks it read."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from alongside.accounts.web import GET_POST, Request, apply_to_form, bound_form, done, requires
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params
from alongside.notices import rules, selectors, services
from alongside.notices.forms import MarkReadForm


@GET_POST
@requires(rules.OWN_NOTICES)
def my_notices(request: Request) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires() let only signed-in people in
    form = bound_form(MarkReadForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            marked = services.notices_mark_read(
                actor=request.actor, up_to=form.cleaned_data["up_to"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            message = (
                _("Your notices are marked as read.") if marked else _("You had no new notices.")
            )
            return done(request, message, "notices:my-notices")
    page = paginate(request, selectors.own_notices(person=person))
    notices = list(page.object_list)
    unread = selectors.unread_count(person_id=person.pk)
    # The newest notice the person can see now: "Mark all as read" stops there.
    newest = notices[0].pk if notices and page.number == 1 else selectors.newest_id(person=person)
    return render(
        request,
        "notices/my_notices.html",
        {
            "title": _("Your notices"),
            "form": form,
            "page": page,
            # A notice's text is the product's own words, in English, as the domain wrote it:
            # shown in Welsh where the catalogue has it, else marked as English (ADR 0009).
            "notices": [(notice, gettext(notice.text)) for notice in notices],
            "pagination": pagination_params(request, page),
            "unread": unread,
            "up_to": newest,
        },
    )


# The policy first, so a visitor not signed in is sent to sign in whatever the method.
@requires(rules.OWN_NOTICES)
@require_GET
def notice_open(request: Request, notice_id: int) -> HttpResponse:
    """A notice's link: marks it read (so the count in the header falls), then goes where it
    points, a page of the product; a notice that points nowhere goes back to the list."""
    notice = services.notice_open(actor=request.actor, notice_id=notice_id)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notices:my-notices")
