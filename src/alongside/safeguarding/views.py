"""Safeguarding pages: the always-visible "I feel unsafe or unhappy" route, a young person's
own concerns, a worker's "Raise a concern", and the leads' pages (the only place a concern is
read; every look is audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts import selectors as people
from alongside.accounts.models import Organisation
from alongside.accounts.roles import PARTICIPANT_ROLES
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params
from alongside.safeguarding import forms, rules, selectors, services
from alongside.safeguarding.models import Concern

# The young person's route ------------------------------------------------------------------


def _places(request: Request) -> list[Organisation]:
    """Where the visitor takes part (a role in effect, so with consent to take part)."""
    actor = request.actor
    return [o for o in actor.organisations if actor.roles_in(o.pk) & PARTICIPANT_ROLES]


@GET_POST
@requires(rules.HELP_VIEW)
def help_page(request: Request) -> HttpResponse:
    """Who to talk to; and, for someone taking part, a box to tell the safeguarding lead."""
    places = _places(request)
    contribution = selectors.contribution_in(
        organisations=places, public_id=request.GET.get("contribution")
    )
    organisation: Organisation | None = None
    if contribution is not None:
        organisation = next(o for o in places if o.pk == contribution.organisation_id)
    elif len(places) == 1:
        organisation = places[0]
    elif len(places) > 1:
        chosen = request.GET.get("org")
        organisation = next((o for o in places if o.slug == chosen), None)
        if organisation is None:
            if request.method == "POST":
                raise PermissionDenied(_("Choose who you want to tell first."))
            choose = forms.ChooseOrganisationForm(
                request.GET if "org" in request.GET else None, organisations=places
            )
            if choose.is_bound:
                choose.is_valid()
            return render(
                request,
                "safeguarding/help_choose.html",
                {"title": _("Who do you want to tell?"), "form": choose},
            )
    if organisation is None:
        if request.method == "POST":
            raise PermissionDenied(_("Sign in to tell us what is wrong."))
        return render(
            request,
            "safeguarding/help_talk.html",
            {
                "title": _("If you feel unsafe or unhappy"),
                "raise_in": request.actor.organisations_where(rules.CONCERN_RAISE),
            },
        )

    def send(data: dict[str, Any]) -> HttpResponse:
        services.concern_raise_self(
            actor=request.actor,
            organisation=organisation,
            text=data["text"],
            contribution=contribution,
            idempotency_key=data["idempotency_key"],
        )
        return redirect("safeguarding:help-sent")

    return form_page(
        request,
        bound_form(forms.TellUsForm, request, organisation=organisation),
        "safeguarding/help_tell.html",
        {
            "title": _("Tell us what is wrong"),
            "organisation": organisation,
            "contribution": contribution,
            "several": len(places) > 1,
        },
        send,
    )


@requires(rules.CONCERN_RAISE_SELF)
def help_sent(request: Request) -> HttpResponse:
    return render(request, "safeguarding/help_sent.html", {"title": _("We have your message")})


@requires(rules.CONCERN_RAISE_SELF)
def my_concerns(request: Request) -> HttpResponse:
    person = request.actor.person
    assert person is not None
    page = paginate(request, selectors.own_concerns(person=person))
    return render(
        request,
        "safeguarding/my_concerns.html",
        {
            "title": _("What you told us"),
            "page": page,
            "concerns": list(page.object_list),
            "pagination": pagination_params(request, page),
            "can_tell": bool(_places(request)),
        },
    )


# Staff: raise a concern (but never read one) ------------------------------------------------


@GET_POST
@requires(rules.CONCERN_RAISE)
def concern_raise(request: Request, organisation: Organisation) -> HttpResponse:
    about = None
    about_id = request.GET.get("about")
    contribution = None
    contribution_id = request.GET.get("contribution")
    try:
        if about_id:
            about = people.person_get(organisation=organisation, public_id=about_id)
        if contribution_id:
            contribution = selectors.contribution_get(
                organisation=organisation, public_id=contribution_id
            )
    except ApplicationError:
        about = contribution = None
    form = bound_form(forms.RaiseForm, request)
    context: dict[str, Any] = {
        "title": _("Raise a safeguarding concern"),
        "organisation": organisation,
        "about": about,
        "contribution": contribution,
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(
                actor=request.actor,
                organisation=organisation,
                about=about,
                contribution=contribution,
                text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            # The confirmation shows only the reference: who raised it cannot read it again.
            return render(
                request,
                "safeguarding/concern_raised.html",
                {
                    "title": _("Concern raised"),
                    "organisation": organisation,
                    "reference": services.reference(concern),
                    "has_lead": concern.escalated_at is None,
                },
            )
    return render(request, "safeguarding/concern_raise.html", context)


# The leads' pages ----------------------------------------------------------------------------


@requires(rules.CONCERN_HANDLE)
def concern_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.concerns_for_organisation(organisation=organisation))
    return render(
        request,
        "safeguarding/concern_list.html",
        {
            "title": _("Safeguarding concerns"),
            "organisation": organisation,
            "page": page,
            "concerns": list(page.object_list),
            "pagination": pagination_params(request, page),
            "now": timezone.now(),
            "reference": services.reference,
        },
    )


def _concern_for_lead(request: Request, organisation: Organisation, concern_id: str) -> Concern:
    """The concern, with this look at it written to the audit trail."""
    concern = selectors.concern_get(organisation=organisation, public_id=concern_id)
    services.concern_record_view(actor=request.actor, organisation=organisation, concern=concern)
    return concern


def _lead_context(organisation: Organisation, concern: Concern, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "organisation": organisation,
        "concern": concern,
        "reference": services.reference(concern),
        "now": timezone.now(),
        "back": reverse("safeguarding:concern-detail", args=[organisation.slug, concern.public_id]),
    }


@requires(rules.CONCERN_HANDLE)
def concern_detail(request: Request, organisation: Organisation, concern_id: str) -> HttpResponse:
    concern = _concern_for_lead(request, organisation, concern_id)
    title = _("Concern %(reference)s") % {"reference": services.reference(concern)}
    return render(
        request, "safeguarding/concern_detail.html", _lead_context(organisation, concern, title)
    )


@GET_POST
@requires(rules.CONCERN_HANDLE)
def concern_acknowledge(
    request: Request, organisation: Organisation, concern_id: str
) -> HttpResponse:
    concern = _concern_for_lead(request, organisation, concern_id)

    def acknowledge(data: dict[str, Any]) -> HttpResponse:
        services.concern_acknowledge(
            actor=request.actor, organisation=organisation, concern=concern
        )
        return done(
            request,
            _("You have picked up this concern."),
            "safeguarding:concern-detail",
            organisation.slug,
            concern.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "safeguarding/concern_acknowledge.html",
        _lead_context(organisation, concern, _("Pick up this concern")),
        acknowledge,
    )


@GET_POST
@requires(rules.CONCERN_HANDLE)
def concern_respond(request: Request, organisation: Organisation, concern_id: str) -> HttpResponse:
    concern = _concern_for_lead(request, organisation, concern_id)

    def respond(data: dict[str, Any]) -> HttpResponse:
        updated = services.concern_respond(
            actor=request.actor, organisation=organisation, concern=concern, **data
        )
        message = (
            _("Response saved. They can see it now.")
            if updated.response_shared_at
            else _("Response saved. They cannot see it until you show it to them.")
        )
        return done(
            request, message, "safeguarding:concern-detail", organisation.slug, concern.public_id
        )

    initial = {"response": concern.response, "share": concern.response_shared_at is not None}
    return form_page(
        request,
        bound_form(forms.RespondForm, request, initial=initial),
        "safeguarding/concern_respond.html",
        _lead_context(organisation, concern, _("What to tell them")),
        respond,
    )


@GET_POST
@requires(rules.CONCERN_HANDLE)
def concern_close(request: Request, organisation: Organisation, concern_id: str) -> HttpResponse:
    concern = _concern_for_lead(request, organisation, concern_id)

    def close(data: dict[str, Any]) -> HttpResponse:
        services.concern_close(
            actor=request.actor, organisation=organisation, concern=concern, note=data["note"]
        )
        return done(
            request,
            _("Concern closed."),
            "safeguarding:concern-detail",
            organisation.slug,
            concern.public_id,
        )

    return form_page(
        request,
        bound_form(forms.CloseForm, request),
        "safeguarding/concern_close.html",
        _lead_context(organisation, concern, _("Close this concern")),
        close,
    )
