"""The intake: what the intake wizard gathers, its rules per step, duplicates, the summary, and the new case.

- `answers.IntakeInput` and its draft form (`to_dict` / `from_dict`); `checks.validate_step`
- `duplicates.find_duplicates`; `summary` (the answers read back); `flow.create_intake` (the case and its letter)
"""
