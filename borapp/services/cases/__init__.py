"""Cases (dossiers): the list, one case file, editing it, moving it through its statuses, and what hangs off it.

- `listing`: the case list, filtered, sorted and paged in SQL; `search_index`: FTS5 over names and notes
- `case_file.load_case`: one case as plain facts for the screen; `editing`: family, referral, agreements, notes
- `status` (the state machine, its outcomes and reasons), `flow.change_status` (the only way a status changes),
  `steps` (the next step offered), `actions` (steps and hand-overs from the UI), `timeline`, `labels`
- `evaluations`, `attachments` (kept inside the vault) and `letters` (the case's letters, read-only)
"""
