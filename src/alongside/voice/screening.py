"""Screening: does a contribution need a person to look at it before anyone else sees it?

Pure Python (no Django), so it is tested with examples and with hypothesis alone. Two things
hold a contribution:

- **contact details**: a phone number (UK or international, in the ways people write them), an
  email address (also written "name at gmail dot com"), a street address or postcode, or a
  social media handle (``@name``, "my snap is …"). A young person's contact details must never
  be published: someone could use them to reach the child.
- **possible harm**: words that may mean someone is being hurt or wants to hurt themselves
  (``HARM_PHRASES`` below). These go to a person quickly; they are never published on their own.

Screening errs on the side of holding: a false alarm costs a worker a minute, a missed phone
number or disclosure costs much more. It is not a safeguarding decision, only a reason for a
person to look. When both are found, possible harm is the reason given (it is the more urgent).
"""

from __future__ import annotations

import re
from enum import StrEnum


class Reason(StrEnum):
    # The same values as Contribution.HoldReason.
    CONTACT_DETAILS = "contact_details"
    POSSIBLE_HARM = "possible_harm"


# Words that may be a disclosure of harm, matched as whole words, any case, with any spacing.
# Kept short on purpose: each is a phrase a child might write, not a word that is merely sad.
# Add to it with care: each addition holds more ordinary words for a person to read.
HARM_PHRASES: tuple[str, ...] = (
    "hurt me",
    "hurts me",
    "hurting me",
    "hit me",
    "hits me",
    "hitting me",
    "kicks me",
    "touched me",
    "touches me",
    "touching me",
    "abuse me",
    "abused me",
    "abuses me",
    "abusing me",
    "i was abused",
    "want to die",
    "wanna die",
    "wish i was dead",
    "kill myself",
    "killing myself",
    "end my life",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "self harm",
    "self harming",
    "not safe at home",
    "don't feel safe",
    "do not feel safe",
    "scared to go home",
    "afraid to go home",
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def _phrase_pattern(phrase: str) -> str:
    # "self harm" also matches "self-harm" and "self  harm"; "don't" also "dont".
    words = [re.escape(word).replace("'", "'?") for word in phrase.split()]
    return r"\b" + r"[\s\-]+".join(words) + r"\b"


_HARM = re.compile("|".join(_phrase_pattern(p) for p in HARM_PHRASES), re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# "sam at gmail dot com", "sam (at) example (dot) org", "sam[at]example.co.uk"
_EMAIL_SPELT = re.compile(
    r"\b[\w.+\-]+\s*(?:\(at\)|\[at\]|\sat\s)\s*[\w\-]+\s*"
    r"(?:(?:\(dot\)|\[dot\]|\sdot\s)\s*[a-z]{2,}|\.(?:com|co\.uk|org|org\.uk|net|uk)\b)",
    re.IGNORECASE,
)
_MAIL_HOSTS = re.compile(
    r"\b(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|btinternet|aol|proton(?:mail)?)"
    r"\s*(?:\.|dot)\s*(?:com|co|uk|net|me)\b",
    re.IGNORECASE,
)
# A social handle: "@sam_99" (not the middle of an email address, which _EMAIL catches).
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z_][A-Za-z0-9_.]{1,29}")
_HANDLE_SAID = re.compile(
    r"\bmy\s+(?:snap|snapchat|sc|insta|instagram|ig|tiktok|tik\s+tok|discord|whatsapp|"
    r"facebook|fb|number|phone\s+number|mobile\s+number|email|address)\s*"
    r"(?:is\b|=|:)",
    re.IGNORECASE,
)
# A UK postcode: "SW1A 1AA", "m1 1ae", "CF10 3AT".
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Za-z'\-]+\s+){1,3}"
    # Only words that are rarely anything but a street: "3 goals in the park" is not an address.
    r"(?:road|rd|street|avenue|ave|lane|crescent|gardens|terrace|grove|mews|parade)\b",
    re.IGNORECASE,
)
# A run of digits with the separators people put in phone numbers; counted below.
_DIGIT_RUN = re.compile(r"(?<![\w+])(\+)?(\(?\d(?:[ \t.\-()/]{0,2}\d){6,})")
_US_SHAPE = re.compile(r"(?<!\d)\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}(?!\d)")


def _looks_like_phone(text: str) -> bool:
    for match in _DIGIT_RUN.finditer(text):
        plus, run = match.group(1), match.group(2)
        digits = re.sub(r"\D", "", run)
        if "/" in run:  # a date, or a fraction: 12/05/2026
            continue
        if plus == "+" and 8 <= len(digits) <= 15:
            return True
        if digits.startswith("0") and 10 <= len(digits) <= 15:
            return True
    return _US_SHAPE.search(text) is not None


def contact_details_in(text: str) -> bool:
    return any(
        (
            _EMAIL.search(text),
            _EMAIL_SPELT.search(text),
            _MAIL_HOSTS.search(text),
            _HANDLE.search(text),
            _HANDLE_SAID.search(text),
            _POSTCODE.search(text),
            _STREET.search(text),
            _looks_like_phone(text),
        )
    )


def possible_harm_in(text: str) -> bool:
    return _HARM.search(text.translate(_APOSTROPHES)) is not None


def screen(text: str) -> Reason | None:
    """Why this text must wait for a person, or None if nothing was found."""
    if possible_harm_in(text):
        return Reason.POSSIBLE_HARM
    if contact_details_in(text):
        return Reason.CONTACT_DETAILS
    return None
