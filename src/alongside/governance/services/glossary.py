"""The organisation's glossary: words young board members might not know, explained. One entry
per word, whatever its capitals: the database constraint decides, and its refusal becomes a
message (so a form sent twice adds the word once)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.governance.models import GlossaryTerm
from alongside.governance.rules import BOARD_MANAGE

TERM_TAKEN = "That word is already in the glossary. Change its meaning instead."


def _clean(term: str, meaning: str) -> tuple[str, str]:
    term, meaning = term.strip(), meaning.strip()
    if not term:
        raise ValidationFailed("Enter the word or phrase.", field="term")
    if len(term) > 80:
        raise ValidationFailed("The word or phrase must be 80 characters or fewer.", field="term")
    if not meaning:
        raise ValidationFailed("Enter what it means, in plain words.", field="meaning")
    if len(meaning) > 600:
        raise ValidationFailed("What it means must be 600 characters or fewer.", field="meaning")
    return term, meaning


def _save(entry: GlossaryTerm) -> None:
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise ValidationFailed(TERM_TAKEN, field="term") from error


def _audit(actor: Actor, entry: GlossaryTerm, change: str) -> None:
    audit_record(
        action="governance.glossary.change",
        summary=f"Glossary {change}: {entry.term}",
        actor_id=actor.person_id,
        organisation_id=entry.organisation_id,
        target=entry,
        data={"change": change},
    )


@transaction.atomic
def term_add(*, actor: Actor, organisation: Organisation, term: str, meaning: str) -> GlossaryTerm:
    require(actor, BOARD_MANAGE, organisation)
    term, meaning = _clean(term, meaning)
    entry = GlossaryTerm(organisation=organisation, term=term, meaning=meaning)
    _save(entry)
    _audit(actor, entry, "added")
    return entry


@transaction.atomic
def term_change(*, actor: Actor, entry: GlossaryTerm, term: str, meaning: str) -> GlossaryTerm:
    require(actor, BOARD_MANAGE, entry.organisation)
    term, meaning = _clean(term, meaning)
    entry = GlossaryTerm.objects.select_for_update().get(pk=entry.pk)
    entry.term, entry.meaning = term, meaning
    _save(entry)
    _audit(actor, entry, "changed")
    return entry


@transaction.atomic
def term_remove(*, actor: Actor, entry: GlossaryTerm) -> None:
    require(actor, BOARD_MANAGE, entry.organisation)
    _audit(actor, entry, "removed")
    GlossaryTerm.objects.filter(pk=entry.pk).delete()
