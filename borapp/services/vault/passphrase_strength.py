"""A plain strength hint for a new passphrase: length and variety, in words a coordinator understands."""

from __future__ import annotations

import math

from borapp.i18n import _


def strength(passphrase: str) -> tuple[int, str]:
    """Score 0–4 with a one-line hint."""
    if len(passphrase) < 8:
        return 0, _("Too short: use at least 8 characters, better a few unrelated words.")
    pool = sum(size for present, size in (
        (any(c.islower() for c in passphrase), 26), (any(c.isupper() for c in passphrase), 26),
        (any(c.isdigit() for c in passphrase), 10), (any(not c.isalnum() for c in passphrase), 33),
    ) if present)
    bits = len(passphrase) * math.log2(max(pool, 2))
    if len(set(passphrase)) <= 3:
        bits = min(bits, 20)
    if bits < 45:
        return 1, _("Weak: add another word or two.")
    if bits < 65:
        return 2, _("Fair: one more word makes it strong.")
    if bits < 90:
        return 3, _("Strong.")
    return 4, _("Very strong.")
