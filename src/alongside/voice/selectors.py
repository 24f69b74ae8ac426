"""Every read of contributions, scoped to an organisation (or to their author). Views, other
domains' pages (the "you said, we did" board, "what happened to what I said") and exports read
through these; none of them touches ``objects``.

Who may see an author's name is decided in one place, ``author_label``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import PARTICIPANT_ROLES
from alongside.core.models import OrganisationScopedQuerySet
from alongside.core.selectors import get_in_organisation
from alongside.initiatives import selectors as initiatives_selectors
from alongside.initiatives.models import Initiative, Session
from alongside.voice.models import Contribution

NOT_FOUND = "That contribution is not in this organisation."
MODERATION_STATUSES = (Contribution.Status.HELD, Contribution.Status.AWAITING_MODERATION)


def as_uuid(value: Any) -> uuid.UUID | None:
    """A public id from a query string, or None if it is not one."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


# Who sees the author's name ------------------------------------------------------------------


# Whose words may leave the product (the spreadsheet, the API): published, or waiting to be
# checked. Words held (contact details, a possible disclosure), hidden or withdrawn never do.
WORDS_LEAVE_THE_PRODUCT_FOR = frozenset(
    {Contribution.Status.PUBLISHED, Contribution.Status.AWAITING_MODERATION}
)


def author_is_named(contribution: Contribution, *, viewer_is_staff: bool) -> bool:
    """The one rule: a name is shown only to staff who may see contributions, only when the
    author chose "staff can see my name", and never to the public or other young people."""
    return (
        viewer_is_staff
        and contribution.author_id is not None
        and contribution.anonymity == Contribution.Anonymity.STAFF_ONLY
    )


def author_label(contribution: Contribution, viewer_is_staff: bool) -> str:
    """What to show where an author's name would go: their display name, or "Anonymous".
    Words a worker wrote down from a group, with no author, are "A group" to staff."""
    if author_is_named(contribution, viewer_is_staff=viewer_is_staff):
        assert contribution.author is not None
        return contribution.author.display_name
    if viewer_is_staff and contribution.author_id is None:
        return _("A group (nobody named)")
    return _("Anonymous")


def recorded_on_behalf(contribution: Contribution) -> bool:
    """A worker wrote it down for someone ("recorded by a worker"): shown beside it."""
    return contribution.recorded_by_id is not None


def reference(contribution: Contribution) -> str:
    """The short reference a young person is given and staff can find: 8 letters and digits."""
    return contribution.public_id.hex[:8].upper()


# For other domains: what the public may read, and what one person said ----------------------


def published_contributions(
    organisation: Organisation, initiative: Initiative | None = None
) -> QuerySet[Contribution]:
    """Published contributions only: never held, hidden, waiting to be checked or withdrawn.
    Newest published first; the initiative and author come in the same query."""
    contributions = (
        Contribution.objects.for_organisation(organisation)
        .filter(status=Contribution.Status.PUBLISHED)
        .select_related("initiative", "author")
    )
    if initiative is not None:
        contributions = contributions.filter(initiative=initiative)
    return contributions.order_by("-published_at", "-pk")


def contributions_by_author(person: Person) -> QuerySet[Contribution]:
    """Everything one person gave, in any organisation and whatever its status (they may see
    their own held, hidden and withdrawn words), newest first, in one query."""
    return (
        Contribution.objects.filter(author=person)
        .select_related("initiative", "organisation")
        .order_by("-created_at", "-pk")
    )


# Staff -----------------------------------------------------------------------------------


def _with_related() -> OrganisationScopedQuerySet[Contribution]:
    related: OrganisationScopedQuerySet[Contribution] = Contribution.objects.select_related(
        "initiative", "author", "recorded_by", "session"
    )
    return related


def _for_staff(organisation: Organisation) -> QuerySet[Contribution]:
    return _with_related().for_organisation(organisation)


def contributions_for_staff(
    *,
    organisation: Organisation,
    initiative: Initiative | None = None,
    status: str = "",
    kind: str = "",
) -> QuerySet[Contribution]:
    contributions = _for_staff(organisation)
    if initiative is not None:
        contributions = contributions.filter(initiative=initiative)
    if status:
        contributions = contributions.filter(status=status)
    if kind:
        contributions = contributions.filter(kind=kind)
    return contributions.order_by("-created_at", "-pk")


def moderation_queue(*, organisation: Organisation) -> QuerySet[Contribution]:
    """Held ones first (a person must look), then those waiting to be checked; oldest first."""
    return (
        _for_staff(organisation)
        .filter(status__in=MODERATION_STATUSES)
        .annotate(
            queue_order=Case(
                When(status=Contribution.Status.HELD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("queue_order", "created_at", "pk")
    )


def contribution_get(*, organisation: Organisation, public_id: Any) -> Contribution:
    return get_in_organisation(
        _with_related(), organisation=organisation, public_id=public_id, not_found=NOT_FOUND
    )


def own_contribution_get(
    *, organisation: Organisation, person: Person | None, public_id: Any
) -> Contribution | None:
    """The contribution, if ``person`` wrote it; None for anyone else's (refused by the view)."""
    found = contribution_get(organisation=organisation, public_id=public_id)
    if person is None or found.author_id != person.pk:
        return None
    return found


# Initiatives and sessions a contribution can be given to --------------------------------------


def open_initiatives(*, organisation: Organisation) -> QuerySet[Initiative]:
    """Initiatives of this organisation taking contributions now (initiatives decides which)."""
    return initiatives_selectors.initiatives_taking_part(organisation=organisation).order_by(
        "title", "pk"
    )


# A worker may write down what was said while an initiative runs, and after it has moved on to
# deciding or delivering (a session's notes are often typed up later); not before it opens, nor
# once it is closed.
RECORDABLE_STAGES = (
    Initiative.Stage.OPEN,
    Initiative.Stage.DECIDING,
    Initiative.Stage.DELIVERING,
)


def recordable_initiatives(*, organisation: Organisation) -> QuerySet[Initiative]:
    return (
        Initiative.objects.for_organisation(organisation)
        .filter(stage__in=RECORDABLE_STAGES)
        .order_by("title", "pk")
    )


def initiatives_of(*, organisation: Organisation) -> QuerySet[Initiative]:
    return Initiative.objects.for_organisation(organisation).order_by("title", "pk")


def initiative_get(*, organisation: Organisation, public_id: Any) -> Initiative:
    return get_in_organisation(
        Initiative,
        organisation=organisation,
        public_id=public_id,
        not_found="That initiative is not in this organisation.",
    )


def session_get(*, organisation: Organisation, public_id: Any) -> Session:
    sessions: OrganisationScopedQuerySet[Session] = Session.objects.select_related("initiative")  # type: ignore[assignment]
    return get_in_organisation(
        sessions,
        organisation=organisation,
        public_id=public_id,
        not_found="That session is not in this organisation.",
    )


def participants_named(*, organisation: Organisation, name: str) -> list[Person]:
    """People taking part here (young people, parents, community members) with this display
    name, any case: how a worker finds whose words they are writing down. At most 2 are read,
    enough to tell "nobody", "this one" and "more than one" apart."""
    members = Membership.objects.for_organisation(organisation).filter(role__in=PARTICIPANT_ROLES)
    return list(
        Person.objects.filter(
            pk__in=members.values("person_id"),
            display_name__iexact=name.strip(),
            erased_at__isnull=True,
        ).order_by("pk")[:2]
    )


def is_participant(*, organisation: Organisation, person: Person) -> bool:
    return (
        Membership.objects.for_organisation(organisation)
        .filter(person=person, role__in=PARTICIPANT_ROLES)
        .exists()
    )
