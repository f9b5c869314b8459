"""Reports for outside the organisation hide counts under the threshold, a hidden cell cannot be worked out from the
total and the other cells, and what a hidden cell says is true."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from borapp.services.privacy.small_cells import is_hidden, suppress_breakdown


def test_small_counts_are_hidden_and_zero_and_the_rest_stay():
    out = suppress_breakdown({"Bergen": 3, "Alkmaar": 20, "Den Helder": 8, "Texel": 0, "Hoorn": 2}, 5)
    assert out == {"Bergen": "<5", "Alkmaar": 20, "Den Helder": 8, "Texel": 0, "Hoorn": "<5"}


def test_a_second_cell_hidden_so_the_first_does_not_follow_from_the_total_says_x_when_it_is_not_small():
    """"<5" for Den Helder's 8 was untrue; "x" says nothing of the size, and Bergen says "x" too, else the "<5"
    would be told apart from the "x" and follow from the total again."""
    out = suppress_breakdown({"Bergen": 3, "Alkmaar": 20, "Den Helder": 8}, 5)
    assert out == {"Bergen": "x", "Alkmaar": 20, "Den Helder": "x"}


def test_a_zero_is_the_second_cell_only_when_there_is_no_other_and_then_says_x():
    """"<5" is 1 to 4 (the outside PDF says so): a hidden 0 saying "<5" was untrue, and a reader taking it as 1 to 4
    was misled; "x" says nothing of the size."""
    assert suppress_breakdown({"Bergen": 3, "Texel": 0, "Hoorn": 0}, 5) == {"Bergen": "x", "Texel": 0, "Hoorn": "x"}


def test_the_threshold_is_the_organisations_choice():
    assert suppress_breakdown({"a": 7, "b": 9, "c": 30}, 10) == {"a": "<10", "b": "<10", "c": 30}
    assert suppress_breakdown({"a": 7, "b": 9, "c": 30}, 5) == {"a": 7, "b": 9, "c": 30}


def test_hidden_cells_whose_sum_pins_them_down_say_x_or_take_another_cell_with_them():
    """Two "<5" that add up to 8 (the total minus the shown cells) are 4 each: they say "x". Two of 1 are 1 each
    whatever they say, so the next cell is hidden with them."""
    assert suppress_breakdown({"Bergen": 4, "Texel": 4, "Alkmaar": 30}, 5) == {
        "Bergen": "x", "Texel": "x", "Alkmaar": 30}
    assert suppress_breakdown({"Bergen": 1, "Texel": 1, "Alkmaar": 30, "Hoorn": 40}, 5) == {
        "Bergen": "x", "Texel": "x", "Alkmaar": "x", "Hoorn": 40}
    assert suppress_breakdown({"Bergen": 1, "Texel": 2, "Alkmaar": 30}, 5) == {
        "Bergen": "<5", "Texel": "<5", "Alkmaar": 30}


def test_a_breakdown_of_one_cell_is_shown_as_its_total():
    """The total printed beneath it is its count: an "x" would pretend to hide what the total says."""
    assert suppress_breakdown({"Bergen": 3}, 5) == {"Bergen": 3}


def _readings(out: dict, cells: dict) -> dict:
    """What a reader can tell of each hidden cell from the total: the values it can have while the hidden cells
    add up to the total minus the shown ones, each at least 1 (or 0 when that cannot add up) and under 5 for "<5"."""
    hidden = [k for k, v in out.items() if is_hidden(v)]
    total = sum(cells[k] for k in hidden)
    top = {k: 4 if out[k] == "<5" else total for k in hidden}
    low = 1 if len(hidden) <= total <= sum(top.values()) else 0
    return {k: {v for v in range(low, top[k] + 1)
                if low * (len(hidden) - 1) <= total - v <= sum(top[o] for o in hidden if o != k)}
            for k in hidden}


@given(st.dictionaries(st.sampled_from(["Bergen", "Alkmaar", "Texel", "Schagen", "Heiloo", "Castricum"]),
                       st.integers(min_value=0, max_value=40), min_size=2))
def test_no_hidden_cell_can_be_recovered_from_the_total_and_every_hidden_cell_tells_the_truth(cells):
    out = suppress_breakdown(cells, 5)
    hidden = [k for k, v in out.items() if is_hidden(v)]
    assert all(out[k] == cells[k] for k in cells if k not in hidden)
    assert all(k in hidden for k in cells if 0 < cells[k] < 5)
    assert len(hidden) != 1, "a single hidden cell equals the total minus the shown ones"
    assert all(cells[k] < 5 for k in hidden if out[k] == "<5"), "a '<5' that is not under 5"
    assert len({out[k] for k in hidden}) <= 1, "a '<5' beside an 'x' is told apart, and follows from the total"
    if len(hidden) < len(cells):
        assert all(len(values) > 1 for values in _readings(out, cells).values()), "the total pins a hidden cell"
