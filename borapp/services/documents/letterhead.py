"""The organisation's logo for the letterhead: a small PNG or JPEG kept in the vault's settings."""

from __future__ import annotations

import base64
from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import ValidationError

MAX_LOGO_BYTES = 512 * 1024
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def logo_from_file(path: Path) -> str:
    """The logo's bytes, base64-encoded for the `organisation.logo` setting; refuses what is not a small image."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_LOGO_BYTES + 1)
    except OSError:
        raise ValidationError(_("Cannot read {path}.").format(path=path), "logo") from None
    if len(data) > MAX_LOGO_BYTES or not data.startswith(_MAGIC):
        raise ValidationError(_("Choose a PNG or JPEG image smaller than 512 kB."), "logo")
    return base64.b64encode(data).decode()


def logo_bytes(encoded: str) -> bytes:
    return base64.b64decode(encoded) if encoded else b""
