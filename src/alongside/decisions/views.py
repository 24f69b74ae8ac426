"""Decisions pages: staff record a decision (what was decided, then what it used, then check),
the public reads a decision and the "You said, we did" boards, and a young person sees what
happened to each thing they said."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from alongside.accounts import selectors as account_selectors
from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.decisions import forms, rules, selectors, services
from alongside.govuk.pagination import PER_PAGE, paginate, pagination_params
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution

DRAFTS = "decisions.drafts"
MAX_DRAFTS = 5


# Drafts of "Record a decision", kept in the session until checked -------------------------------


def _drafts(request: Request) -> dict[str, dict[str, Any]]:
    drafts: dict[str, dict[str, Any]] = request.session.get(DRAFTS, {})
    return drafts


def _draft(request: Request, organisation: Organisation, key: uuid.UUID) -> dict[str, Any] | None:
    draft = _drafts(request).get(str(key))
    if draft is None or draft.get("organisation") != organisation.slug:
        return None
    return draft


def _save_draft(request: Request, key: uuid.UUID, draft: dict[str, Any]) -> None:
    drafts = _drafts(request)
    drafts[str(key)] = draft
    # The oldest go first, so a session never fills with abandoned drafts.
    request.session[DRAFTS] = dict(list(drafts.items())[-MAX_DRAFTS:])


def _drop_draft(request: Request, key: uuid.UUID) -> None:
    drafts = _drafts(request)
    drafts.pop(str(key), None)
    request.session[DRAFTS] = drafts


def _start_again(request: Request, organisation: Organisation) -> HttpResponse:
    messages.success(request, _("That decision was not finished. Start again."))
    return redirect("decisions:decision-create", organisation.slug)


# Staff pages ------------------------------------------------------------------------------


@requires(rules.DECISION_RECORD)
def decision_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.decisions_for_organisation(organisation=organisation))
    return render(
        request,
        "decisions/decision_list.html",
        {
            "title": _("Decisions"),
            "organisation": organisation,
            "page": page,
            "decisions": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )


def _initiative_choices(organisation: Organisation) -> list[tuple[str, str]]:
    return [
        (str(i.public_id), i.title)
        for i in selectors.initiatives_for_organisation(organisation=organisation)[:200]
    ]


@GET_POST
@requires(rules.DECISION_RECORD)
def decision_create(request: Request, organisation: Organisation) -> HttpResponse:
    """What was decided, by whom and when. ``?draft=`` comes back here to change it."""
    initial: dict[str, Any] = {}
    draft_key = request.GET.get("draft", "")
    if draft_key:
        try:
            draft = _draft(request, organisation, uuid.UUID(draft_key))
        except ValueError:
            draft = None
        if draft is not None:
            decided_on = dt.date.fromisoformat(draft["decided_on"])
            initial = {
                **{k: draft[k] for k in ("title", "what_changed", "decided_by", "forum")},
                "initiative": draft["initiative"],
                "decided_day": decided_on.day,
                "decided_month": decided_on.month,
                "decided_year": decided_on.year,
                "idempotency_key": draft_key,
            }
    form = bound_form(
        forms.DecisionForm,
        request,
        initial=initial,
        initiatives=_initiative_choices(organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = data["idempotency_key"]
        earlier = _draft(request, organisation, key) or {}
        _save_draft(
            request,
            key,
            {
                "organisation": organisation.slug,
                "title": data["title"],
                "what_changed": data["what_changed"],
                "decided_by": data["decided_by"],
                "forum": data["forum"],
                "decided_on": data["decided_on"].isoformat(),
                "initiative": data["initiative"],
                "contributions": earlier.get("contributions", []),
                "themes": earlier.get("themes", []),
            },
        )
        return redirect("decisions:decision-cite", organisation.slug, key)
    return render(
        request,
        "decisions/decision_create.html",
        {"form": form, "title": _("Record a decision"), "organisation": organisation},
    )


def _citable_page(
    request: Request, organisation: Organisation, initiative: Initiative | None
) -> dict[str, Any]:
    """The search box and a page of what a decision may use: things said, or ``?show=themes``."""
    search = forms.SearchForm(request.GET)
    words = search.cleaned_data.get("q", "") if search.is_valid() else ""
    showing_themes = request.GET.get("show") == "themes"
    source: Any
    if showing_themes:
        source = selectors.citable_themes(
            organisation=organisation, initiative=initiative, search=words
        )
    else:
        source = selectors.citable_contributions(
            organisation=organisation, initiative=initiative, search=words
        )
    page = paginate(request, source)
    return {
        "search": search,
        "words": words,
        "showing_themes": showing_themes,
        "page": page,
        "rows": list(page.object_list),
        "pagination": pagination_params(request, page),
    }


@GET_POST
@requires(rules.DECISION_RECORD)
def decision_cite(request: Request, organisation: Organisation, draft: uuid.UUID) -> HttpResponse:
    """Choose what young people said that the decision used: things said, and themes."""
    state = _draft(request, organisation, draft)
    if state is None:
        return _start_again(request, organisation)
    if request.method == "POST":
        _change_citations(request, organisation, state)
        _save_draft(request, draft, state)
        return redirect(request.get_full_path())
    initiative = _draft_initiative(organisation, state)
    return render(
        request,
        "decisions/decision_cite.html",
        {
            "title": _("Choose what the decision used"),
            "organisation": organisation,
            "draft": draft,
            "state": state,
            "initiative": initiative,
            **_citable_page(request, organisation, initiative),
            "chosen_contributions": selectors.contributions_in_organisation(
                organisation=organisation, public_ids=state["contributions"]
            ),
            "chosen_themes": selectors.themes_in_organisation(
                organisation=organisation, public_ids=state["themes"]
            ),
        },
    )


def _draft_initiative(organisation: Organisation, state: dict[str, Any]) -> Initiative | None:
    if not state["initiative"]:
        return None
    return selectors.initiative_in_organisation(
        organisation=organisation, public_id=state["initiative"]
    )


def _change_citations(request: Request, organisation: Organisation, state: dict[str, Any]) -> None:
    """``add`` or ``remove`` a ``c:<id>`` (a thing said) or ``t:<id>`` (a theme)."""
    for verb in ("add", "remove"):
        value = request.POST.get(verb, "")
        kind, _sep, public_id = value.partition(":")
        try:
            uuid.UUID(public_id)
        except ValueError:
            continue
        bucket = {"c": "contributions", "t": "themes"}.get(kind)
        if bucket is None:
            continue
        chosen: list[str] = state[bucket]
        if verb == "remove":
            state[bucket] = [p for p in chosen if p != public_id]
            continue
        found: list[Any]
        if kind == "c":
            found = [
                c
                for c in selectors.contributions_in_organisation(
                    organisation=organisation, public_ids=[public_id]
                )
                if c.status not in selectors.NOT_CITABLE
            ]
        else:
            found = selectors.themes_in_organisation(
                organisation=organisation, public_ids=[public_id]
            )
        if found and public_id not in chosen and len(chosen) < 200:
            chosen.append(public_id)


@GET_POST
@requires(rules.DECISION_RECORD)
def decision_check(request: Request, organisation: Organisation, draft: uuid.UUID) -> HttpResponse:
    """Check your answers, then record it."""
    state = _draft(request, organisation, draft)
    if state is None:
        # Sent twice (the back button, a double press): show what the first one recorded.
        earlier = selectors.decision_by_key(organisation=organisation, idempotency_key=draft)
        if earlier is not None:
            return redirect("decisions:decision-recorded", organisation.slug, earlier.public_id)
        return _start_again(request, organisation)
    contributions = selectors.contributions_in_organisation(
        organisation=organisation, public_ids=state["contributions"]
    )
    themes = selectors.themes_in_organisation(organisation=organisation, public_ids=state["themes"])
    initiative = _draft_initiative(organisation, state)
    form = bound_form(ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(
                actor=request.actor,
                organisation=organisation,
                title=state["title"],
                what_changed=state["what_changed"],
                decided_by=state["decided_by"],
                forum=state["forum"],
                decided_on=dt.date.fromisoformat(state["decided_on"]),
                initiative=initiative,
                cites_contributions=contributions,
                cites_themes=themes,
                idempotency_key=draft,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            _drop_draft(request, draft)
            return redirect("decisions:decision-recorded", organisation.slug, decision.public_id)
    return render(
        request,
        "decisions/decision_check.html",
        {
            "form": form,
            "title": _("Check the decision before you record it"),
            "organisation": organisation,
            "draft": draft,
            "state": state,
            "decided_on": dt.date.fromisoformat(state["decided_on"]),
            "initiative": initiative,
            "contributions": contributions,
            "themes": themes,
        },
    )


@requires(rules.DECISION_RECORD)
def decision_recorded(
    request: Request, organisation: Organisation, decision_id: uuid.UUID
) -> HttpResponse:
    decision = selectors.decision_get(organisation=organisation, public_id=decision_id)
    return render(
        request,
        "decisions/decision_recorded.html",
        {"title": _("Decision recorded"), "organisation": organisation, "decision": decision},
    )


@GET_POST
@requires(rules.DECISION_RECORD)
def decision_cite_add(
    request: Request, organisation: Organisation, decision_id: uuid.UUID
) -> HttpResponse:
    """Add to what a decision already recorded used: a thing said (by its reference, or from
    the list) or a theme, one at a time. Its authors are told, once."""
    decision = selectors.decision_get(organisation=organisation, public_id=decision_id)
    cited_contributions, cited_themes = selectors.cited_public_ids(decision=decision)
    form = bound_form(forms.CiteAddForm, request, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        contributions, themes = form.cleaned_data["contributions"], form.cleaned_data["themes"]
        already = {str(c.public_id) for c in contributions} <= cited_contributions and {
            str(t.public_id) for t in themes
        } <= cited_themes
        try:
            services.decision_cite_add(
                actor=request.actor,
                organisation=organisation,
                decision=decision,
                contributions=contributions,
                themes=themes,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _("The decision already used that.")
                if already
                else _("Added. The young people whose words it is will be told."),
            )
            return redirect(request.get_full_path())
    return render(
        request,
        "decisions/decision_cite_add.html",
        {
            "title": _("Add to what the decision used"),
            "organisation": organisation,
            "decision": decision,
            "form": form,
            "cited_contributions": cited_contributions,
            "cited_themes": cited_themes,
            "initiative": decision.initiative,
            **_citable_page(request, organisation, decision.initiative),
        },
    )


# Public pages -----------------------------------------------------------------------------


@requires(rules.DECISION_VIEW)
def decision_detail(request: Request, decision_id: uuid.UUID) -> HttpResponse:
    decision = selectors.decision_public_get(public_id=decision_id)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "title": decision.title,
            "decision": decision,
            "cites": selectors.public_citations([decision])[decision.pk],
        },
    )


def _board_page(request: Request, board: selectors.Board) -> dict[str, Any]:
    paginator: Paginator[Any] = Paginator(board, PER_PAGE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page": page,
        "entries": list(page.object_list),
        "pagination": pagination_params(request, page),
    }


@requires(rules.DECISION_VIEW)
def organisation_board(request: Request, org: str) -> HttpResponse:
    organisation = account_selectors.organisation_get(slug=org)
    return render(
        request,
        "decisions/board.html",
        {
            "title": _("You said, we did"),
            "caption": organisation.name,
            "organisation": organisation,
            **_board_page(request, selectors.board(organisation=organisation)),
        },
    )


@requires(rules.DECISION_VIEW)
def initiative_board(request: Request, initiative_id: uuid.UUID) -> HttpResponse:
    initiative = selectors.initiative_public_get(public_id=initiative_id)
    return render(
        request,
        "decisions/board.html",
        {
            "title": _("You said, we did"),
            "caption": initiative.title,
            "organisation": initiative.organisation,
            "initiative": initiative,
            **_board_page(
                request,
                selectors.board(organisation=initiative.organisation, initiative=initiative),
            ),
        },
    )


# A young person's own page ------------------------------------------------------------------


def status_words(contribution: Contribution) -> str:
    """Where the words stand, as the author reads it."""
    status = contribution.status
    if status == Contribution.Status.PUBLISHED:
        return _("Published")
    if status == Contribution.Status.AWAITING_MODERATION:
        return _("Waiting to be checked")
    if status == Contribution.Status.HELD:
        if contribution.hold_reason == Contribution.HoldReason.CONTACT_DETAILS:
            return _("Waiting to be checked by a person, because it has contact details in it")
        return _("Waiting to be checked by a person")
    if status == Contribution.Status.HIDDEN:
        return _("Hidden: %(reason)s") % {"reason": contribution.moderation_reason}
    return _("You took this back")


STATUS_TAG: dict[str, str] = {
    Contribution.Status.PUBLISHED: "govuk-tag--green",
    Contribution.Status.AWAITING_MODERATION: "govuk-tag--yellow",
    Contribution.Status.HELD: "govuk-tag--yellow",
    Contribution.Status.HIDDEN: "govuk-tag--red",
    Contribution.Status.WITHDRAWN: "govuk-tag--grey",
}


def _link(name: str, public_id: uuid.UUID) -> str:
    """A link to another part's page, if that part is there yet."""
    try:
        return reverse(name, args=[public_id])
    except NoReverseMatch:
        return ""


@requires(rules.OWN_WHAT_HAPPENED)
def what_happened(request: Request) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires() sent anyone not signed in to sign in
    page = paginate(request, selectors.own_contributions(person=person))
    items = selectors.what_happened(list(page.object_list))
    open_statuses = {
        Contribution.Status.PUBLISHED,
        Contribution.Status.AWAITING_MODERATION,
        Contribution.Status.HELD,
    }
    rows = [
        {
            "item": item,
            "status": status_words(item.contribution),
            "tag": STATUS_TAG.get(item.contribution.status, "govuk-tag--grey"),
            "edit": _link("voice:contribution-edit", item.contribution.public_id)
            if item.contribution.status in open_statuses
            else "",
            "withdraw": _link("voice:contribution-withdraw", item.contribution.public_id)
            if item.contribution.status in open_statuses
            else "",
        }
        for item in items
    ]
    return render(
        request,
        "decisions/what_happened.html",
        {
            "title": _("What happened to what I said"),
            "page": page,
            "rows": rows,
            "pagination": pagination_params(request, page),
        },
    )
