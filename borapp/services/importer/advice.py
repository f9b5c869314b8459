"""Where a message sends the user next, as the face that runs the import names it: an option on the command line,
a tick or a choice in the import dialog. The service finds what is wrong; each face says where to act on it.

Each field is a whole message (a msgid marked with N_, translated when used), so a translator sees full sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import N_


@dataclass(frozen=True)
class Advice:
    would_change: str = N_("Case {ref} already exists, and this row would change: {fields}. "
                           "Import with --update to change it, or leave the row out.")
    volunteer_missing: str = N_("Volunteer '{name}' is not in the vault. Import the volunteers first "
                                "('borapp import volunteers FILE'), then this file again.")


COMMAND_LINE = Advice()
