"""Each import template's example row is written in the words and dates of the template's language, and the importer
takes that row as it stands (only its own name or case number changed, else it is skipped as the example)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from borapp.models import Case, Volunteer
from borapp.services.importer import import_file, save_template
from tests.importer.test_import_cases import get_case

KEY = {"cases": ("VOORBEELD-001", "T-001"), "volunteers": ("Vera Voorbeeld", "Vera Vrijwillig")}
WORDS = {  # what the example row says in each language, and what it must not say there
    ("cases", "nl"): (["rechter", "per traject", "jeugdbescherming", "ja", "Sam Voorbeeld (12-4-2018)", "5-3-2024"],
                      ["court", "per_case", "youth_protection"]),
    ("cases", "en"): (["court decision", "per trajectory", "youth protection", "yes",
                       "Sam Voorbeeld (12-4-2018)", "5-3-2024"], ["rechter", "per_case", "youth_protection"]),
    ("volunteers", "nl"): (["vrouw", "nederlands; engels", "ma-ochtend; za-middag", "15-1-2023"],
                           ["female", "nl; en", "mon-morning"]),
    ("volunteers", "en"): (["female", "Dutch; English", "mon-morning; sat-afternoon", "15-1-2023"],
                           ["vrouw", "nl; en", "ma-ochtend", "nederlands"]),
}


def example_cells(path) -> list[str]:
    if path.suffix == ".xlsx":
        return [str(c.value or "") for c in load_workbook(path).active[2]]
    import csv

    text = path.read_text(encoding="utf-8-sig")
    return next(csv.reader(text.splitlines()[1:], delimiter=";" if ";" in text.splitlines()[0] else ","))


def rename(path, kind: str) -> None:
    """Its own name or case number, every other cell as the template wrote it."""
    example, own = KEY[kind]
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        for cell in book.active[2]:
            if cell.value == example:
                cell.value = own
        book.save(path)
    else:
        path.write_text(path.read_text(encoding="utf-8-sig").replace(example, own), encoding="utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", ["cases", "volunteers"])
def test_the_example_row_is_in_the_templates_words_and_imports_as_it_stands(vault, tmp_path, kind, language, suffix):
    """The English volunteer template wrote the codes 'f' and 'nl; en' and the Dutch 'ma-ochtend'; the cases
    template wrote the children's birth dates as 2018-04-12, unlike every other date."""
    from borapp.i18n import set_language

    set_language(language)
    path = tmp_path / f"template{suffix}"
    save_template(kind, path)
    cells = example_cells(path)
    said, unsaid = WORDS[kind, language]
    assert all(word in cells or any(word in c for c in cells) for word in said), cells
    assert not [c for c in cells if c in unsaid or any(w in c for w in unsaid if " " in w or "_" in w)], cells
    assert not [c for c in cells if re.search(r"\d{4}-\d\d-\d\d", c)], cells
    rename(path, kind)
    report = import_file(vault, kind, path)
    assert report.ok and report.created == 1, report.errors
    assert not report.warnings and not report.unknown_columns and not report.notes
    if kind == "volunteers":
        with vault.session() as session:
            v = session.scalar(select(Volunteer))
            got = (v.name, v.gender, v.languages, v.availability, v.vog_date, v.active)
        assert got == ("Vera Vrijwillig", "f", "nl;en", "mon-morning;sat-afternoon", dt.date(2023, 1, 15), True)
    else:
        case = get_case(vault, "T-001")
        assert (case["route"], case["funding"], case["status"]) == ("court", "per_case", "intake")
        assert case["children"] == [("Noor Voorbeeld", dt.date(2020, 9, 30)), ("Sam Voorbeeld", dt.date(2018, 4, 12))]
        assert [case["parents"][r][3] for r in ("resident", "other")] == [True, False]
        with vault.session() as session:
            stored = session.scalar(select(Case))
            assert (stored.registered_on, stored.referrer.kind) == (dt.date(2024, 3, 5), "youth_protection")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_template_written_before_is_still_known_as_the_example(vault, tmp_path, language):
    """Templates saved before wrote ISO birth dates, 'nl; en' and 'ma-ochtend' in English: their example row is still
    skipped, not imported."""
    from borapp.i18n import set_language
    from tests.importer.test_import_cases import write_csv
    from borapp.services.importer.examples import EXAMPLES

    set_language(language)
    old = dict(EXAMPLES["cases"], children="Sam Voorbeeld (2018-04-12); Noor Voorbeeld (2020-09-30)")
    assert import_file(vault, "cases", write_csv(tmp_path / "c.csv", [old], header=list(old))).created == 0
    old = dict(EXAMPLES["volunteers"], languages="nl; en", availability="ma-ochtend; za-middag", gender="f")
    assert import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [old], header=list(old))).created == 0


@pytest.mark.parametrize(("language", "told"), [("nl", "'ma-ochtend' of 'za-middag'"),
                                                ("en", "'mon-morning' or 'sat-afternoon'")])
def test_a_day_part_not_known_is_told_as_the_template_writes_one(language, told):
    """In English the message asked for 'ma-ochtend', the Dutch words."""
    from borapp.i18n import set_language
    from borapp.services.importer.values import BadValue, parse_availability

    set_language(language)
    with pytest.raises(BadValue) as refused:
        parse_availability("maandagochtendje")
    assert told in str(refused.value)


@pytest.mark.parametrize("lang, example", [("nl", "'nederlands; engels'"), ("en", "'Dutch; English'")])
def test_an_unknown_language_is_refused_with_the_templates_own_words(lang, example):
    """The templates write languages by name; the message asked for "a language code such as 'nl' or 'en'"."""
    from borapp.i18n import set_language
    from borapp.services.importer.values import BadValue, parse_languages

    set_language(lang)
    with pytest.raises(BadValue) as refused:
        parse_languages("Klingons")
    assert example in str(refused.value) and "Klingons" in str(refused.value)
