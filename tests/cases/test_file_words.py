"""Why a file could not be read or written, in the user's words: the system's own text ("No such file or
directory", "Is a directory") stood in English in the Dutch app."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from borapp.services.cases.attachments import read_upload
from borapp.services.errors import BorError, os_reason
from borapp.services.vault.backups import write_problem


@pytest.mark.parametrize("name", ["weg.pdf", "."])
def test_a_file_that_cannot_be_read_is_said_in_dutch(tmp_path, name):
    with pytest.raises(BorError) as refused:
        read_upload(tmp_path / name)
    text = str(refused.value)
    assert text.startswith("Het bestand kon niet worden gelezen: ") and "directory" not in text.lower(), text
    assert ("bestaat niet" in text) if name != "." else ("map" in text)


def test_every_known_reason_is_dutch_and_an_unknown_one_names_its_kind():
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "er is geen toestemming"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert "OSError" in os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert "link" not in write_problem(Path("/stick"), OSError(errno.EXDEV, "Invalid cross-device link"))


def test_a_size_of_one_byte_is_one_byte_and_a_limit_says_it_is_allowed():
    """"1 bytes" was shown for a one-byte file, and "Houd dit onder de 200 tekens." refused 201 while 200 is fine."""
    from borapp.services.cases.attachments import size_text
    from borapp.services.organisations.referrers import OrganisationInput, problems

    assert (size_text(1), size_text(2)) == ("1 byte", "2 bytes")
    assert not problems(OrganisationInput(name="Rechtbank", kind="court", contact_person="x" * 200))
    assert problems(OrganisationInput(name="Rechtbank", kind="court", contact_person="x" * 201)) == {
        "contact_person": "Hoogstens 200 tekens."}
