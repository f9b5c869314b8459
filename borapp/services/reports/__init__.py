"""Reports: the annual report (jaarrapportage) a BOR service hands to its funders, computed from the records.

One module per group of figures, each counting with SQL aggregates (GROUP BY), never case by case:

- `periods`: the year's bounds and each case's state at a year's end (from its dated status history)
- `figures`: the plain values every group returns (`Figure`: a value, its parts, the cases behind it)
- `selection`: which cases stand behind a figure, fetched only when asked (`case_ids`, `case_rows`)
- `case_groups`: the one grouped query over the cases at a year's end that registrations, closings and the open
  cases are summed from
- `registrations`, `closings`, `open_cases`: registrations, cases closed, cases open and the waiting list
- `volunteers`: the pool on 1 January and 31 December, deployable volunteers, trainings and meetings
- `timeliness`: days from registration to the first visit
- `invoicing`: per municipality the trajectories purchased and used, per-trajectory cases to invoice
- `annual`: `annual_report(workspace, year)` puts them together in an `AnnualReport`
- `export_json`, `export_csv`, `export_xlsx`, `pdf` (with `charts`): the report as a file

The cost per trajectory is a section of its own (`costs`, built apart); `AnnualReport.costs` is its place.
"""
