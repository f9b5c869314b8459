"""The format of a file to write, from `--format` or else from the name given to `--out`: `--out jaar.pdf` without
`--format` wrote JSON into a file named .pdf, which no PDF reader opens."""

from __future__ import annotations

from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import UsageError


def chosen_format(fmt: str | None, out: Path | None, formats, default: str) -> str:
    """`--format` when given, else the extension of `--out`, else `default`; an extension it cannot write, and a
    `--format` that another known extension contradicts, are refused before anything is asked or written."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    if fmt is None:
        if suffix and suffix not in formats:  # "--out r.doc" wrote JSON into a file a word processor cannot open
            raise UsageError(_("{name}: BOR Desk writes {endings}. Give a file name with one of those endings, or "
                               "--format.").format(name=out.name, endings=", ".join(f".{f}" for f in formats)))
        return suffix or default
    if suffix in formats and suffix != fmt:
        raise UsageError(_("--format {format} does not match the file name {name}: leave --format out, or give a "
                           "file name ending in .{format}.").format(format=fmt, name=out.name))
    return fmt
