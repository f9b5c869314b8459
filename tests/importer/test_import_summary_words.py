"""The import summary's headings say what the lines under them are."""

from borapp.services.importer.report import ImportReport, Problem
from borapp.services.importer.summary import summary_lines


def test_the_warnings_heading_does_not_say_everything_under_it_was_imported():
    """"Waarschuwingen (geïmporteerd zoals opgegeven)" stood above "the older date … is not taken"."""
    report = ImportReport(kind="volunteers")
    report.warnings.append(Problem(3, "vog_date", "De oudere datum 1 maart 2020 is niet overgenomen."))
    lines = summary_lines(report)
    assert "Waarschuwingen (elk zegt wat is overgenomen of weggelaten):" in lines
    assert not any("zoals opgegeven" in line for line in lines)
