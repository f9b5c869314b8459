"""Referrer organisations: the referrers and commissioning parties cases name (a court, a neighbourhood team, a
municipality, ...), with the person to write to and where letters go.

- `addresses`: a postal address as stored (one line each, "Straat 12\\n1234 AB Plaats") and as an address block.
- `referrers`: the list, the checks and saving behind Settings → Referrers, the intake and the case file.
"""
