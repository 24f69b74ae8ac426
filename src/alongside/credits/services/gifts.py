"""Gifting credits to another member (by the gift code they tell you) or to a group's pot, and
the pots themselves, which an organisation admin adds, renames and closes."""

from __future__ import annotations

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import LedgerTransaction
from alongside.core.policy import Action
from alongside.credits.models import GiftCode, Pot
from alongside.credits.rules import CREDITS_MANAGE, OWN_CREDITS
from alongside.credits.services.books import credits_post, person_account, pot_account

LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"
MOST = 100 * 60


def _require(actor: Actor, action: Action, organisation: Organisation) -> None:
    if not actor.can(action, organisation):
        raise NotPermitted(_("You do not have permission to do this in this organisation."))


def gift_code_for(organisation: Organisation, person: Person) -> str:
    """The same eight letters each time: an HMAC of the person's public id in the organisation."""
    digest = hmac.new(
        ("gift:" + str(settings.AUDIT_KEY)).encode(),
        f"{organisation.pk}:{person.public_id}".encode(),
        hashlib.sha256,
    ).digest()
    letters = "".join(LETTERS[byte % len(LETTERS)] for byte in digest[:8])
    return f"{letters[:4]}-{letters[4:]}"


def normal_code(typed: str) -> str:
    """'abcd efgh', 'ABCDEFGH' and 'abcd-efgh' are the same code."""
    letters = "".join(ch for ch in typed.upper() if ch.isalpha())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else ""


def gift_code_get(*, actor: Actor, organisation: Organisation) -> str:
    """The signed-in person's code, kept the first time it is asked for."""
    _require(actor, OWN_CREDITS, organisation)
    person = actor.person
    assert person is not None
    found, _new = GiftCode.objects.get_or_create(
        organisation=organisation,
        person=person,
        defaults={"code": gift_code_for(organisation, person)},
    )
    return found.code


def recipient_of(*, organisation: Organisation, code: str) -> int | None:
    """Whose code it is (a person id), or None."""
    return (
        GiftCode.objects.for_organisation(organisation)
        .filter(code=normal_code(code))
        .values_list("person_id", flat=True)
        .first()
    )


def open_pot(*, organisation: Organisation, pot_id: int) -> Pot:
    pot = (
        Pot.objects.for_organisation(organisation).filter(pk=pot_id, closed_at__isnull=True).first()
    )
    if pot is None:
        raise NotFound(_("That pot is not open."))
    return pot


@transaction.atomic
def credits_gift(
    *,
    actor: Actor,
    organisation: Organisation,
    minutes: int,
    idempotency_key: uuid.UUID,
    code: str = "",
    pot_id: int | None = None,
) -> LedgerTransaction:
    """Give ``minutes`` of your credits to the person whose gift code this is, or to an open pot."""
    _require(actor, OWN_CREDITS, organisation)
    assert actor.person_id is not None
    if not 1 <= minutes <= MOST:
        raise ValidationFailed(_("Enter an amount from 1 minute to 100 hours."), field="hours")
    if pot_id is not None:
        to = pot_account(
            organisation_id=organisation.pk,
            pot_id=open_pot(organisation=organisation, pot_id=pot_id).pk,
        )
    else:
        person_id = recipient_of(organisation=organisation, code=code)
        if person_id is None:
            raise ValidationFailed(
                _("There is no one with that gift code here. Check the code with them."),
                field="code",
            )
        if person_id == actor.person_id:
            raise ValidationFailed(
                _("That is your own gift code. Enter the other person's."), field="code"
            )
        to = person_account(organisation_id=organisation.pk, person_id=person_id)
    posted, new = credits_post(
        organisation_id=organisation.pk,
        kind="gift",
        lines=[
            (person_account(organisation_id=organisation.pk, person_id=actor.person_id), -minutes),
            (to, minutes),
        ],
        idempotency_key=idempotency_key,
        actor_id=actor.person_id,
        not_enough=_("You do not have enough credits to give this many."),
    )
    if new:
        audit_record(
            action="credits.gift",
            summary="Credits were given " + ("to a pot" if pot_id is not None else "to someone"),
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=posted,
            data={"minutes": minutes},
        )
    return posted


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Enter the pot's name."), field="name")
    if len(name) > 80:
        raise ValidationFailed(_("The name must be 80 characters or fewer."), field="name")
    return name


def _save_pot(pot: Pot, fields: list[str] | None = None) -> None:
    try:
        with transaction.atomic():
            pot.save(update_fields=fields)
    except IntegrityError as clash:
        raise Conflict(_("There is already a pot with that name.")) from clash


@transaction.atomic
def pot_add(*, actor: Actor, organisation: Organisation, name: str) -> Pot:
    _require(actor, CREDITS_MANAGE, organisation)
    pot = Pot(organisation=organisation, name=_name(name))
    _save_pot(pot)
    _audit(actor, organisation, pot, "added")
    return pot


@transaction.atomic
def pot_change(
    *, actor: Actor, organisation: Organisation, pot_id: int, name: str, close: bool
) -> Pot:
    """Rename a pot, or close it (no more gifts; what it holds stays in the books)."""
    _require(actor, CREDITS_MANAGE, organisation)
    pot = Pot.objects.for_organisation(organisation).select_for_update().filter(pk=pot_id).first()
    if pot is None:
        raise NotFound(_("That pot was not found."))
    pot.name = _name(name)
    if close and pot.closed_at is None:
        pot.closed_at = timezone.now()
    _save_pot(pot, ["name", "closed_at", "updated_at"])
    _audit(actor, organisation, pot, "closed" if close else "renamed")
    return pot


def _audit(actor: Actor, organisation: Organisation, pot: Pot, what: str) -> None:
    audit_record(
        action="credits.pot.change",
        summary=f"A pot of credits was {what}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=pot,
    )
