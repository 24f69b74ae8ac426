from hypothesis import given
from hypothesis import strategies as st

from alongside.credits.vouchers import ALPHABET, LENGTH, normalised, voucher_code


def test_a_code_is_two_groups_of_four_unambiguous_letters() -> None:
    for _ in range(200):
        code = voucher_code()
        assert len(code) == LENGTH + 1
        assert code[4] == "-"
        assert set(code.replace("-", "")) <= set(ALPHABET)


def test_the_alphabet_has_no_letters_that_look_alike() -> None:
    assert not set("0O1IL5S2Z") & set(ALPHABET)


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH))
def test_a_code_typed_in_lower_case_with_spaces_is_found(letters: str) -> None:
    code = f"{letters[:4]}-{letters[4:]}"
    typed = " ".join(letters.lower())
    assert normalised(typed) == code
    assert normalised(code) == code
