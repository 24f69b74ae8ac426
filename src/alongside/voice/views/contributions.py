"""Pages for contributions: a young person gives an idea or view, one question per page; staff
see, moderate and write down contributions; an author changes or withdraws their own."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
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
from alongside.core.errors import ApplicationError, NotFound, ValidationFailed
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice import forms, rules, screening, selectors, services
from alongside.voice.models import Contribution

GIVE_SESSION_KEY = "alongside_give"

# Giving an idea or view, one question per page ------------------------------------------------

STEPS = [
    "voice:contribution-give",
    "voice:contribution-give-kind",
    "voice:contribution-give-words",
    "voice:contribution-give-photo",
    "voice:contribution-give-name",
    "voice:contribution-give-check",
]
# What each page needs the ones before it to have answered.
NEEDS = {
    "voice:contribution-give": (),
    "voice:contribution-give-kind": ("initiative",),
    "voice:contribution-give-words": ("initiative", "kind"),
    "voice:contribution-give-photo": ("initiative", "kind", "text"),
    "voice:contribution-give-name": ("initiative", "kind", "text"),
    "voice:contribution-give-check": ("initiative", "kind", "text", "anonymity"),
}


def _state(request: Request, organisation: Organisation) -> dict[str, Any]:
    state = dict(request.session.get(GIVE_SESSION_KEY, {}))
    if state.get("org") != organisation.slug:
        state = {"org": organisation.slug, "key": str(uuid.uuid4())}
    return state


def _save(request: Request, state: dict[str, Any]) -> None:
    request.session[GIVE_SESSION_KEY] = state


def _guard(request: Request, organisation: Organisation, step: str) -> dict[str, Any] | None:
    state = _state(request, organisation)
    return state if all(key in state for key in NEEDS[step]) else None


def _step_url(organisation: Organisation, step: str) -> str:
    return reverse(step, args=[organisation.slug])


def _next(
    request: Request, organisation: Organisation, state: dict[str, Any], step: str
) -> HttpResponse:
    """The next page, or back to check your answers when they came from there to change one."""
    _save(request, state)
    if state.get("checking") and "anonymity" in state:
        return redirect("voice:contribution-give-check", organisation.slug)
    return redirect(STEPS[STEPS.index(step) + 1], organisation.slug)


def _back(organisation: Organisation, state: dict[str, Any], step: str) -> str:
    if state.get("checking") and "anonymity" in state:
        return _step_url(organisation, "voice:contribution-give-check")
    return _step_url(organisation, STEPS[max(STEPS.index(step) - 1, 0)])


def _open_initiative(organisation: Organisation, public_id: Any) -> Any:
    """The open initiative with this id, or None (closed, another organisation's, not an id)."""
    found = selectors.as_uuid(public_id)
    if found is None:
        return None
    return selectors.open_initiatives(organisation=organisation).filter(public_id=found).first()


def _step_page(
    request: Request,
    organisation: Organisation,
    state: dict[str, Any],
    step: str,
    form: Any,
    title: str,
    template: str = "voice/give_step.html",
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "organisation": organisation,
            "back": _back(organisation, state, step),
            **context,
        },
    )


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give(request: Request, organisation: Organisation) -> HttpResponse:
    """Which initiative. Reached from an initiative's page (``?initiative=<public_id>``), which
    answers this question, or from the young person's home page."""
    step = "voice:contribution-give"
    state = _state(request, organisation)
    chosen = _open_initiative(organisation, request.GET.get("initiative"))
    if request.method == "GET" and chosen is not None:
        # A fresh start, from the initiative's own page: a new key, nothing left from before.
        _discard_photo(state)
        state = {
            "org": organisation.slug,
            "key": str(uuid.uuid4()),
            "initiative": str(chosen.public_id),
        }
        return _next(request, organisation, state, step)
    initiatives = list(selectors.open_initiatives(organisation=organisation))
    if not initiatives:
        return render(
            request,
            "voice/give_nothing_open.html",
            {"title": _("Nothing is open right now"), "organisation": organisation},
        )
    form = bound_form(
        forms.InitiativeChoiceForm,
        request,
        initiatives=[(str(i.public_id), i.title) for i in initiatives],
        initial={"initiative": state.get("initiative")},
    )
    if request.method == "POST" and form.is_valid():
        state["initiative"] = form.cleaned_data["initiative"]
        return _next(request, organisation, state, step)
    return render(
        request,
        "voice/give_step.html",
        {
            "form": form,
            "title": _("What do you want to have your say about?"),
            "organisation": organisation,
            "back": reverse("home:index"),
        },
    )


