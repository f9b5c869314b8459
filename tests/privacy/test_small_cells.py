"""Reports for outside the organisation hide counts under the threshold, and a hidden cell cannot be worked out
from the total and the other cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from borapp.services.privacy.small_cells import suppress


def test_small_counts_are_hidden_and_zero_and_totals_stay():
    report = {"year": 2026, "registrations": {"total": 31, "by_municipality": {"Bergen": 3, "Alkmaar": 20, "Den Helder": 8,
                                                                               "Texel": 0}}}
    out = suppress(report, 5, keep=frozenset({"year", "total"}))
    assert out["year"] == 2026
    assert out["registrations"]["total"] == 31
    by = out["registrations"]["by_municipality"]
    assert by["Bergen"] == "<5" and by["Texel"] == 0 and by["Alkmaar"] == 20
    assert by["Den Helder"] == "<5", "one hidden cell alone could be worked out from the total: the next smallest goes"


def test_the_threshold_is_the_organisations_choice():
    assert suppress({"a": 7, "b": 9, "c": 30}, 10) == {"a": "<10", "b": "<10", "c": 30}
    assert suppress({"a": 7, "b": 9, "c": 30}, 5) == {"a": 7, "b": 9, "c": 30}


def test_percentages_and_medians_are_not_counts():
    assert suppress({"growth_percent": 3.5, "median_days": 2.0}, 5) == {"growth_percent": 3.5, "median_days": 2.0}


@given(st.dictionaries(st.sampled_from(["Bergen", "Alkmaar", "Texel", "Schagen", "Heiloo", "Castricum"]),
                       st.integers(min_value=0, max_value=40), min_size=2))
def test_no_hidden_cell_can_be_recovered_from_the_total(cells):
    out = suppress(cells, 5)
    hidden = [k for k, v in out.items() if v == "<5"]
    assert all(out[k] == cells[k] for k in cells if k not in hidden)
    assert all(0 < cells[k] < 5 or k in hidden for k in cells if 0 < cells[k] < 5)
    assert len(hidden) != 1, "a single hidden cell equals the total minus the shown ones"
