"""The format of a file to write, from `--format` or else from the name given to `--out`: `--out jaar.pdf` without
`--format` wrote JSON into a file named .pdf, which no PDF reader opens."""

from __future__ import annotations

from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import UsageError


def chosen_format(fmt: str | None, out: Path | None, formats, default: str) -> str:
    """`--format` when given, else the known extension of `--out`, else `default`; a `--format` that another
    known extension contradicts is refused before anything is asked or written."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    if fmt is None:
        return suffix if suffix in formats else default
    if suffix in formats and suffix != fmt:
        raise UsageError(_("--format {format} does not match the file name {name}: leave --format out, or give a "
                           "file name ending in .{format}.").format(format=fmt, name=out.name))
    return fmt
