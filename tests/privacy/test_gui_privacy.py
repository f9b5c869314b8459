"""The case file's privacy box, as a coordinator uses it: who looked at this file, and a request for access."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QPushButton

from borapp.services.cases.case_file import load_case
from borapp.ui.pages.cases.cases_page import CasesPage
from tests.helpers.documents_support import full_case, set_organisation


@pytest.fixture
def page(qtbot, workspace):
    set_organisation(workspace)
    page = CasesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.refresh()
    return page


def test_who_looked_at_this_file(qtbot, page, workspace):
    case_id = full_case(workspace, confidential="other")
    load_case(workspace, case_id)
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.log_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog.isVisible()
    actions = {dialog.model.data(dialog.model.index(r, 2)) for r in range(dialog.model.rowCount())}
    assert "geopend" in actions
    records = {dialog.model.data(dialog.model.index(r, 3)) for r in range(dialog.model.rowCount())}
    assert "dossier" in records and "case" not in records, records  # the record's kind in words, not its code
    assert all(dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount()))
    dialog.reject()


def test_a_request_for_access_from_the_case_file(qtbot, page, workspace, tmp_path, monkeypatch):
    case_id = full_case(workspace, confidential="other")
    with workspace.session() as session:
        from borapp.models import Visit

        session.query(Visit).filter_by(case_id=case_id, state="held").update({"what_happened": "Sanne lachte veel."})
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog.who.currentData() == "BOR-2026-001:resident" and dialog.other_parent.isChecked()
    assert dialog.who.itemText(0) == "Verzorgende ouder (Petra Jansen)", "by name too, not by role alone"
    qtbot.mouseClick(dialog.notes, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.notes.height() // 2))
    qtbot.keyClicks(dialog.reason, "op advies van de jeugdbeschermer")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "inzage-BOR-2026-001-verzorgend"
    data = json.loads((written / "gegevens.json").read_text(encoding="utf-8"))
    assert "op advies van de jeugdbeschermer" in {w["why"] for w in data["withheld"]}
    assert "Sanne lachte veel" not in (written / "gegevens.json").read_text(encoding="utf-8")
    assert "Zeeweg 12" not in (written / "gegevens.json").read_text(encoding="utf-8")
    assert str(written) in box.result.text()


def test_the_case_file_says_which_files_the_coordinator_must_check_herself(qtbot, page, workspace, tmp_path,
                                                                          monkeypatch):
    """A scan cannot be checked for the father's confidential address: the export leaves it out, and the line after
    the export says so, not only the overview inside it."""
    from borapp.models import Attachment

    case_id = full_case(workspace, confidential="other")
    with workspace.session() as session:
        session.add(Attachment(case_id=case_id, kind="other", filename="scan.jpg", content=b"\xff\xd8\xff jpeg",
                               size=9, mime_type="image/jpeg"))
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(box.dialog.export_button, Qt.MouseButton.LeftButton)
    said = box.result.text()
    assert "niet meegegeven" in said and "1 bestand kon niet worden nagekeken op een geheim adres" in said, said
    assert "#8A5300" in box.result.styleSheet()  # something to act on, not only done
    assert not list((tmp_path / "inzage-BOR-2026-001-verzorgend" / "bestanden").glob("*.jpg"))


def test_the_privacy_settings_as_a_coordinator_sets_them(qtbot, workspace, tmp_path, monkeypatch):
    import datetime as dt

    from sqlalchemy import update

    from borapp.models import Case
    from borapp.services import settings
    from borapp.services.privacy import letter_policy
    from borapp.ui.pages.settings.privacy_tab import PrivacyTab
    from tests.cases.test_case_services import add_case

    old = add_case(workspace, "BOR-2010-001")
    with workspace.session() as session:
        session.execute(update(Case).where(Case.id == old).values(status="closed", closed_on=dt.date(2012, 5, 1)))
    tab = PrivacyTab()
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.load(workspace)
    tab.show()
    assert tab.due_model.rowCount() == 0  # 20 years: not yet
    tab.years.lineEdit().selectAll()
    qtbot.keyClicks(tab.years.lineEdit(), "10")
    tab.small_cells.lineEdit().selectAll()
    qtbot.keyClicks(tab.small_cells.lineEdit(), "8")
    box = tab.kinds["evaluation"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box itself
    save = next(b for b in tab.findChildren(type(tab.record_button)) if b.text() == "Opslaan")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert settings.read_setting(workspace, "privacy.retention_years") == "10"
    assert settings.read_setting(workspace, "privacy.small_cell_threshold") == "8"
    with workspace.session() as session:
        assert "evaluation" not in letter_policy.allowed_kinds(session)
    assert tab.due_model.rowCount() == 1 and tab.due_model.row_at(0).ref == "BOR-2010-001"
    qtbot.mouseClick(tab.reviewed_button, Qt.MouseButton.LeftButton)
    assert settings.read_setting(workspace, "privacy.reviewed_on") == dt.date.today().isoformat()
    target = tmp_path / "register.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF") and "10 jaar" in __import__(
        "tests.helpers.documents_support", fromlist=["all_text"]).all_text(target.read_bytes())
    tab.grab().save("/tmp/i12-privacy-tab.png")


def test_erasing_from_the_case_file_needs_the_number_typed(qtbot, page, workspace):
    from sqlalchemy import select

    from borapp.models import Case

    case_id = full_case(workspace)
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    qtbot.keyClicks(dialog.reason, "verzoek van de moeder")
    qtbot.keyClicks(dialog.confirm, "BOR-2026-00")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "1")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert not page.showing_case_file() and page.case_file.case_id is None
    with workspace.session() as session:
        assert session.scalar(select(Case.id).where(Case.id == case_id)) is None
    assert page.case_file.drafts() == {}


def test_checking_the_access_log_from_settings(qtbot, workspace):
    from sqlalchemy import text

    from borapp.ui.pages.settings.privacy_tab import PrivacyTab

    full_case(workspace)
    load_case(workspace, 1)
    tab = PrivacyTab()
    qtbot.addWidget(tab)
    tab.load(workspace)
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    assert "volledig" in tab.status.text()
    with workspace.session() as session:
        session.execute(text("UPDATE audit_event SET actor = 'iemand' WHERE id = 1"))
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    assert "Regel 1 is veranderd" in tab.status.text()


def _photo() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.qt_log_ignore("Unsupported marker type")  # Qt reading the broken JPEG
def test_a_scan_is_given_once_the_coordinator_has_looked_at_it_and_ticked_it(qtbot, page, workspace, tmp_path,
                                                                            monkeypatch):
    """The request for access lists the files no program can read for the father's address; a tick can only be set
    after the file was shown, and a ticked file goes with the export. One this window cannot show stays unticked."""
    from borapp.models import Attachment

    case_id = full_case(workspace, confidential="other")
    photo = _photo()
    with workspace.session() as session:
        session.add(Attachment(case_id=case_id, kind="other", filename="brief-school.jpg", content=photo,
                               size=len(photo), mime_type="image/jpeg"))
        session.add(Attachment(case_id=case_id, kind="other", filename="kapot.jpg", content=b"\xff\xd8\xff stuk",
                               size=9, mime_type="image/jpeg"))
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    files = box.dialog.files_to_check
    assert files.isVisible()
    ticks = {t.text(): t for t in files.ticks.values()}
    photo_tick, broken_tick = ticks["Bijlage brief-school.jpg (BOR-2026-001)"], ticks["Bijlage kapot.jpg (BOR-2026-001)"]
    assert not photo_tick.isEnabled() and photo_tick.toolTip() == "Bekijk het bestand eerst."
    buttons = {b.accessibleName(): b for b in files.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Bijlage brief-school.jpg (BOR-2026-001) bekijken"], Qt.MouseButton.LeftButton)
    shown = files.viewers[-1]
    assert shown.isVisible() and shown.shows_content
    shown.reject()
    qtbot.mouseClick(buttons["Bijlage kapot.jpg (BOR-2026-001) bekijken"], Qt.MouseButton.LeftButton)
    files.viewers[-1].reject()
    assert photo_tick.isEnabled() and not broken_tick.isEnabled()
    assert "onder Bijlagen" in broken_tick.toolTip()
    qtbot.mouseClick(photo_tick, Qt.MouseButton.LeftButton, pos=QPoint(8, photo_tick.height() // 2))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(box.dialog.export_button, Qt.MouseButton.LeftButton)
    given = [p.read_bytes() for p in (tmp_path / "inzage-BOR-2026-001-verzorgend" / "bestanden").glob("*.jpg")]
    assert given == [photo]
    said = box.result.text()
    assert "1 scan of foto meegegeven omdat u die hebt nagekeken" in said and "1 bestand kon niet" in said, said


def test_a_request_for_access_without_files_to_check_shows_no_such_list(qtbot, page, workspace):
    case_id = full_case(workspace, confidential="other")
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    assert not box.dialog.files_to_check.isVisible() and not box.dialog.files_to_check.ticks
    box.dialog.reject()


def test_scans_shown_for_the_person_chosen_next_are_not_cut(qtbot, page, workspace):
    """Opened for the mother (her own address the confidential one: nothing to look at) and then the father chosen:
    the dialog grew only to its minimum, and the explanation over his scans was cut at the top and bottom, the rows
    squeezed."""
    from borapp.models import Attachment

    case_id = full_case(workspace, confidential="resident")
    photo = _photo()
    with workspace.session() as session:
        for name in ("brief-school.jpg", "foto-overdracht.jpg", "beschikking-scan.jpg"):
            session.add(Attachment(case_id=case_id, kind="other", filename=name, content=photo, size=len(photo),
                                   mime_type="image/jpeg"))
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    dialog, files = box.dialog, box.dialog.files_to_check
    assert not files.isVisible()
    dialog.who.setFocus()
    QTest.keyClick(dialog.who, Qt.Key.Key_Down)  # the non-resident parent
    intro = files.grid.itemAtPosition(0, 0).widget()
    rows = [files.grid.itemAtPosition(row, column).widget() for row in (1, 2, 3) for column in (0, 1)]

    def whole() -> None:  # a wrapped label's size hint is its height at the width it has
        assert intro.isVisible() and intro.height() >= intro.heightForWidth(intro.width()) > 0, intro.geometry()
        assert all(w.height() >= w.sizeHint().height() for w in rows), \
            [(w.height(), w.sizeHint().height()) for w in rows]

    qtbot.waitUntil(whole)
    height = dialog.height()
    QTest.keyClick(dialog.who, Qt.Key.Key_Down)  # the whole case: the same scans, listed anew
    intro = files.grid.itemAtPosition(0, 0).widget()
    rows = [files.grid.itemAtPosition(row, column).widget() for row in (1, 2, 3) for column in (0, 1)]
    qtbot.waitUntil(whole)
    assert dialog.height() == height, "the same list, the same height"
    dialog.reject()


def test_the_erase_dialog_says_a_team_loses_the_case_on_every_laptop(qtbot, page, workspace):
    from borapp.services import settings

    case_id = full_case(workspace)
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    assert box.dialog.team.isHidden(), "alone, there is no team to tell of"
    box.dialog.reject()
    settings.write_settings(workspace, {"sync.device": "laptop-anna"})  # as joining a team leaves it
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    words = box.dialog.team.text()
    assert box.dialog.team.isVisible() and "elke laptop van het team" in words, words


@pytest.mark.parametrize("button", ["log_button", "export_button", "erase_button"])
def test_a_privacy_dialog_closed_is_gone_not_piled_up(qtbot, page, workspace, button):
    """Each click made a new dialog and none was ever deleted: they piled up, with the reasons typed in them, until
    the app locked."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    page.open_case_file(full_case(workspace))
    box = page.case_file.show_tab("timeline").privacy
    for _round in range(3):
        qtbot.mouseClick(getattr(box, button), Qt.MouseButton.LeftButton)
        assert box.dialog.isVisible()
        QTest.keyClick(box.dialog, Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert box.findChildren(QDialog) == [] and box.dialog is None