def _simple_step(
    request: Request,
    organisation: Organisation,
    step: str,
    form_class: type[Any],
    field: str,
    title: str,
) -> HttpResponse:
    state = _guard(request, organisation, step)
    if state is None:
        return redirect("voice:contribution-give", organisation.slug)
    form = bound_form(form_class, request, initial={field: state.get(field)})
    if request.method == "POST" and form.is_valid():
        state[field] = form.cleaned_data[field]
        return _next(request, organisation, state, step)
    return _step_page(request, organisation, state, step, form, title)


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give_kind(request: Request, organisation: Organisation) -> HttpResponse:
    return _simple_step(
        request,
        organisation,
        "voice:contribution-give-kind",
        forms.KindForm,
        "kind",
        _("What would you like to give?"),
    )


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give_words(request: Request, organisation: Organisation) -> HttpResponse:
    return _simple_step(
        request,
        organisation,
        "voice:contribution-give-words",
        forms.WordsForm,
        "text",
        _("Your words"),
    )


def _discard_photo(state: dict[str, Any]) -> None:
    name = state.pop("photo", None)
    if name:
        services.photo_storage().delete(name)


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give_photo(request: Request, organisation: Organisation) -> HttpResponse:
    """An optional photo. It waits in private storage (never in the session) until it is sent."""
    step = "voice:contribution-give-photo"
    state = _guard(request, organisation, step)
    if state is None:
        return redirect("voice:contribution-give", organisation.slug)
    form = (
        forms.PhotoForm(request.POST, request.FILES)
        if request.method == "POST"
        else forms.PhotoForm()
    )
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        if request.POST.get("remove"):
            _discard_photo(state)
        elif isinstance(image, UploadedFile):
            _discard_photo(state)
            extension = ".png" if (image.name or "").lower().endswith(".png") else ".jpg"
            state["photo"] = services.photo_storage().save(
                f"{services.PENDING_PHOTOS}/{state['key']}{extension}", image
            )
        return _next(request, organisation, state, step)
    return _step_page(
        request,
        organisation,
        state,
        step,
        form,
        _("Add a photo (optional)"),
        template="voice/give_photo.html",
        has_photo=bool(state.get("photo")),
    )


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give_name(request: Request, organisation: Organisation) -> HttpResponse:
    return _simple_step(
        request,
        organisation,
        "voice:contribution-give-name",
        forms.AnonymityForm,
        "anonymity",
        _("Who can see your name?"),
    )


