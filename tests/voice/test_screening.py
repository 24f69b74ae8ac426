"""Screening holds text with contact details or words that may be a disclosure of harm, and
lets ordinary words through (voice/screening.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.voice.screening import HARM_PHRASES, Reason, screen

CONTACT = Reason.CONTACT_DETAILS
HARM = Reason.POSSIBLE_HARM


@pytest.mark.parametrize(
    "text",
    [
        # UK mobiles and landlines, as people write them
        "text me on 07700 900123",
        "my number 07700900123",
        "call 07700-900-123 after school",
        "ring +44 7700 900123",
        "+447700900123",
        "0044 7700 900 123",
        "(020) 7946 0958",
        "020 7946 0958",
        "01632 960 123",
        "+44 (0)20 7946 0958",
        # international
        "+1 202 555 0143",
        "+33 1 23 45 67 89",
        "202-555-0143",
        "(202) 555-0143",
        # email addresses, also spelt out
        "email me sam.rivers99@example.com",
        "sam_r@school.sch.uk",
        "sam at gmail dot com",
        "sam (at) example (dot) org",
        "sam[at]example.co.uk",
        "it's on my hotmail.com one",
        # addresses and postcodes
        "I live at 12 Acacia Road",
        "come to 4b Mill Lane",
        "SW1A 1AA",
        "near m1 1ae",
        "CF10 3AT is where",
        # social handles
        "add me @sam_rivers",
        "my snap is samr2011",
        "My insta: sam.r",
    ],
)
def test_contact_details_are_held(text: str) -> None:
    # Given words with a way to reach someone, Then they are held for contact details
    assert screen(text) == CONTACT


@pytest.mark.parametrize(
    "text",
    [
        "my dad hits me when he is angry",
        "Someone TOUCHED ME at the bus stop",
        "sometimes I want to die",
        "I think about how to kill myself",
        "I am not safe at home",
        "I don't feel safe there",
        "I don’t feel safe there",
        "I dont feel safe",
        "I self-harm",
        "i self  harm sometimes",
        "he keeps hurting me",
        # harm wins over contact details: it is the more urgent
        "he hurt me, my number is 07700 900123",
    ],
)
def test_words_that_may_be_a_disclosure_of_harm_are_held(text: str) -> None:
    assert screen(text) == HARM


@pytest.mark.parametrize(
    "text",
    [
        "We need more benches in the park",
        "The youth club should open on Sundays",
        "I scored 3 goals in the park",
        "It costs £1,000,000 to build a skate park",
        "The bus comes at 7.30 and 8.15",
        "Year 9 and year 10 want the same",
        "meet @ the club at 5",
        "The meeting on 12/05/2026 was good",
        "We met at school. It was fun",
        "behind the shelter there are 2 bins",
        "it hit home when they listened",
        "my brother beat me at fifa",
        "my phone is broken",
        "my scissors are blunt",
        "a self-portrait would be nice",
        "I hurt my knee at football",
        "",
    ],
)
def test_ordinary_words_are_not_held(text: str) -> None:
    assert screen(text) is None


def test_every_harm_phrase_is_held_in_any_case() -> None:
    for phrase in HARM_PHRASES:
        assert screen(f"I said {phrase.upper()} yesterday") == HARM, phrase
        assert screen(f"{phrase.capitalize()}.") == HARM, phrase


def test_harm_phrases_match_whole_words_only() -> None:
    # "hit me" inside "white meat" or "shit metal" is not the phrase
    assert screen("white meat and whit mead") is None
    assert screen("chit message") is None


# Properties ---------------------------------------------------------------------------

# Near misses included ("road" without a number, "phone", "self", "me"); words that make a
# hold in some order ("hurt" + "me", "my" + "number" + "is") are not.
ORDINARY_WORDS = [
    "we",
    "want",
    "more",
    "the",
    "park",
    "club",
    "youth",
    "bus",
    "on",
    "in",
    "at",
    "to",
    "and",
    "should",
    "be",
    "open",
    "later",
    "skate",
    "music",
    "food",
    "free",
    "school",
    "friends",
    "safe",
    "feel",
    "home",
    "my",
    "is",
    "it",
    "a",
    "an",
    "i",
    "like",
    "help",
    "me",
    "knee",
    "play",
    "football",
    "games",
    "after",
    "before",
    "road",
    "street",
    "lane",
    "phone",
    "call",
    "text",
    "self",
    "portrait",
]
ordinary_text = st.lists(st.sampled_from(ORDINARY_WORDS), max_size=40).map(" ".join)


def _uk_mobile(digits: str, style: int) -> str:
    number = "7" + digits
    if style == 0:
        return "0" + number
    if style == 1:
        return f"0{number[:4]} {number[4:]}"
    if style == 2:
        return f"+44 {number[:4]} {number[4:]}"
    if style == 3:
        return f"+44{number}"
    return f"0{number[:4]}-{number[4:7]}-{number[7:]}"


uk_mobiles = st.builds(
    _uk_mobile, st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 4)
)
international = st.builds(
    lambda cc, rest: f"+{cc} {rest[:3]} {rest[3:6]} {rest[6:]}",
    st.integers(1, 998),
    st.text(alphabet="0123456789", min_size=8, max_size=10),
)
emails = st.builds(
    lambda user, host, tld: f"{user}@{host}.{tld}",
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._", min_size=1, max_size=12).filter(
        lambda s: s[0].isalnum()
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10),
    st.sampled_from(["com", "org", "co.uk", "net", "sch.uk"]),
)


@given(before=ordinary_text, after=ordinary_text, phone=st.one_of(uk_mobiles, international))
def test_any_text_with_a_phone_number_in_it_is_held(before: str, after: str, phone: str) -> None:
    assert screen(f"{before} {phone} {after}") is not None


@given(before=ordinary_text, after=ordinary_text, email=emails)
def test_any_text_with_an_email_address_in_it_is_held(before: str, after: str, email: str) -> None:
    assert screen(f"{before} {email} {after}") is not None


@given(text=ordinary_text)
def test_text_made_only_of_ordinary_words_is_not_held(text: str) -> None:
    assert screen(text) is None


@given(text=st.text(max_size=300))
def test_screening_never_fails_on_any_text(text: str) -> None:
    assert screen(text) in (None, CONTACT, HARM)


def test_screening_is_pure_python() -> None:
    # It is tested with hypothesis alone, so it imports nothing from Django or the product.
    import ast
    import inspect

    from alongside.voice import screening

    tree = ast.parse(inspect.getsource(screening))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "re", "enum"}, imported
