"""Setting up a youth budget round (staff), and the round's public pages and rules.

Staff start a round from one of their co-prioritisation initiatives and work through its
task list, a page per group of settings, then move it on stage by stage. Anyone can read a
round once its rules are agreed: what it is, its dates and its rules in plain words, in
Welsh when the site is in Welsh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts import selectors as account_selectors
from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.budgeting import forms_rounds as forms
from alongside.budgeting import navigation, selectors, services
from alongside.budgeting.models import Round
from alongside.budgeting.permissions import ROUND_MANAGE, ROUND_PUBLIC_VIEW, ROUND_VIEW
from alongside.budgeting.rules_words import HEADINGS, Language, rules_sections
from alongside.budgeting.services.rounds import MAX_AREAS, NEXT_STAGE, SECTIONS, SETTINGS_FIXED
from alongside.govuk.pagination import paginate, pagination_params

Stage = Round.Stage


def _get(organisation: Organisation, round_id: Any) -> Round:
    return selectors.round_get(organisation=organisation, public_id=str(round_id))


def _context(round_: Round, title: str) -> dict[str, Any]:
    return {"title": title, "organisation": round_.organisation, "round": round_}


def _to_detail(request: Request, round_: Round, message: str) -> HttpResponse:
    return done(
        request, message, "budgeting:round-detail", round_.organisation.slug, round_.public_id
    )


def _language(request: Request) -> Language:
    return "cy" if getattr(request, "LANGUAGE_CODE", "") == "cy" else "en"


# Lists and starting a round ------------------------------------------------------------------


@requires(ROUND_VIEW)
def round_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.rounds_for_organisation(organisation=organisation))
    return render(
        request,
        "budgeting/rounds_list.html",
        {
            "title": _("Youth budgets"),
            "organisation": organisation,
            "page": page,
            "rounds": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_create(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(forms.RoundCreateForm, request, organisation=organisation)
    context = {
        "title": _("Start a youth budget round"),
        "organisation": organisation,
        "has_initiatives": form.fields["initiative"].queryset.exists(),
    }

    def create(data: dict[str, Any]) -> HttpResponse:
        round_ = services.round_create(
            actor=request.actor,
            organisation=organisation,
            initiative=data["initiative"],
            title=data["title"],
            budget_pence=data["budget"],
            idempotency_key=data["idempotency_key"],
        )
        return _to_detail(
            request,
            round_,
            _("%(title)s is started. Work through the list to set it up.")
            % {"title": round_.title},
        )

    return form_page(request, form, "budgeting/rounds_create.html", context, create)


# The task list -------------------------------------------------------------------------------


SECTION_TITLES = {
    "about": (
        gettext_lazy("About the round"),
        gettext_lazy("Its name, what it is for and its budget"),
    ),
    "areas": (
        gettext_lazy("Areas"),
        gettext_lazy("Schools, wards or youth clubs, each with its own budget if you like"),
    ),
    "dates": (
        gettext_lazy("Dates"),
        gettext_lazy("When each stage starts, and when voting opens and closes"),
    ),
    "eligibility": (
        gettext_lazy("Who can vote"),
        gettext_lazy("Ages, and whether only members can vote"),
    ),
    "ballot": (
        gettext_lazy("How young people vote"),
        gettext_lazy("The kind of vote, and how it is counted"),
    ),
    "proposers": (
        gettext_lazy("Who can put forward ideas"),
        gettext_lazy("Young people, groups or organisations"),
    ),
}
SECTION_URLS = {
    "about": "budgeting:round-about",
    "areas": "budgeting:round-areas",
    "dates": "budgeting:round-dates",
    "eligibility": "budgeting:round-eligibility",
    "ballot": "budgeting:round-ballot",
    "proposers": "budgeting:round-proposers",
}


def _tasks(round_: Round, editable: bool) -> list[dict[str, Any]]:
    args = [round_.organisation.slug, round_.public_id]
    tasks = []
    for section in SECTIONS:
        title, hint = SECTION_TITLES[section]
        task: dict[str, Any] = {
            "title": {"text": str(title)},
            "hint": {"text": str(hint)},
            "status": {"text": _("Completed")}
            if section in round_.setup_saved
            else {"tag": {"text": _("Incomplete"), "classes": "govuk-tag--blue"}},
        }
        if editable:
            task["href"] = reverse(SECTION_URLS[section], args=args)
        tasks.append(task)
    return tasks


# After the results the round moves on from its delivery pages (views/delivery.py): for each
# stage, the words and the button of the move it offers.
DELIVERY_MOVES = {
    Stage.RESULTS: (
        gettext_lazy("The results are published. Next, start delivering the funded projects."),
        gettext_lazy("Start delivering the funded projects"),
        "budgeting:round-deliver",
    ),
    Stage.DELIVERY: (
        gettext_lazy("Once the funded projects are delivered, close the round."),
        gettext_lazy("Close the round"),
        "budgeting:round-finish",
    ),
}


@requires(ROUND_VIEW)
def round_detail(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    round_ = _get(organisation, round_id)
    manager = request.actor.can(ROUND_MANAGE, organisation)
    next_stage = NEXT_STAGE.get(Stage(round_.stage))
    return render(
        request,
        "budgeting/rounds_detail.html",
        {
            **_context(round_, round_.title),
            "manager": manager,
            "tasks": _tasks(round_, manager and round_.stage not in SETTINGS_FIXED),
            "done_count": len(round_.setup_saved),
            "section_count": len(SECTIONS),
            "locked": round_.stage in SETTINGS_FIXED,
            "next_stage": next_stage,
            "delivery_move": DELIVERY_MOVES.get(Stage(round_.stage)),
            "is_public": round_.stage in selectors.PUBLIC_STAGES,
            "run_pages": navigation.round_pages(round_),
        },
    )


def _section(
    request: Request,
    organisation: Organisation,
    round_id: Any,
    *,
    form: Callable[[Round], Any],
    template: str,
    title: str,
    save: Callable[[Round, Any], Any],
    message: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One section of the task list: a form page that saves through one service."""
    round_ = _get(organisation, round_id)
    bound = form(round_)

    def on_valid(data: dict[str, Any]) -> HttpResponse:
        save(round_, bound)
        return _to_detail(request, round_, message)

    return form_page(
        request,
        bound,
        template,
        {**_context(round_, title), "locked": round_.stage in SETTINGS_FIXED, **(extra or {})},
        on_valid,
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_about(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    return _section(
        request,
        organisation,
        round_id,
        form=lambda r: bound_form(forms.AboutForm, request, initial=forms.AboutForm.initial_for(r)),
        template="budgeting/rounds_section.html",
        title=_("About the round"),
        save=lambda r, f: services.round_about_set(
            actor=request.actor,
            round_=r,
            title=f.cleaned_data["title"],
            summary=f.cleaned_data["summary"],
            budget_pence=f.cleaned_data["budget"],
        ),
        message=_("Saved what the round is."),
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_areas(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    round_ = _get(organisation, round_id)
    areas = list(selectors.areas_of(round_=round_))
    more = request.method == "POST" and "add_rows" in request.POST
    rows = len(areas) + forms.EXTRA_AREA_ROWS
    sent = request.POST.get("rows", "") if request.method == "POST" else ""
    if sent.isdigit():
        rows = int(sent) + (forms.EXTRA_AREA_ROWS if more else 0)
    rows = max(len(areas), min(rows, MAX_AREAS))
    initial = {**forms.AreasForm.initial_for(round_, areas), "rows": rows}

    def make(r: Round) -> Any:
        if more:
            # More empty rows, keeping what was typed, before anything is checked or saved.
            typed = {key: value for key, value in request.POST.items() if key.startswith("area")}
            return forms.AreasForm(initial={**initial, **typed, "rows": rows}, rows=rows)
        return bound_form(forms.AreasForm, request, initial=initial, rows=rows)

    return _section(
        request,
        organisation,
        round_id,
        form=make,
        template="budgeting/rounds_areas.html",
        title=_("Areas"),
        save=lambda r, f: services.round_areas_set(
            actor=request.actor,
            round_=r,
            areas=f.cleaned_data["areas"],
            area_voting=f.cleaned_data["area_voting"],
        ),
        message=_("Saved the areas."),
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_dates(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    return _section(
        request,
        organisation,
        round_id,
        form=lambda r: bound_form(forms.DatesForm, request, initial=forms.DatesForm.initial_for(r)),
        template="budgeting/rounds_dates.html",
        title=_("Dates"),
        save=lambda r, f: services.round_dates_set(
            actor=request.actor, round_=r, dates=f.stage_dates()
        ),
        message=_("Saved the dates."),
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_eligibility(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    return _section(
        request,
        organisation,
        round_id,
        form=lambda r: bound_form(
            forms.EligibilityForm,
            request,
            initial={
                "min_age": r.min_age,
                "max_age": r.max_age,
                "members_only": "yes" if r.members_only else "no",
            },
        ),
        template="budgeting/rounds_eligibility.html",
        title=_("Who can vote"),
        save=lambda r, f: services.round_eligibility_set(
            actor=request.actor,
            round_=r,
            min_age=f.cleaned_data["min_age"],
            max_age=f.cleaned_data["max_age"],
            members_only=f.cleaned_data["members_only"] == "yes",
        ),
        message=_("Saved who can vote."),
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_ballot(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    return _section(
        request,
        organisation,
        round_id,
        form=lambda r: bound_form(
            forms.BallotForm, request, initial=forms.BallotForm.initial_for(r)
        ),
        template="budgeting/rounds_ballot.html",
        title=_("How young people vote"),
        save=lambda r, f: services.round_ballot_set(
            actor=request.actor, round_=r, settings=f.settings()
        ),
        message=_("Saved how young people vote and how the votes are counted."),
    )


@GET_POST
@requires(ROUND_MANAGE)
def round_proposers(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    return _section(
        request,
        organisation,
        round_id,
        form=lambda r: bound_form(
            forms.ProposersForm, request, initial=forms.ProposersForm.initial_for(r)
        ),
        template="budgeting/rounds_section.html",
        title=_("Who can put forward ideas"),
        save=lambda r, f: services.round_proposers_set(
            actor=request.actor,
            round_=r,
            young_people="young_people" in f.cleaned_data["proposers"],
            groups="groups" in f.cleaned_data["proposers"],
            organisations="organisations" in f.cleaned_data["proposers"],
        ),
        message=_("Saved who can put forward ideas."),
    )


# Stages --------------------------------------------------------------------------------------


def _stage_explanation(round_: Round, stage: str) -> str:
    if stage == Stage.RULES:
        return _(
            "The rules are agreed. The round's public page and its rules page are published, "
            "so young people can read how it works. You can still change the settings until "
            "voting opens."
        )
    if stage == Stage.IDEAS:
        return _("Young people can send their ideas for projects to %(initiative)s.") % {
            "initiative": round_.initiative.title
        }
    if stage == Stage.FEASIBILITY:
        return _(
            "The panel checks each idea: is it legal, is it costed, and is it what the money "
            "is for?"
        )
    if stage == Stage.PROPOSALS:
        return _(
            "The projects going forward to the vote are published, with the reason for each "
            "one that is not."
        )
    return _("Voting opens at the time you set. From now on the round's settings cannot change.")


@GET_POST
@requires(ROUND_MANAGE)
def round_stage(request: Request, organisation: Organisation, round_id: Any) -> HttpResponse:
    round_ = _get(organisation, round_id)
    next_stage = NEXT_STAGE.get(Stage(round_.stage))
    if next_stage is None:
        return render(
            request,
            "budgeting/rounds_stage_done.html",
            _context(round_, _("Move the round on")),
        )

    def move(data: dict[str, Any]) -> HttpResponse:
        moved = services.round_stage_move(actor=request.actor, round_=round_, to=data["to"])
        return _to_detail(
            request,
            moved,
            _("The round is now at the stage '%(stage)s'.") % {"stage": moved.get_stage_display()},
        )

    return form_page(
        request,
        bound_form(forms.StageForm, request, initial={"to": next_stage}),
        "budgeting/rounds_stage.html",
        {
            **_context(round_, _("Move to '%(stage)s'") % {"stage": next_stage.label}),
            "next_stage": next_stage,
            "explanation": _stage_explanation(round_, next_stage),
            "missing": services.missing_before(round_, next_stage),
        },
        move,
    )


# Public pages --------------------------------------------------------------------------------


def _public(round_id: Any) -> Round:
    return selectors.round_public_get(public_id=str(round_id))


@requires(ROUND_PUBLIC_VIEW)
def round_public(request: Request, round_id: Any) -> HttpResponse:
    round_ = _public(round_id)
    language = _language(request)
    sections = {s.key: s for s in rules_sections(selectors.rules_facts(round_=round_), language)}
    voting = services.voting_open(round_, timezone.now())
    return render(
        request,
        "budgeting/rounds_public.html",
        {
            **_context(round_, round_.title),
            "how_to_vote": sections["voting"],
            "dates": sections["dates"],
            "rules_link": HEADINGS["title"][language],
            "vote_href": navigation.vote_href(round_) if voting else None,
            "voting": voting,
        },
    )


@requires(ROUND_PUBLIC_VIEW)
def round_rules(request: Request, round_id: Any) -> HttpResponse:
    round_ = _public(round_id)
    language = _language(request)
    return render(
        request,
        "budgeting/rounds_rules.html",
        {
            **_context(round_, HEADINGS["title"][language]),
            "sections": rules_sections(selectors.rules_facts(round_=round_), language),
        },
    )


@requires(ROUND_PUBLIC_VIEW)
def round_public_list(request: Request, org: str) -> HttpResponse:
    organisation = account_selectors.organisation_get(slug=org)
    page = paginate(request, selectors.rounds_public(organisation=organisation))
    return render(
        request,
        "budgeting/rounds_public_list.html",
        {
            "title": _("Youth budgets in %(organisation)s") % {"organisation": organisation.name},
            "organisation": organisation,
            "page": page,
            "rounds": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )
