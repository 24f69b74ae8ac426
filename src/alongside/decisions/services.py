"""Recording Decisions: the one way any domain says what was decided and what it used.

Boards (a carried motion), budget rounds (a funded project), commissioning (a panel's choice),
inspections (a recommendation) and the staff pages here all call ``decision_record``. It
checks the policy, checks what is cited, writes the decision, its citations and its audit
event in one transaction, and once that has committed tells each cited author, once, that a
decision used what they said. See docs/decisions.md.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.accounts.actor import require as _require
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.decisions import audit_events, selectors, tasks
from alongside.decisions.models import Citation, Decision
from alongside.decisions.rules import DECISION_RECORD
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution, Theme

# A subject is a domain's own object, named the way Django names models: "governance.motion".
SUBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def _check_subject(subject_type: str, subject_id: str) -> None:
    if not subject_type and not subject_id:
        return
    if not SUBJECT_TYPE.match(subject_type):
        raise ValidationFailed(
            "Give what the decision is about as app_label.model, like governance.motion.",
            field="subject_type",
        )
    if not subject_id:
        raise ValidationFailed("Give the id of what the decision is about.", field="subject_id")


def _contributions(
    organisation: Organisation, contributions: Iterable[Contribution]
) -> list[Contribution]:
    """The cited contributions, locked, so none is hidden while this decision cites it."""
    wanted = {c.pk for c in contributions}
    locked = selectors.contributions_locked(organisation=organisation, ids=wanted)
    if len(locked) != len(wanted):
        raise ValidationFailed(
            "A decision can only use what was said in this organisation.",
            field="cites_contributions",
        )
    unusable = [c for c in locked if c.status in selectors.NOT_CITABLE]
    if unusable:
        raise ValidationFailed(
            "A decision cannot use something that is held, hidden or taken back by its "
            "author. Remove it and try again.",
            field="cites_contributions",
        )
    return locked


def _themes(organisation: Organisation, themes: Iterable[Theme]) -> list[Theme]:
    wanted = {t.pk for t in themes}
    found = selectors.themes_by_ids(organisation=organisation, ids=wanted)
    if len(found) != len(wanted):
        raise ValidationFailed(
            "A decision can only use themes from this organisation.", field="cites_themes"
        )
    return found


def _tell_authors(decision: Decision, contribution_ids: set[int], theme_ids: set[int]) -> None:
    """Once committed, queue telling each cited author (see ``tasks.decision_authors_tell``)."""
    if not contribution_ids and not theme_ids:
        return
    transaction.on_commit(
        lambda: tasks.decision_authors_tell.enqueue(
            decision_id=decision.pk,
            contribution_ids=sorted(contribution_ids),
            theme_ids=sorted(theme_ids),
        )
    )


def _add_citations(
    decision: Decision, contributions: Sequence[Contribution], themes: Sequence[Theme]
) -> tuple[set[int], set[int]]:
    """Insert the citations not there yet; the unique constraints decide, not a look first.
    Returns the contribution and theme ids newly cited."""
    new_contributions: set[int] = set()
    new_themes: set[int] = set()
    for contribution in contributions:
        try:
            with transaction.atomic():
                Citation.objects.create(decision=decision, contribution=contribution)
            new_contributions.add(contribution.pk)
        except IntegrityError:
            pass
    for theme in themes:
        try:
            with transaction.atomic():
                Citation.objects.create(decision=decision, theme=theme)
            new_themes.add(theme.pk)
        except IntegrityError:
            pass
    return new_contributions, new_themes


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    what_changed: str,
    decided_by: str,
    forum: str,
    decided_on: dt.date,
    initiative: Initiative | None = None,
    subject_type: str = "",
    subject_id: str = "",
    cites_contributions: Sequence[Contribution] = (),
    cites_themes: Sequence[Theme] = (),
    idempotency_key: uuid.UUID,
) -> Decision:
    """Record what was decided, by whom, when and where, and what it used of what was said.

    Every domain records its outcomes through this: a board's motion, a budget round's funded
    project, a commissioning panel's choice, an inspection's recommendation. Name your own
    object with ``subject_type`` (``"app_label.model"``, e.g. ``"governance.motion"``) and
    ``subject_id`` (its id as text), or leave both empty. ``cites_contributions`` must be from
    this organisation and not held, hidden or withdrawn; ``cites_themes`` from this
    organisation. The same ``idempotency_key`` sent again returns the first decision and
    records nothing more; sent with other details it raises ``Conflict``.

    After commit, each author of a cited contribution (and of each published contribution in
    a cited theme) gets one notice, "A decision used what you said", linking the decision.
    """
    _require(actor, DECISION_RECORD, organisation)
    title, what_changed = title.strip(), what_changed.strip()
    decided_by, forum = decided_by.strip(), forum.strip()
    if not title:
        raise ValidationFailed("Enter what was decided.", field="title")
    if not what_changed:
        raise ValidationFailed("Enter what changed because of it.", field="what_changed")
    if not decided_by:
        raise ValidationFailed("Enter who decided.", field="decided_by")
    if decided_on > timezone.localdate():
        raise ValidationFailed(
            "The date it was decided must be today or in the past.", field="decided_on"
        )
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationFailed("Choose an initiative from this organisation.", field="initiative")
    _check_subject(subject_type, subject_id)
    contributions = _contributions(organisation, cites_contributions)
    themes = _themes(organisation, cites_themes)
    cited = ({c.pk for c in contributions}, {t.pk for t in themes})

    def create() -> Decision:
        decision = Decision.objects.create(
            organisation=organisation,
            initiative=initiative,
            title=title,
            what_changed=what_changed,
            decided_by=decided_by,
            forum=forum,
            decided_on=decided_on,
            subject_type=subject_type,
            subject_id=subject_id,
            recorded_by_id=actor.person_id,
            idempotency_key=idempotency_key,
        )
        _add_citations(decision, contributions, themes)
        audit_record(
            action=audit_events.DECISION_RECORDED,
            summary="Decision recorded",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=decision,
            data={
                "contributions": len(contributions),
                "themes": len(themes),
                "subject_type": subject_type,
            },
        )
        return decision

    def same(earlier: Decision) -> bool:
        return (
            earlier.organisation_id == organisation.pk
            and earlier.recorded_by_id == actor.person_id
            and earlier.title == title
            and earlier.decided_on == decided_on
            and earlier.subject_type == subject_type
            and earlier.subject_id == subject_id
        )

    decision, created = create_once(
        Decision, idempotency_key=idempotency_key, create=create, same=same
    )
    if created:
        _tell_authors(decision, *cited)
    return decision


@transaction.atomic
def decision_cite_add(
    *,
    actor: Actor,
    organisation: Organisation,
    decision: Decision,
    contributions: Sequence[Contribution] = (),
    themes: Sequence[Theme] = (),
) -> Decision:
    """Add citations to a decision already recorded. Citing the same thing again adds nothing
    (the unique constraints decide) and tells nobody twice."""
    _require(actor, DECISION_RECORD, organisation)
    if decision.organisation_id != organisation.pk:
        raise ValidationFailed("That decision is not in this organisation.")
    locked = _contributions(organisation, contributions)
    found = _themes(organisation, themes)
    new_contributions, new_themes = _add_citations(decision, locked, found)
    if new_contributions or new_themes:
        audit_record(
            action=audit_events.CITATION_ADDED,
            summary="Citations added to a decision",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=decision,
            data={"contributions": len(new_contributions), "themes": len(new_themes)},
        )
        _tell_authors(decision, new_contributions, new_themes)
    return decision
