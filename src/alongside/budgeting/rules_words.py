"""A round's rules in plain words, in English and Welsh, made from its settings.

Pure Python (no Django), so every combination of settings can be tried in a test and the
words can never fall behind the settings: the rules page, the round's public page and the
voting pages all read them from here. The Welsh is written here beside the English rather
than in the gettext catalogue because each sentence is built from parts (a number, a date, a
list of areas joined by "a" or "ac") whose Welsh grammar a translated template cannot follow.

Sentences are short, and use "projects" and "your vote", never "proposal" or "ballot".
A Welsh speaker should review the Welsh before a round is run in Welsh
(docs/guides/running-a-youth-budget-round.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from alongside.budgeting.ballot_paper import Kind
from alongside.core.money import format_pence as money

Language = Literal["en", "cy"]
LANGUAGES: tuple[Language, ...] = ("en", "cy")

MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "cy": (
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
        "Medi", "Hydref", "Tachwedd", "Rhagfyr",
    ),
}  # fmt: skip

HEADINGS: dict[str, dict[Language, str]] = {
    "title": {"en": "How the vote works", "cy": "Sut mae'r bleidlais yn gweithio"},
    "money": {"en": "The money", "cy": "Yr arian"},
    "voting": {"en": "How to vote", "cy": "Sut i bleidleisio"},
    "counting": {
        "en": "How the votes are counted",
        "cy": "Sut mae'r pleidleisiau'n cael eu cyfrif",
    },
    "who": {"en": "Who can vote", "cy": "Pwy all bleidleisio"},
    "dates": {"en": "Dates", "cy": "Dyddiadau"},
    "ideas": {"en": "Ideas", "cy": "Syniadau"},
}

_WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷ")


@dataclass(frozen=True, slots=True)
class AreaFacts:
    name: str
    budget_pence: int | None = None


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """What the words need to know about a round. Times are local (Europe/London)."""

    budget_pence: int
    organisation: str
    ballot_kind: Kind = Kind.CHOOSE_UP_TO
    max_choices: int | None = None
    points_to_share: int | None = None
    rule: Literal["mes", "greedy"] = "mes"
    completion: Literal["none", "add1", "add1-greedy"] = "add1-greedy"
    min_age: int = 11
    max_age: int = 19
    members_only: bool = True
    areas: tuple[AreaFacts, ...] = field(default=())
    area_voting: Literal["own", "every"] = "own"
    ideas_from: dt.date | None = None
    feasibility_from: dt.date | None = None
    proposals_from: dt.date | None = None
    voting_opens_at: dt.datetime | None = None
    voting_closes_at: dt.datetime | None = None
    results_on: dt.date | None = None
    delivery_from: dt.date | None = None
    ballots_can_change: bool = False
    young_people_may_propose: bool = True
    groups_may_propose: bool = True
    organisations_may_propose: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[str, ...]


def date_words(day: dt.date, language: Language) -> str:
    """4 June 2026 / 4 Mehefin 2026."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def time_words(moment: dt.time | dt.datetime, language: Language) -> str:
    """9am, 5:30pm, midday, midnight (GOV.UK style); 9yb, 5:30yh, canol dydd, hanner nos."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour in (0, 12):
        names = {"en": ("midnight", "midday"), "cy": ("hanner nos", "canol dydd")}
        return names[language][hour // 12]
    suffix = {"en": ("am", "pm"), "cy": ("yb", "yh")}[language][hour >= 12]
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def _and(items: Sequence[str], language: Language) -> str:
    """A, B and C / A, B a C (ac before a vowel)."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    welsh = "ac" if last[:1].lower() in _WELSH_VOWELS else "a"
    word = "and" if language == "en" else welsh
    return f"{', '.join(items[:-1])} {word} {last}"


def _has_area_budgets(facts: RoundFacts) -> bool:
    return any(area.budget_pence is not None for area in facts.areas)


