"""Taking a reward with credits, and its voucher: used once at the partner, or cancelled.

``reward_redeem`` does it all in one transaction: one is taken from stock by a guarded F()
update (never below 0), the cost is posted through ``credits_post`` (whose row locks take two
redemptions from one account one after the other), and the Redemption is written with a random
code. If any step refuses, nothing stays written.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound
from alongside.core.idempotency import KEY_REUSED
from alongside.core.ledger_books import ledger_reverse
from alongside.credits.models import Redemption, Reward
from alongside.credits.rules import CREDITS_APPROVE, OWN_CREDITS, VOUCHER_CHECK
from alongside.credits.selectors.rewards import age_allows
from alongside.credits.services.books import credits_post, person_account, redeemed_account
from alongside.credits.services.totals import count_redeemed
from alongside.credits.vouchers import normalised, voucher_code

# Lazy: put in words in the language of the request that is refused, not of the first import.
NOT_ENOUGH = gettext_lazy("You do not have enough credits for this reward.")
NONE_LEFT = gettext_lazy("There are none of this reward left.")
NOT_FOUND = gettext_lazy("No voucher has that code. Check the code and try again.")


def reward_redeem(
    *, actor: Actor, organisation: Organisation, reward_id: int, idempotency_key: uuid.UUID
) -> Redemption:
    """Take one of a reward for the actor's own credits; repeated with its key, the same one."""
    return reward_redeem_once(
        actor=actor, organisation=organisation, reward_id=reward_id, idempotency_key=idempotency_key
    )[0]


@transaction.atomic
def reward_redeem_once(
    *, actor: Actor, organisation: Organisation, reward_id: int, idempotency_key: uuid.UUID
) -> tuple[Redemption, bool]:
    """``reward_redeem``, saying whether this send took it (True) or repeated a key (False)."""
    require(actor, OWN_CREDITS, organisation)
    person = actor.person
    assert person is not None
    earlier = Redemption.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None:
        return _same_request(earlier, person.pk, reward_id), False
    reward = (
        Reward.objects.for_organisation(organisation)
        .filter(pk=reward_id, withdrawn_at__isnull=True)
        .first()
    )
    if reward is None or not age_allows(reward, person):
        raise NotFound(_("That reward is not available."))
    # The ledger's unique key decides between two sends of one key at the same moment: the
    # second waits on the first's insert, then finds its transaction, and so its voucher.
    posted, fresh = credits_post(
        organisation_id=organisation.pk,
        kind="redeem",
        lines=[
            (
                person_account(organisation_id=organisation.pk, person_id=person.pk),
                -reward.cost_minutes,
            ),
            (
                redeemed_account(organisation_id=organisation.pk, partner_id=reward.partner_id),
                reward.cost_minutes,
            ),
        ],
        idempotency_key=idempotency_key,
        reason=reward.name,
        actor_id=person.pk,
        not_enough=NOT_ENOUGH,
    )
    if not fresh:
        earlier = Redemption.objects.get(idempotency_key=idempotency_key)
        return _same_request(earlier, person.pk, reward_id), False
    # Stock after the post: locks are taken accounts first, then the reward, in every redemption.
    if reward.stock is not None:
        taken = Reward.objects.filter(pk=reward.pk, stock__gte=1).update(stock=F("stock") - 1)
        if not taken:
            raise Conflict(str(NONE_LEFT))
    for _try in range(5):
        try:
            with transaction.atomic():
                redemption = Redemption.objects.create(
                    organisation=organisation,
                    reward=reward,
                    person=person,
                    cost_minutes=reward.cost_minutes,
                    voucher_code=voucher_code(),
                    transaction=posted,
                    idempotency_key=idempotency_key,
                )
            break
        except IntegrityError:
            # A code already given (1 in billions): draw another.
            continue
    else:
        raise Conflict(_("Something went wrong. Try again."))
    count_redeemed(
        organisation_id=organisation.pk,
        posted=posted,
        person_id=person.pk,
        minutes=reward.cost_minutes,
    )
    audit_record(
        action="credits.redeem",
        summary=f"Took a reward: {reward.name}",
        actor_id=person.pk,
        organisation_id=organisation.pk,
        target=redemption,
        data={"reward": reward.pk, "cost_minutes": reward.cost_minutes},
    )
    return redemption, True


