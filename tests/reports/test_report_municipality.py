"""A report for one municipality: each is invoiced with its own figures, so its report holds only its cases (every
table, the cases behind each figure, every export), says whose figures they are, and leaves the volunteer pool (the
organisation's) out with a line saying where it is. Asked for through the service and `borapp report annual
--municipality NAME`; an unknown name is refused with the known ones."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from borapp.cli import main
from borapp.i18n import set_language
from borapp.services.errors import NotFound
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report, cases_behind
from borapp.services.reports.tables_people import all_tables
from tests.reports.test_annual_figures import known  # noqa: F401 - the hand-made vault with known answers


@pytest.fixture(autouse=True)
def _english(_dutch):
    set_language("en")


def test_the_figures_are_the_municipalitys_own(workspace, known):  # noqa: F811
    report = annual_report(workspace, 2019, municipality="den helder ")  # as typed: case and spaces aside
    assert report.municipality == "Den Helder"
    assert report.registrations.total.as_dict() == {"Den Helder": 2}  # A and F, not Hoorn's or E (none)
    assert report.registrations.previous_year.value == 1  # B
    assert report.closed.by_outcome.as_dict() == {"successful": 1, "stagnated": 0, "stopped_at_intake": 1}  # G, B
    assert report.closed_previous_year.by_outcome.value == 0  # H was Hoorn's
    assert report.open_at_year_end.by_registration_year.as_dict() == {"2019": 2}  # A, and F reopened
    assert report.timeliness.started.as_dict() == {"within_month": 0, "later": 1, "not_started": 1}
    assert [r.municipality for r in report.invoicing] == ["Den Helder"]
    assert list(report.costs["by_municipality"]) == ["Den Helder"]
    assert report.costs["closed"]["count"] == 2


def test_every_figure_lists_only_the_municipalitys_cases(workspace, known):  # noqa: F811
    report = annual_report(workspace, 2019, municipality="Den Helder")
    tables = all_tables(report)
    behind = {line.municipality for t in tables for row in t.rows for s in row.selections if s is not None
              for line in cases_behind(workspace, s)}
    assert behind == {"Den Helder"}
    [registrations] = [t for t in tables if t.key == "registrations_per_municipality"]
    [total] = [row for row in registrations.rows if row.kind == "total"]
    assert total.cells[2] == 2 and len(cases_behind(workspace, total.selection(2))) == 2


def test_the_volunteer_pool_is_left_out_with_a_line_saying_why(workspace, known):  # noqa: F811
    tables = {t.key: t for t in all_tables(annual_report(workspace, 2019, municipality="Hoorn"))}
    assert not tables["volunteers"].rows and "organisation's" in tables["volunteers"].note
    assert "trainings_and_meetings" not in tables  # one line for the pool, not the same line under two headings
    whole = {t.key: t for t in all_tables(annual_report(workspace, 2019))}
    assert whole["volunteers"].rows and not whole["volunteers"].note


def test_an_unknown_municipality_is_refused_with_the_known_ones(workspace, known):  # noqa: F811
    with pytest.raises(NotFound, match="There is no municipality 'Helder'. Known municipalities: Den Helder, "
                                         "Hoorn."):
        annual_report(workspace, 2019, municipality="Helder")
    set_language("nl")
    with pytest.raises(NotFound, match="Er is geen gemeente 'Alkmaar'. Bekende gemeenten: Den Helder, Hoorn."):
        annual_report(workspace, 2019, municipality="Alkmaar")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("audience", ["internal", "external"])
def test_every_export_holds_only_the_municipality_and_says_whose(workspace, known, audience):  # noqa: F811
    report = annual_report(workspace, 2019, municipality="Hoorn")
    text = pdf_text(files.render(workspace, report, "pdf", audience))
    cover = PdfReader(io.BytesIO(files.render(workspace, report, "pdf", audience))).pages[0].extract_text()
    assert "Municipality of Hoorn" in cover and "only the cases of the municipality of Hoorn" in cover
    csv_text = files.render(workspace, report, "csv", audience).decode("utf-8-sig")
    assert csv_text.startswith('"Annual report 2019, municipality of Hoorn')  # quoted: an English CSV's ',' in it
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx", audience)))
    cells = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "municipality of Hoorn" in book["Summary"]["A2"].value
    data = json.loads(files.render(workspace, report, "json", audience))
    assert data["municipality"] == "Hoorn"
    for found in (text, csv_text, cells, json.dumps(data)):
        assert "Den Helder" not in found and "No municipality" not in found
        assert "Hoorn" in found


def test_the_dutch_cover_names_the_municipality(workspace, known):  # noqa: F811
    set_language("nl")
    report = annual_report(workspace, 2019, municipality="Den Helder")
    cover = PdfReader(io.BytesIO(files.render(workspace, report, "pdf"))).pages[0].extract_text()
    assert "Gemeente Den Helder" in cover and "Hoorn" not in cover


def run(capsys, vault_path, passphrase_file, *argv):
    code = main(["report", "annual", *argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_makes_one_municipalitys_report(capsys, vault_path, passphrase_file, known):  # noqa: F811
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--municipality", "Den Helder")
    assert code == 0, err
    data = json.loads(out)
    assert data["municipality"] == "Den Helder" and data["registrations"]["by_municipality"] == {"Den Helder": 2}
    assert data["volunteers"] is None


@pytest.mark.parametrize("language, words", [
    ("en", "There is no municipality 'Texel'. Known municipalities: Den Helder, Hoorn."),
    ("nl", "Er is geen gemeente 'Texel'. Bekende gemeenten: Den Helder, Hoorn."),
])
def test_the_cli_names_the_known_municipalities(capsys, vault_path, passphrase_file, known, language,  # noqa: F811
                                                words):
    code, out, err = run(capsys, vault_path, passphrase_file, "--year", "2019", "--municipality", "Texel",
                         "--lang", language)
    assert code == 6 and words in err and not out and "Traceback" not in err  # not found, as an unknown case


def test_outside_a_municipalitys_small_totals_are_hidden_too(workspace, known):  # noqa: F811
    """For all municipalities the totals count no one family and are shown; for Den Helder alone a total of 2
    beside its one row, hidden, gave the row back (and the summary's 1s were that municipality's families)."""
    from borapp.services.reports.audience import tables_for

    report = annual_report(workspace, 2019, municipality="Den Helder")
    shown = [(t.key, row.cells[0], cell) for t in tables_for(report, "external", 5) for row in t.rows
             for cell in row.cells[1:] if isinstance(cell, int) and not isinstance(cell, bool) and 0 < cell < 5]
    assert shown == []
    whole = tables_for(annual_report(workspace, 2019), "external", 5)
    [summary] = [t for t in whole if t.key == "summary"]
    assert any(isinstance(c, int) and 0 < c < 5 for row in summary.rows for c in row.cells[1:])  # as before


def test_outside_a_municipalitys_open_cases_by_year_do_not_give_each_other_away(workspace):
    """Alkmaar at the end of 2019: 6 cases open from 2018, 2 from 2019, 8 open in all. Shown 6 and 8 beside a
    hidden 2 would give the 2 back: the summary's open cases add up to its "open at the end"."""
    from borapp.services.privacy.small_cells import is_hidden
    from borapp.services.reports.audience import tables_for
    from tests.reports.vault_builder import D, add_case, municipality

    with workspace.session() as s:
        alkmaar = municipality(s, "Alkmaar", "purchased", 2019, trajectories=10)
        for day in range(1, 7):
            add_case(s, D(2018, 3, day), municipality_id=alkmaar, funding="purchased",
                     steps=[(D(2018, 4, day), "visits")])
        for day in (1, 2):
            add_case(s, D(2019, 3, day), municipality_id=alkmaar, funding="purchased",
                     steps=[(D(2019, 4, day), "visits")])
    report = annual_report(workspace, 2019, today=D(2020, 2, 1), municipality="Alkmaar")
    [summary] = [t for t in tables_for(report, "external", 5) if t.key == "summary"]
    end = next(r for r, row in enumerate(summary.rows) if row.kind == "subtotal")
    together = [row.cells[1] for row in summary.rows[2:end + 1]]  # open from 2018, from 2019, open in all
    assert sorted(c for c in together if not is_hidden(c)) != [6, 8], together
    assert sum(is_hidden(c) for c in together) != 1, together


def test_outside_a_median_over_fewer_cases_than_the_threshold_is_not_shown(workspace, known):  # noqa: F811
    """Den Helder's one case that started: the median days to the first visit were that family's days."""
    from borapp.services.reports.audience import tables_for
    from borapp.services.reports.tables_people import TIMELINESS_MEDIAN

    report = annual_report(workspace, 2019, municipality="Den Helder")
    inside, outside = ([t for t in tables_for(report, audience, 5) if t.key == "timeliness"][0]
                       for audience in ("internal", "external"))
    assert isinstance(inside.rows[TIMELINESS_MEDIAN].cells[1], (int, float))
    assert outside.rows[TIMELINESS_MEDIAN].cells[1] == "x"
