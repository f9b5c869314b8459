"""Erasing in the app, as the coordinator does it: the reason keeps no name of the family, and afterwards a message
says the case is gone, which backups still hold it and which exported letters of it are still on disk, and offers
to delete those."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from borapp.i18n import set_language
from borapp.models import Case, Erasure
from borapp.services import settings
from borapp.services.outbox import export
from borapp.services.outbox import letters as outbox_letters
from borapp.services.privacy import erasure
from borapp.services.vault import backups
from borapp.ui.pages.cases.cases_page import CasesPage
from tests.helpers.outbox_support import add_referred_case, stand_in  # noqa: F401 - fixture

REF = "BOR-2026-005"
WALKERS_REASON = "Verzoek van moeder Quirina Zwavelstok (AVG art. 17)"


@pytest.fixture
def family(workspace):
    """The walker's family: the mother's and the child's names, a colleague's case beside it."""
    case_id = add_referred_case(workspace, REF)
    add_referred_case(workspace, "BOR-2026-006")
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.parent("resident").name = "Quirina Zwavelstok"
        case.parent("other").name = "Bartholomeus van der Knipperdolling"
        case.children[0].name = "Fenneke Knipperdolling"
    return case_id


@pytest.fixture
def page(qtbot, workspace, family):
    page = CasesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.refresh()
    page.open_case_file(family)
    return page


def erase_by_hand(qtbot, page, reason: str):
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    qtbot.mouseClick(dialog.reason, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, reason)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.confirm, REF)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    return box


def kept_reason(workspace) -> str:
    with workspace.session() as session:
        return session.scalar(select(Erasure.reason).where(Erasure.case_ref == REF))


def test_the_reason_typed_keeps_no_name_of_the_family(qtbot, page, workspace):
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    hint = box.dialog.names_left_out
    assert hint.isVisible() and "namen" in hint.text(), hint.text()
    box.dialog.reject()
    erase_by_hand(qtbot, page, WALKERS_REASON)
    assert kept_reason(workspace) == "Verzoek van moeder (verzorgende ouder) (AVG art. 17)"


@pytest.mark.parametrize(("typed", "kept"), [
    ("Zwavelstok wil het, ZWAVELSTOK ook", "(verzorgende ouder) wil het, (verzorgende ouder) ook"),
    ("vader Van der Knipperdolling stemt in", "vader (uitwonende ouder) stemt in"),
    ("Bartholomeus en Quirina", "(uitwonende ouder) en (verzorgende ouder)"),
    ("op verzoek van Fenneke", "op verzoek van (kind)"),
    ("verzoek van de ouder, zie brief", "verzoek van de ouder, zie brief"),  # no name: as typed
])
def test_names_and_their_parts_leave_the_reason(workspace, family, typed, kept):
    erasure.erase_case(workspace, REF, typed, confirm=REF)
    assert kept_reason(workspace) == kept


def test_a_restore_leaves_the_names_out_of_a_reason_kept_before(workspace, family):
    """A tombstone of an older version held the names: erased again from a backup, it is kept without them."""
    with workspace.session() as session:
        erasure.carry_erasures(session, [(REF, "2026-12-01T10:00:00", WALKERS_REASON, "Carla", "")])
    assert kept_reason(workspace) == "Verzoek van moeder (verzorgende ouder) (AVG art. 17)"


@pytest.fixture
def exported(workspace, family, tmp_path, stand_in):  # noqa: F811 - fixture
    """Both cases' letters exported to the outbox folder, and a backup made before the erasure."""
    for case_id in (family, family + 1):
        outbox_letters.new_letter(workspace, case_id, "closing")
    folder = tmp_path / "uitgaand"
    result = export.export_ready(workspace, folder)
    assert len(result.exported) == 2
    held = tmp_path / "backups"
    held.mkdir()
    (held / f"{backups.PREFIX}2026-12-01{backups.SUFFIX}").write_bytes(b"x")
    settings.write_settings(workspace, {"backup.folder": str(held)})
    return folder


def test_after_erasing_the_app_says_what_still_holds_the_case_and_deletes_its_files(qtbot, page, workspace,
                                                                                     exported):
    box = erase_by_hand(qtbot, page, "verzoek van de ouder")
    said = box.erased_message
    assert said.isVisible() and not page.showing_case_file()
    assert f"Dossier {REF} is gewist" in said.text(), said.text()
    text = said.informativeText()
    assert f"{backups.PREFIX}2026-12-01{backups.SUFFIX}" in text, text
    mine = sorted(exported.glob(f"{REF}-*"))
    assert len(mine) == 2 and all(str(path) in text for path in mine), text
    assert "BOR-2026-006" not in text
    qtbot.mouseClick(said.delete_button, Qt.MouseButton.LeftButton)
    assert not list(exported.glob(f"{REF}-*")), "the case's exported files are still there"
    assert len(list(exported.glob("BOR-2026-006-*"))) == 2, "another family's files went too"


def test_the_message_in_english_and_without_files(qtbot, page, workspace):
    set_language("en")
    box = erase_by_hand(qtbot, page, "request of the parent")
    said = box.erased_message
    assert said.isVisible() and said.text() == f"Case {REF} is erased; a tombstone without names remains."
    assert said.delete_button is None and said.informativeText() == ""
