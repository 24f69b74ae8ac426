"""Themes: staff group contributions into themes (many to many) so one answer can reach them
all. A theme's name is unique in its organisation and initiative."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution, ContributionTheme, Theme
from alongside.voice.rules import THEME_MANAGE
from alongside.voice.services import theme_counts

NAME_TAKEN = "There is already a theme called “{name}”. Choose another name."


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed("Enter a name for the theme.", field="name")
    return name


def _check_name_free(
    *, organisation: Organisation, initiative_id: int | None, name: str, theme: Theme | None
) -> None:
    """Refuse a name another theme here has (in any case). The organisation's row is locked
    first, so two people choosing the same name at once cannot both get it: the unique
    constraint alone would let two themes with no initiative share a name (NULLs differ)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    taken = Theme.objects.for_organisation(organisation).filter(name__iexact=name)
    if initiative_id is None:
        taken = taken.filter(initiative__isnull=True)
    else:
        taken = taken.filter(initiative_id=initiative_id)
    if theme is not None:
        taken = taken.exclude(pk=theme.pk)
    if taken.exists():
        raise Conflict(NAME_TAKEN.format(name=name), field="name")


def _save_name(theme: Theme, name: str) -> None:
    try:
        with transaction.atomic():
            theme.save()
    except IntegrityError:
        raise Conflict(NAME_TAKEN.format(name=name), field="name") from None


@transaction.atomic
def theme_create(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    description: str = "",
    initiative: Initiative | None = None,
) -> Theme:
    """Make a theme, for the whole organisation or for one of its initiatives."""
    require(actor, THEME_MANAGE, organisation)
    name = _clean_name(name)
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise NotFound("There is no such initiative.", field="initiative")
    initiative_id = initiative.pk if initiative is not None else None
    _check_name_free(organisation=organisation, initiative_id=initiative_id, name=name, theme=None)
    theme = Theme(
        organisation=organisation,
        initiative=initiative,
        name=name,
        description=description.strip(),
    )
    _save_name(theme, name)
    audit_record(
        action="voice.theme.create",
        summary="Theme made",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=theme,
    )
    return theme


def _own(theme: Theme, organisation: Organisation) -> None:
    if theme.organisation_id != organisation.pk:
        raise NotFound("There is no such theme.")


@transaction.atomic
def theme_rename(*, actor: Actor, organisation: Organisation, theme: Theme, name: str) -> Theme:
    require(actor, THEME_MANAGE, organisation)
    _own(theme, organisation)
    name = _clean_name(name)
    if name == theme.name:
        return theme
    _check_name_free(
        organisation=organisation, initiative_id=theme.initiative_id, name=name, theme=theme
    )
    theme.name = name
    _save_name(theme, name)
    audit_record(
        action="voice.theme.rename",
        summary="Theme renamed",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=theme,
    )
    return theme


@transaction.atomic
def theme_describe(
    *, actor: Actor, organisation: Organisation, theme: Theme, description: str
) -> Theme:
    require(actor, THEME_MANAGE, organisation)
    _own(theme, organisation)
    description = description.strip()
    if description == theme.description:
        return theme
    Theme.objects.filter(pk=theme.pk).update(description=description)
    theme.description = description
    audit_record(
        action="voice.theme.describe",
        summary="Theme description changed",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=theme,
    )
    return theme


def _locked_status(organisation: Organisation, contribution: Contribution, theme: Theme) -> str:
    """The contribution's status, read under its row lock: a publish or hide of it waits
    until this change to its themes has committed (and the theme's count with it)."""
    _own(theme, organisation)
    if contribution.organisation_id != organisation.pk:
        raise NotFound("There is no such contribution.")
    status: str = (
        Contribution.objects.select_for_update()
        .filter(pk=contribution.pk)
        .values_list("status", flat=True)
        .get()
    )
    return status


@transaction.atomic
def contribution_theme_add(
    *, actor: Actor, organisation: Organisation, contribution: Contribution, theme: Theme
) -> bool:
    """Put the contribution in the theme. True if it was added now; False if it was in it
    already (the unique constraint decides, so doing it twice at once adds it once)."""
    require(actor, THEME_MANAGE, organisation)
    status = _locked_status(organisation, contribution, theme)
    try:
        with transaction.atomic():
            ContributionTheme.objects.create(
                contribution=contribution, theme=theme, added_by=actor.person
            )
    except IntegrityError:
        return False
    theme_counts.link_changed(status=status, theme=theme, added=True)
    audit_record(
        action="voice.theme.add",
        summary="Contribution put in a theme",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=theme,
        data={"contribution": str(contribution.public_id)},
    )
    return True


@transaction.atomic
def contribution_theme_remove(
    *, actor: Actor, organisation: Organisation, contribution: Contribution, theme: Theme
) -> bool:
    """Take the contribution out of the theme. True if it was in it. The theme's answers
    then no longer show as the contribution's; when it was first answered stays as it was."""
    require(actor, THEME_MANAGE, organisation)
    status = _locked_status(organisation, contribution, theme)
    deleted, _ = ContributionTheme.objects.filter(contribution=contribution, theme=theme).delete()
    if not deleted:
        return False
    theme_counts.link_changed(status=status, theme=theme, added=False)
    audit_record(
        action="voice.theme.remove",
        summary="Contribution taken out of a theme",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=theme,
        data={"contribution": str(contribution.public_id)},
    )
    return True
