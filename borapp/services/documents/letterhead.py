"""The organisation's logo for the letterhead: a small PNG or JPEG kept in the vault's settings."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from reportlab.lib.utils import ImageReader

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
    if not _readable(data):  # the letters then went out without a logo, and nobody was told
        raise ValidationError(_("This image is damaged and cannot be read. Choose another file."), "logo")
    return base64.b64encode(data).decode()


def _readable(data: bytes) -> bool:
    """Whether the image decodes whole, as the letters will draw it (a damaged one was accepted by its header)."""
    try:
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
        image.getRGBData()
    except Exception:  # noqa: BLE001 - whatever the decoder raises, the image cannot be used
        return False
    return width > 0 and height > 0


def logo_bytes(encoded: str) -> bytes:
    return base64.b64decode(encoded) if encoded else b""
