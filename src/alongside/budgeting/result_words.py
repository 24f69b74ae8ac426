"""Why each project of a youth budget was or was not funded, in words a 12-year-old knows.

The tally engine explains a count for researchers (``rules.explain.reason_text``: "funded: 212
supporters could share its £1,200.00 (round 1 of equal shares)"), in English only, and that
voice stays as it is for the CLI and the docs. The results page speaks to the young people who
voted, in their language, so it words the same reason *data* (``rules.reasons``: a code and
exact amounts, stored with each count) here, one gettext sentence at a time: each sentence is
whole, so a translator sees its grammar, and its numbers are filled in last.

Amounts are real money in pounds, as the sealed file counts them; they are shown as the rest of
the product shows money (``core.money``), rounding down what "was left" or what supporters
"had", so a shown amount never looks like enough when it was not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from math import floor

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.budgeting.rules import Number, ProjectReason, ReasonCode
from alongside.budgeting.rules.explain import count_words
from alongside.core.money import format_pence


def _whole(value: Number) -> int:
    """The number a plural agrees with: a fraction of a vote is never "one"."""
    return int(value) if Fraction(value).denominator == 1 else 0


def _money(pounds: Number | None, *, down: bool = False) -> str:
    assert pounds is not None
    pence = Fraction(pounds) * 100
    return format_pence(floor(pence) if down else round(pence))


def project_words(reason: ProjectReason, names: Mapping[str, str]) -> str:
    """The reason in plain words in the active language. ``names`` gives each project's title
    by its id in the count, for a reason that names another project."""
    lead = _("Funded.") if reason.funded else _("Not funded.")
    return " ".join([lead, *_WORDS[reason.code](reason, names)])


Words = Callable[[ProjectReason, Mapping[str, str]], list[str]]


def _free(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    return [
        ngettext(
            "It costs nothing, and %(num)s person voted for it.",
            "It costs nothing, and %(num)s people voted for it.",
            reason.votes,
        )
        % {"num": f"{reason.votes:,}"}
    ]


def _equal_shares(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    payers, supporters = reason.payers or 0, reason.supporters or 0
    numbers = {"num": f"{supporters:,}", "payers": f"{payers:,}", "cost": _money(reason.cost)}
    if payers >= supporters:
        return [
            ngettext(
                "%(num)s person who voted for it paid its cost of %(cost)s.",
                "%(num)s people who voted for it shared its cost of %(cost)s.",
                supporters,
            )
            % numbers
        ]
    return [
        ngettext(
            "%(payers)s of the %(num)s people who voted for it paid its cost of %(cost)s.",
            "%(payers)s of the %(num)s people who voted for it shared its cost of %(cost)s.",
            payers,
        )
        % numbers,
        _("The others had already spent their share."),
    ]


def _nobody_but_it_fitted(reason: ProjectReason) -> list[str]:
    return [
        _("Nobody voted for it, but it fitted in the %(left)s left over.")
        % {"left": _money(reason.remaining)}
    ]


def _in_completion(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    if reason.votes == 0:
        return _nobody_but_it_fitted(reason)
    return [
        _(
            "After the equal shares were spent, %(left)s was still left, enough for its cost "
            "of %(cost)s."
        )
        % {"left": _money(reason.remaining), "cost": _money(reason.cost)}
    ]


def _order(reason: ProjectReason) -> str:
    """How a count that goes down a list of projects ordered them."""
    if reason.borda is not None:
        return _("Projects with the most points from people's lists were funded first.")
    if reason.points is not None:
        return _("Projects with the most points were funded first.")
    return _("Projects with the most votes were funded first.")


def _most_votes_first(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    if reason.votes == 0:
        return _nobody_but_it_fitted(reason)
    return [
        _order(reason),
        _("When its turn came, %(left)s was still left, enough for its cost of %(cost)s.")
        % {"left": _money(reason.remaining), "cost": _money(reason.cost)},
    ]


def _only_left(reason: ProjectReason) -> str:
    return _("When its turn came, only %(left)s was left, less than its cost of %(cost)s.") % {
        "left": _money(reason.remaining, down=True),
        "cost": _money(reason.cost),
    }


def _from_reserve(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    assert reason.reserve is not None
    return [
        _order(reason),
        _only_left(reason),
        _(
            "That was at least %(percent)s of its cost, so the rest was paid from money kept "
            "back for this."
        )
        % {"percent": f"{count_words(reason.reserve * 100)}%"},
    ]


def _stopped_here(reason: ProjectReason) -> list[str]:
    if reason.stopped_at != reason.project_id:
        return []
    return [_("The count stopped here, so no more projects were funded.")]


def _no_supporters(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    if reason.votes == 0:
        words = [_("Nobody voted for it.")]
    elif reason.cost == 0:
        words = [
            _(
                "It costs nothing, and this count only shares out money, so it had nothing to "
                "give this project."
            )
        ]
    else:
        words = [
            _(
                "Some people voted for it, but the way this count measures what people get "
                "gave none of them anything from it."
            )
        ]
    return words + _left_over(reason)


def _over_budget(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    return [
        _("It costs more than the whole budget of %(budget)s.") % {"budget": _money(reason.budget)},
        *_stopped_here(reason),
    ]


def _shares_below_cost(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    supporters = reason.supporters or 0
    return [
        _("Everyone had an equal share of the money."),
        ngettext(
            "Only %(num)s person voted for it, and their share was %(shares)s, less than its "
            "cost of %(cost)s.",
            "Together, the shares of the %(num)s people who voted for it came to %(shares)s, "
            "less than its cost of %(cost)s.",
            supporters,
        )
        % {
            "num": f"{supporters:,}",
            "shares": _money(reason.supporters_shares, down=True),
            "cost": _money(reason.cost),
        },
        *_left_over(reason),
    ]


def _supporters_spent(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    supporters = reason.supporters or 0
    numbers = {
        "num": f"{supporters:,}",
        "left": _money(reason.supporters_left, down=True),
        "cost": _money(reason.cost),
    }
    return [
        ngettext(
            "Only %(num)s person voted for it, and they had already spent their share on "
            "projects they liked more.",
            "The %(num)s people who voted for it had already spent their share on projects "
            "they liked more.",
            supporters,
        )
        % numbers,
        ngettext(
            "They had only %(left)s left, less than its cost of %(cost)s.",
            "They had only %(left)s left between them, less than its cost of %(cost)s.",
            supporters,
        )
        % numbers,
        *_left_over(reason),
    ]


def _left_over(reason: ProjectReason) -> list[str]:
    """After equal shares, the money left over was offered down the list of votes too."""
    if reason.left_over is None:
        return []
    return [
        _("Then the %(left)s left over was not enough for it either.")
        % {"left": _money(reason.left_over, down=True)}
    ]


def _did_not_fit(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    if reason.votes == 0:
        words = [
            _("Nobody voted for it, and it did not fit in the %(left)s left.")
            % {"left": _money(reason.remaining, down=True)}
        ]
    else:
        words = [_order(reason), _only_left(reason)]
    return words + _stopped_here(reason)


def _below_threshold(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    assert reason.threshold is not None
    needed = _whole(reason.threshold)
    numbers = {"needed": count_words(reason.threshold)}
    if reason.points is None:
        numbers["num"] = f"{reason.votes:,}"
        return [
            ngettext(
                "It needed at least %(needed)s vote to be funded, but it had only %(num)s.",
                "It needed at least %(needed)s votes to be funded, but it had only %(num)s.",
                needed,
            )
            % numbers
        ]
    assert reason.score is not None
    numbers["num"] = count_words(reason.score)
    return [
        ngettext(
            "It needed at least %(needed)s point to be funded, but it had only %(num)s.",
            "It needed at least %(needed)s points to be funded, but it had only %(num)s.",
            needed,
        )
        % numbers
    ]


def _excluded(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    assert reason.conflict is not None
    return [
        _(
            "It could not be funded as well as “%(other)s”, which came before it in the count "
            "and was funded."
        )
        % {"other": names.get(reason.conflict, reason.conflict)}
    ]


def _not_reached(reason: ProjectReason, names: Mapping[str, str]) -> list[str]:
    assert reason.stopped_at is not None
    other = {"other": names.get(reason.stopped_at, reason.stopped_at)}
    if reason.stopped_funded:
        return [
            _(
                "The count stopped after “%(other)s”, which was funded with money kept back "
                "for this."
            )
            % other
        ]
    return [
        _("The count stopped at “%(other)s”, the first project that did not fit in the money left.")
        % other
    ]


_WORDS: dict[ReasonCode, Words] = {
    ReasonCode.FUNDED_FREE: _free,
    ReasonCode.FUNDED_BY_EQUAL_SHARES: _equal_shares,
    ReasonCode.FUNDED_IN_COMPLETION: _in_completion,
    ReasonCode.FUNDED: _most_votes_first,
    ReasonCode.FUNDED_FROM_RESERVE: _from_reserve,
    ReasonCode.NO_SUPPORTERS: _no_supporters,
    ReasonCode.OVER_BUDGET: _over_budget,
    ReasonCode.SHARES_BELOW_COST: _shares_below_cost,
    ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY: _supporters_spent,
    ReasonCode.DID_NOT_FIT: _did_not_fit,
    ReasonCode.BELOW_THRESHOLD: _below_threshold,
    ReasonCode.EXCLUDED_BY_CONFLICT: _excluded,
    ReasonCode.NOT_REACHED: _not_reached,
}
