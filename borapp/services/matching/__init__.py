"""Matching a volunteer to a case (koppelen).

- `ranking`: an explainable score per volunteer, with the rules that exclude one (`rank`, `Candidate`)
- `flow`: assigning the chosen volunteer, recording that nobody fits, exclusions per case
"""
