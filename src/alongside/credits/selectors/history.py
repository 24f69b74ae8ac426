"""Where each of a person's credits came from, and where each went: one page of their ledger
lines, each with the row that says why (an Earning, a Redemption) or the transaction's reason.

A page costs the same few queries however long the history: the lines (with their
transactions), then the earnings and redemptions of that page's transactions, by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from alongside.core.models import LedgerAccount, LedgerLine
from alongside.credits.models import Earning, Pot, Redemption
from alongside.credits.sources import earning_sources

Owner = LedgerAccount.Owner
# What an Earning's words are made from (credits/sources.py, labels_of).
WORDS = ("transaction_id", "organisation_id", "source", "activity_key", "label")


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    amount: int
    balance_after: int
    what: str
    detail: str


def history_rows(lines: Sequence[LedgerLine]) -> list[HistoryRow]:
    """Words for a page of a person's lines (``lines_of_person`` sliced), newest first."""
    transaction_ids = [line.transaction_id for line in lines]
    earnings = {
        e.transaction_id: e
        for e in Earning.objects.filter(transaction_id__in=transaction_ids).only(
            *WORDS, "group_label", "kind"
        )
    }
    redemptions = {
        r.transaction_id: r
        for r in Redemption.objects.filter(transaction_id__in=transaction_ids).select_related(
            "reward"
        )
    }
    reversed_earnings = {
        e.transaction_id: e
        for e in Earning.objects.filter(
            transaction_id__in=[
                line.transaction.reverses_id for line in lines if line.transaction.reverses_id
            ]
        ).only(*WORDS)
    }
    words = earning_sources.labels_of([*earnings.values(), *reversed_earnings.values()])
    pots = _pots_of(lines)
    return [_row(line, earnings, redemptions, reversed_earnings, pots, words) for line in lines]


def _pots_of(lines: Sequence[LedgerLine]) -> dict[int, str]:
    """The pot each gift on the page went to, by transaction: gifts to a pot say which."""
    gift_ids = [line.transaction_id for line in lines if line.transaction.kind == "gift"]
    if not gift_ids:
        return {}
    pot_lines = LedgerLine.objects.filter(
        transaction_id__in=gift_ids, account__owner_kind=Owner.POT
    ).values_list("transaction_id", "account__owner_id")
    names = dict(
        Pot.objects.filter(pk__in=[pot_id for _, pot_id in pot_lines]).values_list("pk", "name")
    )
    return {tx_id: names.get(pot_id, "") for tx_id, pot_id in pot_lines}


def _row(
    line: LedgerLine,
    earnings: dict[int | None, Earning],
    redemptions: dict[int, Redemption],
    reversed_earnings: dict[int | None, Earning],
    pots: dict[int, str],
    words: dict[int, str],
) -> HistoryRow:
    posted = line.transaction
    what, detail = _words(line, earnings, redemptions, reversed_earnings, pots, words)
    return HistoryRow(posted.occurred_at, line.amount, line.balance_after, what, detail)


def _words(
    line: LedgerLine,
    earnings: dict[int | None, Earning],
    redemptions: dict[int, Redemption],
    reversed_earnings: dict[int | None, Earning],
    pots: dict[int, str],
    words: dict[int, str],
) -> tuple[str, str]:
    posted = line.transaction
    earning = earnings.get(posted.pk)
    if earning is not None:
        detail = earning.group_label if earning.group_label != earning.label else ""
        return words[earning.pk], detail
    redemption = redemptions.get(posted.pk)
    if redemption is not None:
        return _("Reward: %(name)s") % {"name": redemption.reward.name}, ""
    if posted.kind == "gift":
        pot = pots.get(posted.pk)
        if line.amount > 0:
            return _("A gift from another member"), ""
        if pot:
            return _("You gave credits to %(pot)s") % {"pot": pot}, ""
        return _("You gave credits to another member"), ""
    if posted.reverses_id is not None:
        original = reversed_earnings.get(posted.reverses_id)
        what = (
            _("Taken back: %(label)s") % {"label": words[original.pk]}
            if original is not None
            else _("Given back")
        )
        return what, posted.reason
    if posted.kind == "adjust":
        what = _("Added by a worker") if line.amount > 0 else _("Taken away by a worker")
        return what, posted.reason
    return posted.reason or _("Credits"), ""
