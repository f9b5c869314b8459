"""argparse's own words (usage, errors) in the user's language, from our catalog.

argparse looks its texts up through the name `_` in its module; pointing that at our gettext makes `--help` and
usage errors Dutch like the rest of the command line. The texts are listed here so the catalog extracts them.
"""

from __future__ import annotations

import argparse

from borapp.i18n import N_, _, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("%(prog)s: error: %(message)s\n"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"), N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    argparse._ = _
    argparse.ngettext = ngettext
