"""Supervised visits (omgangsmomenten).

- `records`: planning a series, recording a visit as held or cancelled (by whom), deleting one, and the counts
"""