def _money_words(facts: RoundFacts, language: Language) -> list[str]:
    budget = money(facts.budget_pence)
    words = [
        {
            "en": f"There is {budget} to spend on projects that young people choose.",
            "cy": f"Mae {budget} i'w wario ar brosiectau y mae pobl ifanc yn eu dewis.",
        }[language]
    ]
    if not facts.areas:
        return words
    names = [area.name for area in facts.areas]
    count = len(names)
    words.append(
        {
            "en": f"The money is shared between {count} {'area' if count == 1 else 'areas'}: "
            f"{_and(names, 'en')}.",
            "cy": f"Mae'r arian yn cael ei rannu rhwng {count} ardal: {_and(names, 'cy')}.",
        }[language]
    )
    if _has_area_budgets(facts):
        parts = [
            f"{area.name} ({money(area.budget_pence or 0)})"
            for area in facts.areas
            if area.budget_pence is not None
        ]
        words.append(
            {
                "en": f"Each area has its own part of the money: {_and(parts, 'en')}. "
                "Each area's votes are counted on their own.",
                "cy": f"Mae gan bob ardal ei rhan ei hun o'r arian: {_and(parts, 'cy')}. "
                "Mae pleidleisiau pob ardal yn cael eu cyfrif ar eu pen eu hunain.",
            }[language]
        )
    return words


def _ballot_words(facts: RoundFacts, language: Language) -> list[str]:
    kind = facts.ballot_kind
    limit = facts.max_choices or 1
    if kind is Kind.CHOOSE_ONE or (kind in (Kind.CHOOSE_UP_TO, Kind.RANK) and limit == 1):
        return [
            {
                "en": "You can choose 1 project: the one you like best.",
                "cy": "Gallwch ddewis 1 prosiect: yr un rydych chi'n ei hoffi orau.",
            }[language]
        ]
    if kind is Kind.CHOOSE_UP_TO:
        return [
            {
                "en": f"You can choose up to {limit} projects. Choose the ones you like best.",
                "cy": f"Gallwch ddewis hyd at {limit} prosiect. Dewiswch y rhai rydych chi'n "
                "eu hoffi orau.",
            }[language]
        ]
    if kind is Kind.RANK:
        return [
            {
                "en": f"You can put up to {limit} projects in order, starting with the one "
                "you like best.",
                "cy": f"Gallwch roi hyd at {limit} prosiect mewn trefn, gan ddechrau gyda'r "
                "un rydych chi'n ei hoffi orau.",
            }[language]
        ]
    if kind is Kind.POINTS:
        points = facts.points_to_share or 1
        return [
            {
                "en": f"You have {points} {'point' if points == 1 else 'points'} to share out "
                "between the projects you like. Give each project you choose at least 1 "
                "point. Give more points to the projects you like most.",
                "cy": f"Mae gennych {points} pwynt i'w rhannu rhwng y prosiectau rydych chi'n "
                "eu hoffi. Rhowch o leiaf 1 pwynt i bob prosiect rydych chi'n ei ddewis. "
                "Rhowch fwy o bwyntiau i'r prosiectau rydych chi'n eu hoffi fwyaf.",
            }[language]
        ]
    if _has_area_budgets(facts):
        return [
            {
                "en": "You can choose as many projects as you like, as long as the projects "
                "you choose in an area cost no more than that area's money.",
                "cy": "Gallwch ddewis cymaint o brosiectau ag y dymunwch, cyn belled nad yw'r "
                "prosiectau rydych chi'n eu dewis mewn ardal yn costio mwy nag arian yr "
                "ardal honno.",
            }[language]
        ]
    budget = money(facts.budget_pence)
    return [
        {
            "en": "You can choose as many projects as you like, as long as together they "
            f"cost no more than {budget}.",
            "cy": "Gallwch ddewis cymaint o brosiectau ag y dymunwch, cyn belled nad ydyn "
            f"nhw'n costio mwy na {budget} gyda'i gilydd.",
        }[language]
    ]


def _change_words(facts: RoundFacts, language: Language) -> str:
    if facts.ballots_can_change:
        return {
            "en": "You can change your vote until voting closes. Only your last vote counts.",
            "cy": "Gallwch newid eich pleidlais nes bod y pleidleisio'n cau. Dim ond eich "
            "pleidlais olaf sy'n cyfrif.",
        }[language]
    return {
        "en": "Once you have sent your vote, you cannot change it, so check it carefully first.",
        "cy": "Ar ôl i chi anfon eich pleidlais, allwch chi ddim ei newid, felly gwiriwch hi'n "
        "ofalus yn gyntaf.",
    }[language]


def _most(facts: RoundFacts, language: Language) -> str:
    """What "the most" is counted in: points on a points ballot, else votes."""
    if facts.ballot_kind is Kind.POINTS:
        return {"en": "the most points", "cy": "y nifer fwyaf o bwyntiau"}[language]
    return {"en": "the most votes", "cy": "y nifer fwyaf o bleidleisiau"}[language]


def _greedy_words(facts: RoundFacts, language: Language) -> list[str]:
    skip = {
        "en": "If a project costs more than the money left, it is skipped and the next one "
        "is tried. This goes on until no other project fits in the money left.",
        "cy": "Os yw prosiect yn costio mwy na'r arian sydd ar ôl, mae'n cael ei hepgor ac "
        "mae'r un nesaf yn cael ei ystyried. Mae hyn yn parhau nes nad oes prosiect arall "
        "yn ffitio yn yr arian sydd ar ôl.",
    }[language]
    if facts.ballot_kind is Kind.RANK:
        first = {
            "en": "A project gets points from every list it is in. It gets more points if it "
            "is higher up the list. The projects with the most points for what they cost "
            "get the money first.",
            "cy": "Mae prosiect yn cael pwyntiau o bob rhestr y mae ynddi. Mae'n cael mwy o "
            "bwyntiau os yw'n uwch yn y rhestr. Y prosiectau gyda'r nifer fwyaf o bwyntiau "
            "am yr hyn maen nhw'n ei gostio sy'n cael yr arian yn gyntaf.",
        }[language]
    else:
        most = _most(facts, language)
        first = {
            "en": f"The projects with {most} get the money first.",
            "cy": f"Y prosiectau gyda'r {most.removeprefix('y ')} sy'n cael yr arian yn gyntaf.",
        }[language]
    return [f"{first} {skip}"]


def _equal_shares_words(facts: RoundFacts, language: Language) -> list[str]:
    words = [
        {
            "en": "The votes are counted with a rule called Equal Shares. Everyone who votes "
            "gets an equal share of the money, to spend on the projects they chose. A "
            "project gets the money if the people who voted for it can pay for it together "
            "from their shares. Projects that the most people can share the cost of get the "
            "money first.",
            "cy": "Mae'r pleidleisiau'n cael eu cyfrif gyda rheol o'r enw Cyfrannau "
            "Cyfartal. Mae pawb sy'n pleidleisio yn cael cyfran gyfartal o'r arian, i'w "
            "gwario ar y prosiectau a ddewison nhw. Mae prosiect yn cael yr arian os gall y "
            "bobl a bleidleisiodd drosto dalu amdano gyda'i gilydd o'u cyfrannau. Y "
            "prosiectau y gall y nifer fwyaf o bobl rannu eu cost sy'n cael yr arian yn "
            "gyntaf.",
        }[language],
        {
            "en": "This means one big group cannot take all the money, and smaller groups "
            "get projects too.",
            "cy": "Mae hyn yn golygu na all un grŵp mawr gymryd yr holl arian, a bod grwpiau "
            "llai yn cael prosiectau hefyd.",
        }[language],
    ]
    if facts.ballot_kind is Kind.POINTS:
        words.append(
            {
                "en": "If you give a project more points, you pay a bigger part of its cost "
                "from your share.",
                "cy": "Os ydych chi'n rhoi mwy o bwyntiau i brosiect, rydych chi'n talu rhan "
                "fwy o'i gost o'ch cyfran.",
            }[language]
        )
    if facts.ballot_kind is Kind.RANK:
        words.append(
            {
                "en": "Every project in your list counts as one you back, wherever you put it.",
                "cy": "Mae pob prosiect yn eich rhestr yn cyfrif fel un rydych chi'n ei "
                "gefnogi, ble bynnag rydych chi'n ei roi.",
            }[language]
        )
    words.append(_completion_words(facts, language))
    return words


def _completion_words(facts: RoundFacts, language: Language) -> str:
    if facts.completion == "none":
        return {
            "en": "Some money may be left over at the end.",
            "cy": "Efallai y bydd rhywfaint o arian ar ôl ar y diwedd.",
        }[language]
    raise_share = {
        "en": "If money is left over, everyone's share is made a little bigger and the count "
        "is done again, until no more projects can be paid for.",
        "cy": "Os oes arian ar ôl, mae cyfran pawb yn cael ei gwneud ychydig yn fwy ac mae'r "
        "cyfrif yn cael ei wneud eto, nes nad oes modd talu am ragor o brosiectau.",
    }[language]
    if facts.completion == "add1":
        return raise_share
    if facts.ballot_kind is Kind.RANK:
        then = {
            "en": "Any money still left then goes to the projects in the most lists that "
            "still fit.",
            "cy": "Yna mae unrhyw arian sy'n dal ar ôl yn mynd i'r prosiectau sydd yn y "
            "nifer fwyaf o restrau ac sy'n dal i ffitio.",
        }[language]
    else:
        most = _most(facts, language)
        then = {
            "en": f"Any money still left then goes to the projects with {most} that still fit.",
            "cy": "Yna mae unrhyw arian sy'n dal ar ôl yn mynd i'r prosiectau gyda'r "
            f"{most.removeprefix('y ')} sy'n dal i ffitio.",
        }[language]
    return f"{raise_share} {then}"


def _who_words(facts: RoundFacts, language: Language) -> list[str]:
    if facts.min_age == facts.max_age:
        ages = {"en": f"aged {facts.min_age}", "cy": f"{facts.min_age} oed"}[language]
    else:
        ages = {
            "en": f"aged {facts.min_age} to {facts.max_age}",
            "cy": f"{facts.min_age} i {facts.max_age} oed",
        }[language]
    if facts.voting_closes_at is not None:
        day = date_words(facts.voting_closes_at.date(), language)
        when = {
            "en": f"on {day}, the day voting closes",
            "cy": f"ar {day}, y diwrnod y mae'r pleidleisio'n cau",
        }[language]
    else:
        when = {
            "en": "on the day voting closes",
            "cy": "ar y diwrnod y mae'r pleidleisio'n cau",
        }[language]
    organisation = facts.organisation
    members = (
        {
            "en": f"You also need to be a member of {organisation}.",
            "cy": f"Mae angen i chi fod yn aelod o {organisation} hefyd.",
        }
        if facts.members_only
        else {
            "en": f"You do not need to be a member of {organisation}.",
            "cy": f"Does dim angen i chi fod yn aelod o {organisation}.",
        }
    )[language]
    words = [
        {
            "en": f"You can vote if you are {ages} {when}. {members}",
            "cy": f"Gallwch bleidleisio os ydych chi'n {ages} {when}. {members}",
        }[language]
    ]
    if facts.areas:
        words.append(
            {
                "en": "You vote only for projects in your own area.",
                "cy": "Dim ond dros brosiectau yn eich ardal chi rydych chi'n pleidleisio.",
            }[language]
            if facts.area_voting == "own"
            else {
                "en": "You can vote for projects in every area.",
                "cy": "Gallwch bleidleisio dros brosiectau ym mhob ardal.",
            }[language]
        )
    return words


def _am(moment: dt.datetime) -> str:
    """'am 9yb', and 'am ganol dydd': "am" softens the word after it."""
    words = time_words(moment, "cy")
    return f"am {'g' + words[1:] if words.startswith('canol') else words}"


def _dates_words(facts: RoundFacts, language: Language) -> list[str]:
    def day(value: dt.date) -> str:
        return date_words(value, language)

    words: list[str] = []
    if facts.ideas_from:
        words.append(
            {
                "en": f"You can send ideas from {day(facts.ideas_from)}.",
                "cy": f"Gallwch anfon syniadau o {day(facts.ideas_from)} ymlaen.",
            }[language]
        )
    if facts.feasibility_from:
        words.append(
            {
                "en": f"From {day(facts.feasibility_from)}, a panel that includes young "
                "people checks that each idea is legal, can be paid for and fits what the "
                "money is for.",
                "cy": f"O {day(facts.feasibility_from)} ymlaen, mae panel sy'n cynnwys pobl "
                "ifanc yn gwirio bod pob syniad yn gyfreithlon, bod modd talu amdano a'i fod "
                "yn cyd-fynd â'r hyn y mae'r arian ar ei gyfer.",
            }[language]
        )
    if facts.proposals_from:
        words.append(
            {
                "en": f"From {day(facts.proposals_from)}, you can read about the projects "
                "going forward to the vote.",
                "cy": f"O {day(facts.proposals_from)} ymlaen, gallwch ddarllen am y "
                "prosiectau sy'n mynd ymlaen i'r bleidlais.",
            }[language]
        )
    opens, closes = facts.voting_opens_at, facts.voting_closes_at
    if opens is not None and closes is not None:
        words.append(
            {
                "en": f"Voting opens on {day(opens.date())} at {time_words(opens, 'en')} and "
                f"closes on {day(closes.date())} at {time_words(closes, 'en')}.",
                "cy": f"Mae'r pleidleisio'n agor ar {day(opens.date())} {_am(opens)} ac yn "
                f"cau ar {day(closes.date())} {_am(closes)}.",
            }[language]
        )
    else:
        words.append(
            {
                "en": "The dates for voting have not been set yet.",
                "cy": "Nid yw'r dyddiadau pleidleisio wedi'u pennu eto.",
            }[language]
        )
    if facts.results_on:
        words.append(
            {
                "en": f"The results will be published on {day(facts.results_on)}.",
                "cy": f"Bydd y canlyniadau'n cael eu cyhoeddi ar {day(facts.results_on)}.",
            }[language]
        )
    if facts.delivery_from:
        words.append(
            {
                "en": f"Projects that get money start from {day(facts.delivery_from)}.",
                "cy": f"Bydd y prosiectau sy'n cael arian yn dechrau o "
                f"{day(facts.delivery_from)} ymlaen.",
            }[language]
        )
    return words


def _ideas_words(facts: RoundFacts, language: Language) -> list[str]:
    who = [
        name[language]
        for allowed, name in (
            (facts.young_people_may_propose, {"en": "young people", "cy": "pobl ifanc"}),
            (
                facts.groups_may_propose,
                {"en": "groups of young people", "cy": "grwpiau o bobl ifanc"},
            ),
            (facts.organisations_may_propose, {"en": "organisations", "cy": "sefydliadau"}),
        )
        if allowed
    ]
    if not who:
        return []
    return [
        {
            "en": f"Ideas for projects can come from {_and(who, 'en')}.",
            "cy": f"Pwy all gynnig syniadau am brosiectau: {_and(who, 'cy')}.",
        }[language]
    ]


def rules_sections(facts: RoundFacts, language: Language) -> list[Section]:
    """The rules page, section by section, each with its heading."""
    parts = [
        ("money", _money_words(facts, language)),
        ("voting", [*_ballot_words(facts, language), _change_words(facts, language)]),
        (
            "counting",
            _greedy_words(facts, language)
            if facts.rule == "greedy"
            else _equal_shares_words(facts, language),
        ),
        ("who", _who_words(facts, language)),
        ("dates", _dates_words(facts, language)),
        ("ideas", _ideas_words(facts, language)),
    ]
    return [
        Section(key, HEADINGS[key][language], tuple(paragraphs))
        for key, paragraphs in parts
        if paragraphs
    ]


def rules_words(facts: RoundFacts, language: Language) -> list[str]:
    """Every paragraph of the rules, in order, in ``language`` ("en" or "cy")."""
    return [
        paragraph for section in rules_sections(facts, language) for paragraph in section.paragraphs
    ]
