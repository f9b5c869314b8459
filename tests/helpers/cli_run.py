"""The command line run as a person runs it: its exit code and what it printed, never a traceback."""

from __future__ import annotations

from borapp.cli import main


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """`borapp *argv` (paths and numbers as text): (exit code, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
