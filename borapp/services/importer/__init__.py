"""Importing cases and volunteers from a spreadsheet (CSV or XLSX), and the templates to fill in.

    report = import_file(vault, "cases", path, skip_invalid=False, actor="")   # writes, all or nothing
    report = parse_file("cases", path, vault)                                 # a dry run: same report, no writes
    text = write_template("volunteers")                                        # CSV with one example row
    save_template("cases", path)                                               # XLSX (path *.xlsx) or CSV

Identity: cases by case number, volunteers by name; organisations, municipalities and coordinators by name (created
when new). On an update an empty cell keeps what the vault has; a case's children are replaced by the row's.
"""

from borapp.services.importer.pipeline import KINDS, import_file, parse_file
from borapp.services.importer.reading import check_file
from borapp.services.importer.report import ImportReport, Problem
from borapp.services.importer.template import save_template, write_template

__all__ = ["KINDS", "ImportReport", "Problem", "check_file", "import_file", "parse_file", "save_template",
           "write_template"]