def _same_request(earlier: Redemption, person_id: int, reward_id: int) -> Redemption:
    if earlier.person_id != person_id or earlier.reward_id != reward_id:
        raise Conflict(KEY_REUSED)
    return earlier


def _partner_redemption(actor: Actor, organisation: Organisation, code: str) -> Redemption:
    # Only the codes of the actor's own partners' rewards: any other is "not found" alike.
    found = (
        Redemption.objects.for_organisation(organisation)
        .filter(
            voucher_code=normalised(code),
            reward__partner__members=actor.person,
        )
        .select_related("reward")
        .first()
    )
    if found is None:
        raise NotFound(str(NOT_FOUND), field="code")
    return found


def voucher_find(*, actor: Actor, organisation: Organisation, code: str) -> Redemption:
    require(actor, VOUCHER_CHECK, organisation)
    return _partner_redemption(actor, organisation, code)


@transaction.atomic
def voucher_use(*, actor: Actor, organisation: Organisation, code: str) -> Redemption:
    """Mark a voucher used, once: a guarded update, so two tries at once mark it once."""
    require(actor, VOUCHER_CHECK, organisation)
    redemption = _partner_redemption(actor, organisation, code)
    now = timezone.now()
    marked = Redemption.objects.filter(pk=redemption.pk, status=Redemption.Status.ISSUED).update(
        status=Redemption.Status.USED, used_at=now, marked_by=actor.person, updated_at=now
    )
    redemption.refresh_from_db()
    if not marked:
        if redemption.status == Redemption.Status.USED and redemption.used_at:
            day = date_format(timezone.localtime(redemption.used_at).date(), "j F Y")
            raise Conflict(_("This voucher was already used on %(day)s.") % {"day": day})
        raise Conflict(_("This voucher was cancelled. It cannot be used."))
    audit_record(
        action="credits.voucher.use",
        summary=f"Voucher used: {redemption.reward.name}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=redemption,
    )
    return redemption


@transaction.atomic
def voucher_cancel(
    *, actor: Actor, organisation: Organisation, redemption_id: int, idempotency_key: uuid.UUID
) -> Redemption:
    """Cancel an unused voucher (its young person, or a worker): credits and stock given back."""
    own = Redemption.objects.for_organisation(organisation).filter(pk=redemption_id)
    if actor.can(CREDITS_APPROVE, organisation):
        pass
    else:
        require(actor, OWN_CREDITS, organisation)
        own = own.filter(person=actor.person)
    redemption = own.select_for_update().select_related("reward", "transaction").first()
    if redemption is None:
        raise NotFound(_("That voucher was not found."))
    if redemption.status != Redemption.Status.ISSUED:
        raise Conflict(_("Only a voucher that has not been used can be cancelled."))
    now = timezone.now()
    Redemption.objects.filter(pk=redemption.pk).update(
        status=Redemption.Status.CANCELLED, updated_at=now
    )
    given_back, _new = ledger_reverse(
        original=redemption.transaction,
        reason="Voucher cancelled",
        idempotency_key=idempotency_key,
        actor_id=actor.person_id,
    )
    count_redeemed(
        organisation_id=organisation.pk,
        posted=given_back,
        person_id=redemption.person_id,
        minutes=-redemption.cost_minutes,
    )
    if redemption.reward.stock is not None:
        Reward.objects.filter(pk=redemption.reward_id).update(stock=F("stock") + 1)
    audit_record(
        action="credits.voucher.cancel",
        summary=f"Voucher cancelled: {redemption.reward.name}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=redemption,
    )
    redemption.refresh_from_db()
    return redemption
