"""Staff pages for themes: the list with counts, a theme and what is in it, and putting a
contribution in a theme or taking it out."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.govuk.pagination import paginate, pagination_params
from alongside.voice import forms_answers as forms
from alongside.voice import rules, services
from alongside.voice import selectors_answers as selectors


@requires(rules.THEME_VIEW)
def theme_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.themes_with_counts(organisation=organisation))
    return render(
        request,
        "voice/theme_list.html",
        {
            "title": _("Themes"),
            "organisation": organisation,
            "page": page,
            "themes": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.THEME_MANAGE)
def theme_create(request: Request, organisation: Organisation) -> HttpResponse:
    initiatives = list(selectors.initiatives_for_choice(organisation=organisation))

    def create(data: dict[str, Any]) -> HttpResponse:
        theme = services.theme_create(
            actor=request.actor,
            organisation=organisation,
            name=data["name"],
            description=data["description"],
            initiative=data["initiative"],
        )
        return done(
            request,
            _("The theme “%(name)s” has been made.") % {"name": theme.name},
            "voice:theme-detail",
            organisation.slug,
            theme.public_id,
        )

    return form_page(
        request,
        bound_form(forms.ThemeCreateForm, request, initiatives=initiatives),
        "voice/theme_create.html",
        {"title": _("Make a theme"), "organisation": organisation},
        create,
    )


@requires(rules.THEME_VIEW)
def theme_detail(request: Request, organisation: Organisation, theme_id: str) -> HttpResponse:
    theme = selectors.theme_get(organisation=organisation, public_id=theme_id)
    page = paginate(request, selectors.theme_contributions(organisation=organisation, theme=theme))
    answers = list(selectors.answers_for_theme(organisation=organisation, theme=theme)[:20])
    return render(
        request,
        "voice/theme_detail.html",
        {
            "title": theme.name,
            "organisation": organisation,
            "theme": theme,
            "answers": answers,
            "page": page,
            "contributions": list(page.object_list),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.THEME_MANAGE)
def theme_name(request: Request, organisation: Organisation, theme_id: str) -> HttpResponse:
    theme = selectors.theme_get(organisation=organisation, public_id=theme_id)

    def rename(data: dict[str, Any]) -> HttpResponse:
        services.theme_rename(
            actor=request.actor, organisation=organisation, theme=theme, name=data["name"]
        )
        return done(
            request, _("Name changed."), "voice:theme-detail", organisation.slug, theme.public_id
        )

    return form_page(
        request,
        bound_form(forms.ThemeNameForm, request, initial={"name": theme.name}),
        "voice/theme_name.html",
        {"title": _("Change the name"), "organisation": organisation, "theme": theme},
        rename,
    )


@GET_POST
@requires(rules.THEME_MANAGE)
def theme_description(request: Request, organisation: Organisation, theme_id: str) -> HttpResponse:
    theme = selectors.theme_get(organisation=organisation, public_id=theme_id)

    def describe(data: dict[str, Any]) -> HttpResponse:
        services.theme_describe(
            actor=request.actor,
            organisation=organisation,
            theme=theme,
            description=data["description"],
        )
        return done(
            request,
            _("Description changed."),
            "voice:theme-detail",
            organisation.slug,
            theme.public_id,
        )

    return form_page(
        request,
        bound_form(forms.ThemeDescriptionForm, request, initial={"description": theme.description}),
        "voice/theme_description.html",
        {"title": _("Change what it is about"), "organisation": organisation, "theme": theme},
        describe,
    )


@GET_POST
@requires(rules.THEME_MANAGE)
def theme_add(request: Request, organisation: Organisation, contribution_id: str) -> HttpResponse:
    """ "Add to a theme" from a contribution: its themes now, and a choice of the others."""
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)
    current = list(selectors.themes_of(organisation=organisation, contribution=contribution))
    others = list(
        selectors.themes_for_choice(organisation=organisation).exclude(
            pk__in=[t.pk for t in current]
        )
    )

    def add(data: dict[str, Any]) -> HttpResponse:
        theme = data["theme"]
        services.contribution_theme_add(
            actor=request.actor, organisation=organisation, contribution=contribution, theme=theme
        )
        return done(
            request,
            _("It is in the theme “%(name)s” now.") % {"name": theme.name},
            "voice:theme-add",
            organisation.slug,
            contribution.public_id,
        )

    return form_page(
        request,
        bound_form(forms.ThemeChoiceForm, request, themes=others),
        "voice/theme_add.html",
        {
            "title": _("Add to a theme"),
            "organisation": organisation,
            "contribution": contribution,
            "current": current,
            "has_others": bool(others),
        },
        add,
    )


@GET_POST
@requires(rules.THEME_MANAGE)
def theme_remove(
    request: Request, organisation: Organisation, contribution_id: str, theme_id: str
) -> HttpResponse:
    contribution = selectors.contribution_get(organisation=organisation, public_id=contribution_id)
    theme = selectors.theme_get(organisation=organisation, public_id=theme_id)

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.contribution_theme_remove(
            actor=request.actor, organisation=organisation, contribution=contribution, theme=theme
        )
        return done(
            request,
            _("It is not in the theme “%(name)s” any more.") % {"name": theme.name},
            "voice:theme-add",
            organisation.slug,
            contribution.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "voice/theme_remove.html",
        {
            "title": _("Take it out of “%(name)s”?") % {"name": theme.name},
            "organisation": organisation,
            "contribution": contribution,
            "theme": theme,
            "button_text": _("Take it out"),
        },
        remove,
    )
