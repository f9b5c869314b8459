"""Demo vaults full of synthetic, realistic data (never real people). Imported only by the CLI, the screenshot tool
and tests.

- `builder.fill_demo(vault, cases, seed)`, `builder.is_demo_vault`, `builder.remove_demo_vault`
- `plan` (each case's fate and timeline), `cases`, `visits`, `staff`, `people`, `texts`, `rows` (bulk inserts)
- `showcase`: which case a screen shows when one must be open
"""
