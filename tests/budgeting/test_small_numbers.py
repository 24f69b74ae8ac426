"""Turnout's small numbers: nothing under 10 is shown, nor can be worked out from the total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alongside.budgeting.small_numbers import SMALLEST_SHOWN, Shown, suppress, total_cell

counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)


@given(counts)
def test_no_number_under_10_is_shown_nor_can_be_worked_out(values: list[int]) -> None:
    cells = suppress([(str(i), n) for i, n in enumerate(values)])
    assert [cell.count for cell in cells] == values
    for cell in cells:
        assert (cell.shown is Shown.FEWER_THAN_10) == (cell.count < SMALLEST_SHOWN)
        if cell.shown is Shown.NUMBER:
            assert cell.number is not None
            assert cell.number >= SMALLEST_SHOWN
        else:
            assert cell.number is None
    # The total take away what is shown is what is hidden: never fewer than 10, unless the
    # total itself is hidden too.
    hidden = sum(cell.count for cell in cells if cell.number is None)
    if hidden:
        assert hidden >= SMALLEST_SHOWN or total_cell(sum(values)).number is None


@given(counts)
def test_only_as_many_are_hidden_as_need_be(values: list[int]) -> None:
    cells = suppress([(str(i), n) for i, n in enumerate(values)])
    extra = [cell for cell in cells if cell.shown is Shown.NOT_SHOWN]
    small = sum(cell.count for cell in cells if cell.shown is Shown.FEWER_THAN_10)
    if not any(n < SMALLEST_SHOWN for n in values):
        assert not extra
    # Each extra one was needed: without the last (largest) of them, too little was hidden.
    if extra:
        largest = max(cell.count for cell in extra)
        assert small + sum(cell.count for cell in extra) - largest < SMALLEST_SHOWN


def test_a_table_with_one_small_number_hides_the_next_smallest() -> None:
    cells = suppress([("11-13", 3), ("14-16", 40), ("17-19", 12)])
    assert [cell.shown for cell in cells] == [Shown.FEWER_THAN_10, Shown.NUMBER, Shown.NOT_SHOWN]
    assert total_cell(55).number == 55
    assert total_cell(9).number is None
