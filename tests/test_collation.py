"""Names in the order a Dutch reader looks for them, in Python sorts and in the vault's SQL (borapp.collation)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from borapp.collation import natural, sort_key
from borapp.services.cases.listing import filter_options
from borapp.services.intake.flow import municipality_choices
from borapp.models import Municipality

NAMES = ["Zoë de Wit", "Élise Bakker", "emma Visser", "Özlem Yılmaz", "Oscar Mulder", "Elise Bakker", "Şükrü Kaya"]
ORDER = ["Elise Bakker", "Élise Bakker", "emma Visser", "Oscar Mulder", "Özlem Yılmaz", "Şükrü Kaya", "Zoë de Wit"]


def test_accents_and_capitals_do_not_move_a_name():
    assert sorted(NAMES, key=sort_key) == ORDER
    assert sorted(NAMES) != ORDER  # Python's own order puts É, Ö and Ş after Z


@given(st.lists(st.text(max_size=12), max_size=12))
def test_the_order_is_total_and_ignores_accents(texts):
    ordered = sorted(texts, key=sort_key)
    assert sorted(reversed(texts), key=sort_key) == ordered  # ties are broken by the text: no order from the input
    for text in texts:
        bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        assert sort_key(text)[0] == sort_key(bare)[0]


def test_dropdowns_from_the_vault_use_the_same_order(workspace):
    with workspace.session() as session:
        session.add_all(Municipality(name=name) for name in ("Zaanstad", "Edam-Volendam", "Ölst", "Éénhoorn", "amstelveen"))
    expected = ["amstelveen", "Edam-Volendam", "Éénhoorn", "Ölst", "Zaanstad"]
    assert [m.label for m in filter_options(workspace).municipalities] == expected
    assert [m.name for m in municipality_choices(workspace, 2026)] == expected


@given(st.integers(0, 10**30), st.integers(0, 10**30), st.sampled_from(["", "0", "00"]))
def test_numbers_in_a_case_number_count_by_their_value(a, b, zeros):
    """BOR-2021-1000 after BOR-2021-999 and 101, for any number of digits and leading zeros."""
    if a < b:
        assert natural(f"BOR-2021-{zeros}{a}") < natural(f"BOR-2021-{b}")
    assert natural(f"BOR-{a}-{b}") < natural(f"BOR-{a + 1}-0") and natural("bor-2021-7") == natural("BOR-2021-007")