@GET_POST
@requires(rules.CONTRIBUTION_SUBMIT)
def give_check(request: Request, organisation: Organisation) -> HttpResponse:
    step = "voice:contribution-give-check"
    state = _guard(request, organisation, step)
    if state is None:
        return redirect("voice:contribution-give", organisation.slug)
    initiative = _open_initiative(organisation, state["initiative"])
    if initiative is None:  # it closed meanwhile
        state.pop("initiative", None)
        _save(request, state)
        return redirect("voice:contribution-give", organisation.slug)
    state["checking"] = True
    if state.get("photo") and not services.photo_storage().exists(state["photo"]):
        # Left so long it was cleared away (services.pending_photos_purge): say so, not "Added".
        state.pop("photo")
    _save(request, state)
    form = bound_form(forms.SendForm, request, initial={"idempotency_key": state["key"]})
    if request.method == "POST" and form.is_valid():
        photo = state.get("photo")
        try:
            with _pending(photo) as image:
                contribution = services.contribution_submit(
                    actor=request.actor,
                    organisation=organisation,
                    initiative=initiative,
                    kind=state["kind"],
                    text=state["text"],
                    anonymity=state["anonymity"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    image=image,
                )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if photo:
                transaction.on_commit(lambda: services.photo_storage().delete(photo))
            request.session.pop(GIVE_SESSION_KEY, None)
            return redirect(
                "voice:contribution-give-done", organisation.slug, contribution.public_id
            )
    return render(
        request,
        "voice/give_check.html",
        {
            "form": form,
            "title": _("Check your answers"),
            "organisation": organisation,
            "state": state,
            "initiative": initiative,
            "kind": Contribution.Kind(state["kind"]).label,
            "anonymity": dict(forms.ANONYMITY_CHOICES)[state["anonymity"]],
            "hold": screening.screen(state["text"]),
            "back": _step_url(organisation, "voice:contribution-give-name"),
        },
    )


class _pending:
    """The waiting photo as a File for the service, opened and closed around the call."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.file: File[bytes] | None = None

    def __enter__(self) -> File[bytes] | None:
        if self.name and services.photo_storage().exists(self.name):
            self.file = File(
                services.photo_storage().open(self.name, "rb"), name=self.name.rsplit("/", 1)[-1]
            )
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


@requires(rules.CONTRIBUTION_SUBMIT)
def give_done(request: Request, organisation: Organisation, contribution_id: str) -> HttpResponse:
    contribution = selectors.own_contribution_get(
        organisation=organisation, person=request.actor.person, public_id=contribution_id
    )
    if contribution is None:
        raise PermissionDenied(_("Only the person who gave this can see this page."))
    return render(
        request,
        "voice/give_done.html",
        {
            "title": _("Thank you for having your say"),
            "organisation": organisation,
            "contribution": contribution,
            "reference": selectors.reference(contribution),
        },
    )


# The author's own: change or withdraw ------------------------------------------------------


def _own(request: Request, organisation: Organisation, contribution_id: str) -> Contribution:
    contribution = selectors.own_contribution_get(
        organisation=organisation, person=request.actor.person, public_id=contribution_id
    )
    if contribution is None:
        raise PermissionDenied(_("Only the person who gave this can change it."))
    return contribution


@GET_POST
@requires(rules.CONTRIBUTION_EDIT_OWN)
def contribution_edit(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = _own(request, organisation, contribution_id)

    def save(data: dict[str, Any]) -> HttpResponse:
        changed = services.contribution_edit(
            actor=request.actor,
            organisation=organisation,
            contribution=contribution,
            text=data["text"],
        )
        message = (
            _("Your changes are saved. A worker will read your words before anyone else sees them.")
            if changed.status != Contribution.Status.PUBLISHED
            else _("Your changes are saved.")
        )
        return done(request, message, "decisions:what-happened")

    return form_page(
        request,
        bound_form(forms.EditForm, request, initial={"text": contribution.text}),
        "voice/contribution_edit.html",
        {
            "title": _("Change your words"),
            "organisation": organisation,
            "contribution": contribution,
        },
        save,
    )


@GET_POST
@requires(rules.CONTRIBUTION_EDIT_OWN)
def contribution_withdraw(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = _own(request, organisation, contribution_id)

    def withdraw(data: dict[str, Any]) -> HttpResponse:
        services.contribution_withdraw(
            actor=request.actor, organisation=organisation, contribution=contribution
        )
        return done(
            request,
            _("You have taken your words back. Nobody else will see them now."),
            "decisions:what-happened",
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "voice/contribution_withdraw.html",
        {
            "title": _("Take back your words"),
            "organisation": organisation,
            "contribution": contribution,
            "button_text": _("Take back my words"),
            "button_classes": "govuk-button--warning",
            "cancel_url": reverse("decisions:what-happened"),
        },
        withdraw,
    )


# Staff -----------------------------------------------------------------------------------


def _initiative_choices(organisation: Organisation) -> list[tuple[str, str]]:
    return [
        (str(i.public_id), i.title) for i in selectors.initiatives_of(organisation=organisation)
    ]


def _rows(contributions: list[Contribution]) -> list[dict[str, Any]]:
    return [
        {
            "contribution": c,
            "reference": selectors.reference(c),
            "author": selectors.author_label(c, True),
            "on_behalf": selectors.recorded_on_behalf(c),
        }
        for c in contributions
    ]


def _list_page(
    request: Request, organisation: Organisation, queryset: Any, template: str, **context: Any
) -> HttpResponse:
    page = paginate(request, queryset)
    contributions = list(page.object_list)
    services.contribution_list_log_view(
        actor=request.actor, organisation=organisation, contributions=contributions
    )
    return render(
        request,
        template,
        {
            "organisation": organisation,
            "page": page,
            "rows": _rows(contributions),
            "pagination": pagination_params(request, page),
            **context,
        },
    )


@requires(rules.CONTRIBUTION_VIEW)
def contribution_list(request: Request, organisation: Organisation) -> HttpResponse:
    choices = _initiative_choices(organisation)
    filters = forms.StaffFilterForm(request.GET, initiatives=choices)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {})
    initiative = None
    if data.get("initiative"):
        initiative = (
            selectors.initiatives_of(organisation=organisation)
            .filter(public_id=data["initiative"])
            .first()
        )
    queryset = selectors.contributions_for_staff(
        organisation=organisation,
        initiative=initiative,
        status=data.get("status", ""),
        kind=data.get("kind", ""),
    )
    return _list_page(
        request,
        organisation,
        queryset,
        "voice/contribution_list.html",
        title=_("Contributions"),
        filters=filters,
        filtered=any(data.get(k) for k in ("initiative", "status", "kind")),
    )


@requires(rules.CONTRIBUTION_MODERATE)
def moderation_queue(request: Request, organisation: Organisation) -> HttpResponse:
    return _list_page(
        request,
        organisation,
        selectors.moderation_queue(organisation=organisation),
        "voice/moderation_queue.html",
        title=_("Contributions to check"),
    )


@requires(rules.CONTRIBUTION_VIEW)
def contribution_detail(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)
    services.contribution_log_view(
        actor=request.actor, organisation=organisation, contribution=contribution
    )
    return render(
        request,
        "voice/contribution_detail.html",
        {
            "title": _("Contribution %(reference)s")
            % {"reference": selectors.reference(contribution)},
            "organisation": organisation,
            "contribution": contribution,
            "author": selectors.author_label(contribution, True),
            "on_behalf": selectors.recorded_on_behalf(contribution),
            "can_publish": contribution.status in selectors.MODERATION_STATUSES,
            "can_hide": contribution.status
            not in (Contribution.Status.HIDDEN, Contribution.Status.WITHDRAWN),
        },
    )


@requires(rules.CONTRIBUTION_VIEW)
def contribution_photo(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    """The photo, to staff who may see contributions only: private storage has no URL."""
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)
    if not contribution.image:
        raise Http404(_("This contribution has no photo."))
    services.contribution_log_view(
        actor=request.actor, organisation=organisation, contribution=contribution, photo=True
    )
    name = contribution.image.name or ""
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(contribution.image.open("rb"), content_type=content_type)
    return cast(HttpResponse, response)  # streamed; Django types it apart from HttpResponse


@GET_POST
@requires(rules.CONTRIBUTION_MODERATE)
def contribution_publish(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)

    def publish(data: dict[str, Any]) -> HttpResponse:
        services.contribution_publish(
            actor=request.actor, organisation=organisation, contribution=contribution
        )
        return done(
            request,
            _("Contribution %(reference)s is published.")
            % {"reference": selectors.reference(contribution)},
            "voice:contribution-moderation",
            organisation.slug,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "voice/contribution_publish.html",
        {
            "title": _("Publish this contribution"),
            "organisation": organisation,
            "contribution": contribution,
            "button_text": _("Publish"),
            "cancel_url": reverse(
                "voice:contribution-detail", args=[organisation.slug, contribution.public_id]
            ),
        },
        publish,
    )


@GET_POST
@requires(rules.CONTRIBUTION_MODERATE)
def contribution_hide(
    request: Request, organisation: Organisation, contribution_id: str
) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)

    def hide(data: dict[str, Any]) -> HttpResponse:
        services.contribution_hide(
            actor=request.actor,
            organisation=organisation,
            contribution=contribution,
            reason=data["reason"],
        )
        return done(
            request,
            _("Contribution %(reference)s is hidden.")
            % {"reference": selectors.reference(contribution)},
            "voice:contribution-moderation",
            organisation.slug,
        )

    return form_page(
        request,
        bound_form(forms.HideForm, request),
        "voice/contribution_hide.html",
        {
            "title": _("Hide this contribution"),
            "organisation": organisation,
            "contribution": contribution,
            "button_text": _("Hide it"),
            "button_classes": "govuk-button--warning",
            "cancel_url": reverse(
                "voice:contribution-detail", args=[organisation.slug, contribution.public_id]
            ),
        },
        hide,
    )


@GET_POST
@requires(rules.CONTRIBUTION_RECORD)
def contribution_record(request: Request, organisation: Organisation) -> HttpResponse:
    """Write down what someone said. ``?session=<public_id>`` (from a session's page) presets
    the initiative and the session."""
    session = None
    session_id = selectors.as_uuid(request.POST.get("session") or request.GET.get("session"))
    if session_id is not None:
        try:
            session = selectors.session_get(organisation=organisation, public_id=session_id)
        except NotFound:
            session = None
    initial: dict[str, Any] = {"anonymity": Contribution.Anonymity.NOBODY}
    if session is not None:
        initial.update(
            session=session.public_id,
            initiative=str(session.initiative.public_id),
            channel=Contribution.Channel.SESSION,
        )
    choices = [
        (str(i.public_id), i.title)
        for i in selectors.recordable_initiatives(organisation=organisation)
    ]
    if request.method == "POST":
        form = forms.RecordForm(request.POST, request.FILES, initiatives=choices)
    else:
        form = forms.RecordForm(initial=initial, initiatives=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = services.contribution_record(
                actor=request.actor,
                organisation=organisation,
                initiative=selectors.initiative_get(
                    organisation=organisation, public_id=data["initiative"]
                ),
                session=session,
                author=_author(organisation, data["author_name"]),
                kind=data["kind"],
                channel=data["channel"],
                text=data["text"],
                anonymity=data["anonymity"],
                idempotency_key=data["idempotency_key"],
                image=data.get("image") or None,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return done(
                request,
                _("What they said is saved as %(reference)s.")
                % {"reference": selectors.reference(contribution)},
                "voice:contribution-detail",
                organisation.slug,
                contribution.public_id,
            )
    return render(
        request,
        "voice/contribution_record.html",
        {
            "form": form,
            "title": _("Record what someone said"),
            "organisation": organisation,
            "session": session,
            "no_initiatives": not choices,
        },
    )


def _author(organisation: Organisation, name: str) -> Any:
    if not name.strip():
        return None
    found = selectors.participants_named(organisation=organisation, name=name)
    if not found:
        raise ValidationFailed(
            "Nobody taking part here has that display name. Check the spelling, or leave it "
            "empty for what a group said.",
            field="author_name",
        )
    if len(found) > 1:
        raise ValidationFailed(
            "More than one person taking part here has that display name. Leave it empty to "
            "save it as a group's words.",
            field="author_name",
        )
    return found[0]
