"""The annual report's tables on volunteers, on how soon cases started and on invoicing (see `tables`)."""

from __future__ import annotations

from dataclasses import replace

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.reports.labels import funding_label
from borapp.services.reports.periods import counted_to
from borapp.services.reports.scope import POOL_NOTE
from borapp.services.reports.tables import Percent, Row, Table, figure_row


# rows: started within a month and later; the median days to the first visit; the share within a month
TIMELINESS_STARTED, TIMELINESS_MEDIAN, TIMELINESS_SHARE = (0, 1), 3, 4


def people_tables(report) -> list[Table]:
    pool = [_volunteers(report), _meetings(report)]
    if report.municipality:  # the organisation's figures, not the municipality's: one line says where they are
        pool = [Table("volunteers", _("Volunteers, trainings and meetings"), (), (), _(POOL_NOTE))]
    return pool + [_timeliness(report), _invoicing(report)]


def _volunteers(report) -> Table:
    v = report.volunteers
    rows = (
        Row((v.start_of_year.label, v.start_of_year.value)),
        Row((_("Joined during the year"), v.end_of_year.part_value("joined"))),
        Row((_("Left during the year"), v.start_of_year.part_value("left"))),
        Row((v.end_of_year.label, v.end_of_year.value), kind="subtotal"),
        Row((_("Of whom deployable"), v.deployable_end_of_year)),
        Row((_("Growth percentage"), _percent(v.growth_percent))),
        Row((_deployable_growth(report), _percent(v.deployable_growth_percent))),
    )
    return Table("volunteers", _("Volunteers"), ("", str(report.year)), rows)


def _deployable_growth(report) -> str:
    """The 2019 method ("(deployable)" alone read as a halving); a year not over yet counts to the report's day."""
    until = counted_to(report.year, report.made_on)
    if until is None:
        return _("Growth percentage (deployable on 31 December against all on 1 January)")
    return _("Growth percentage (deployable on {date} against all on 1 January)").format(date=long_date(until))


def _percent(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def _meetings(report) -> Table:
    v = report.volunteers
    rows = [Row((p.label, p.value)) for p in v.trainings.parts]
    rows += [Row((_("Volunteers trained"), v.training_attendance.value))]
    for part in v.meetings.parts:
        if part.key == "held":  # case discussions per region, theme evenings, then their sum
            rows += _held_rows(part)
        else:
            rows.append(Row((part.label, part.value)))
    rows += [Row((_("Attendances at the meetings held"), v.meeting_attendance))]
    return Table("trainings_and_meetings", _("Trainings and volunteer meetings"), ("", str(report.year)),
                 tuple(rows))


def _held_rows(held) -> list[Row]:
    discussions, themes = held.part("case_discussion"), held.part("theme")
    rows = [Row((_("Case discussions held: {region}").format(region=r.label), r.value)) for r in discussions.parts]
    rows += [Row((discussions.label, discussions.value), kind="subtotal" if discussions.parts else "row"),
             Row((themes.label, themes.value)), Row((held.label, held.value), kind="subtotal")]
    return rows


def _timeliness(report) -> Table:
    t = report.timeliness
    rows = [figure_row(p) for p in t.started.parts]  # within a month, later, not started: TIMELINESS_STARTED
    rows += [Row((_("Median days from registration to the first visit"), t.median_days)),
             Row((_("Share started within a month (%)"), t.share_within_month))]
    return Table("timeliness", _("From registration to the first visit"), ("", str(report.year)), tuple(rows))


def _invoicing(report) -> Table:
    columns = (_("Municipality"), _("Funding"), _("Purchased"), _("Used"), _("Remaining"),
               _("To invoice"))
    rows = []
    for r in report.invoicing:
        used, per_case = _applies(r.used, r.funding != "per_case"), _applies(r.per_case, r.funding != "purchased")
        rows.append(Row((r.municipality, funding_label(r.funding) if r.funding else "", r.purchased, used,
                         r.remaining, per_case),
                        (None, None, None, r.used_selection if used is not None else None, None,
                         r.per_case_selection if per_case is not None else None)))
    return Table("invoicing", _("Per municipality, for invoicing"), columns, tuple(rows))


def _applies(count: int, funded_so: bool) -> int | None:
    """A count for the other way of funding stays blank when it is 0 ("Used 0" beside "To invoice 2" for a
    municipality that pays per case read as a shortfall); when cases were funded otherwise, it shows."""
    return count if funded_so or count else None


def all_tables(report) -> list:
    from borapp.services.reports.tables import case_tables
    from borapp.services.reports.tables_costs import costs_table

    costs = costs_table(report)
    tables = case_tables(report) + people_tables(report) + ([costs] if costs is not None else [])
    return tables if report.municipality_id is None else [_narrowed(t, report.municipality_id) for t in tables]


def _narrowed(table: Table, municipality_id: int) -> Table:
    """A municipality's report: the cases behind each figure are that municipality's (a total's selection named
    every municipality's)."""
    def narrow(selection):
        if selection is None or selection.municipality_id is not None:
            return selection
        return replace(selection, municipality_id=municipality_id)

    return replace(table, rows=tuple(replace(row, selections=tuple(narrow(s) for s in row.selections))
                                     for row in table.rows))
