"""The quorum rule and a meeting's verdict in plain words: the one place both are worded, so
the board page, the meeting's tag and a refused vote say the same thing."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.governance.quorum import Missing, Rule, Shortfall, Verdict


def _people(count: int, one: str, many: str) -> str:
    return ngettext(one, many, count) % {"count": count}


def missing_words(missing: Missing) -> str:
    """'1 more young person', '2 more voting members', 'a young person in the chair'."""
    count = missing.count
    if missing.shortfall is Shortfall.MEMBERS:
        return _people(count, "%(count)d more voting member", "%(count)d more voting members")
    if missing.shortfall is Shortfall.RESIDENT_SIDE:
        return _people(
            count,
            "%(count)d more young person or resident",
            "%(count)d more young people or residents",
        )
    if missing.shortfall is Shortfall.YOUNG_PEOPLE:
        return _people(count, "%(count)d more young person", "%(count)d more young people")
    return _("a young person in the chair")


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def missing_list(missing: tuple[Missing, ...]) -> str:
    """Every shortfall in one phrase: '1 more young person and a young person in the chair'."""
    return _joined([missing_words(m) for m in missing])


def verdict_tag(verdict: Verdict) -> str:
    """The tag at the top of a meeting: 'Quorate' or 'Not quorate: needs 1 more young person'."""
    if verdict.quorate:
        return _("Quorate")
    return _("Not quorate: needs %(what)s") % {"what": missing_list(verdict.missing)}


def verdict_refusal(verdict: Verdict) -> str:
    """Why a motion cannot be decided now, as a full sentence for the error summary."""
    return _(
        "The meeting is not quorate, so this motion cannot be decided. It needs %(what)s. "
        "Update who is here, then record the vote."
    ) % {"what": _joined([missing_words(m) for m in verdict.missing])}


def rule_words(rule: Rule) -> list[str]:
    """The rule, one sentence per part, for the board page and the young members' briefing."""
    sentences = [
        _people(
            rule.minimum_present,
            "At least %(count)d voting member must be there.",
            "At least %(count)d voting members must be there.",
        )
    ]
    if rule.residents == rule.professionals:
        sentences.append(
            _("There must be at least as many young people and residents as professionals.")
        )
    else:
        sentences.append(
            ngettext(
                "For each professional there, at least %(residents)d young people or "
                "residents must be there.",
                "For every %(professionals)d professionals there, at least %(residents)d young "
                "people or residents must be there.",
                rule.professionals,
            )
            % {"professionals": rule.professionals, "residents": rule.residents}
        )
    if rule.minimum_young_people:
        sentences.append(
            _people(
                rule.minimum_young_people,
                "At least %(count)d young person must be there.",
                "At least %(count)d young people must be there.",
            )
        )
    if rule.chair_is_young_person:
        sentences.append(_("A young person must chair the meeting."))
    sentences.append(_("Observers do not count, because they do not vote."))
    return sentences
