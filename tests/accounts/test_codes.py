"""Short codes read aloud across a youth club: generated from a safe alphabet, typed forgivingly."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.accounts.codes import ALPHABET, digest, new_code, new_token, normalise_code

fast = settings(deadline=None)

groups_of_four = st.lists(
    st.text(alphabet=ALPHABET, min_size=4, max_size=4), min_size=1, max_size=4
).map("-".join)


@st.composite
def typed_by_a_person(draw: st.DrawFn, code: str) -> str:
    """The code as someone might type it: any case, with spaces, dashes or nothing between."""
    letters = code.replace("-", "")
    typed = draw(st.sampled_from(["", " ", "  "]))
    for position, letter in enumerate(letters):
        typed += letter.lower() if draw(st.booleans()) else letter
        if position < len(letters) - 1:
            typed += draw(st.sampled_from(["", "", " ", "-", " - "]))
    return typed + draw(st.sampled_from(["", " ", "\t", "\n"]))


def test_the_alphabet_has_no_look_alike_characters():
    assert not set(ALPHABET) & set("0O1IL5S")
    assert len(set(ALPHABET)) == len(ALPHABET)


@fast
@given(groups=st.integers(1, 5), size=st.integers(1, 8))
def test_new_code_uses_only_the_alphabet_in_dashed_groups(groups, size):
    code = new_code(groups=groups, size=size)
    parts = code.split("-")
    assert len(parts) == groups
    assert all(len(part) == size for part in parts)
    assert set("".join(parts)) <= set(ALPHABET)


def test_new_code_default_looks_like_abcd_2345():
    for _ in range(200):
        assert re.fullmatch(f"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", new_code())


@fast
@given(st.text())
def test_normalise_code_is_idempotent(raw):
    once = normalise_code(raw)
    assert normalise_code(once) == once


@fast
@given(st.data(), groups_of_four)
def test_normalise_code_accepts_any_case_spaces_and_missing_dashes(data, code):
    # Given a code and the way someone typed it
    typed = data.draw(typed_by_a_person(code), label="typed")
    # Then it normalises to the code itself
    assert normalise_code(typed) == code


@fast
@given(groups=st.integers(1, 4))
def test_normalise_code_keeps_every_generated_code_as_it_is(groups):
    code = new_code(groups=groups)
    assert normalise_code(code) == code
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert normalise_code(code.replace("-", "")) == code


def test_normalise_code_examples():
    assert normalise_code("abcd efgh") == "ABCD-EFGH"
    assert normalise_code(" abcdefgh ") == "ABCD-EFGH"
    assert normalise_code("ABCD--EFGH") == "ABCD-EFGH"
    # Not a whole number of groups: returned without dashes, so it simply does not match
    assert normalise_code("abc") == "ABC"
    assert normalise_code("") == ""
    assert normalise_code(" - ") == ""


def test_digest_is_a_stable_sha256_hex():
    assert digest("ABCD-EFGH") == digest("ABCD-EFGH")
    assert digest("ABCD-EFGH") != digest("ABCD-EFGJ")
    assert re.fullmatch("[0-9a-f]{64}", digest("x"))


def test_new_token_is_long_and_url_safe():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{40,}", token) for token in tokens)
