"""A request for access gives everything on the person, or says what was withheld and why: the intake's motivation,
safety notes and wishes, who brought and collected the child, addenda, hours, why volunteers are kept away — all
were left out without a word. And a child's request is made by a parent: the coordinator names which, and only that
parent's own details go with it; while none is named, neither parent's do."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from borapp.cli import main
from borapp.models import Case, CaseExclusion, CaseHours, Letter, Visit, VisitAddendum, Volunteer
from borapp.services.privacy import access_request
from borapp.services.privacy.access_overview import overview_pdf
from borapp.services.documents.facts import Organisation
from tests.helpers.documents_support import all_text, full_case, set_organisation

SECRET = "Geheimhofje 77"  # the mother's confidential address, typed again in the notes


@pytest.fixture
def case_id(workspace):
    """The walker's family: the mother's address confidential, and every field the export left out filled in."""
    set_organisation(workspace)
    case_id = full_case(workspace, "BOR-2026-005", closed=False)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        mother, father = case.parent("resident"), case.parent("other")
        mother.name, mother.address, mother.postcode, mother.city = "Quirina Zwavelstok", SECRET, "9999 ZZ", "Dorp"
        mother.email, mother.phone, mother.address_confidential = "quirina@geheim.example", "06-99887766", True
        mother.notes = "Moeder wil niet dat vader het adres kent."
        father.name, father.phone, father.notes = "Bart Knipperdolling", "06-11223344", "Werkt in ploegendienst."
        case.motivation = "MOTIVATIE vader wil Fenneke weer zien"
        case.safety = f"VEILIGHEID moeder woont nu {SECRET}"
        case.volunteer_wishes = "WENSEN geen mannelijke begeleider"
        visits = session.scalars(select(Visit).where(Visit.case_id == case_id).order_by(Visit.on)).all()
        held, cancelled = visits[0], next(v for v in visits if v.state == "cancelled")
        held.brought_by, held.collected_by = "BRACHT oma", "HAALDE opa"
        held.others_present, held.volunteer_id = f"ANDEREN buurvrouw van {SECRET}", case.volunteer_id
        held.what_happened = "Samen getekend."
        cancelled.notice_hours, cancelled.cancelled_on = 30, dt.date(2026, 5, 14)
        session.add(VisitAddendum(visit_id=held.id, written_on=dt.date(2026, 4, 6), author="Carla Coördinator",
                                  text="ADDENDUM vader was 20 minuten te laat"))
        session.add(CaseHours(case_id=case_id, on=dt.date(2026, 4, 1), kind="talk", minutes=45,
                              note="UREN gesprek met vader"))
        other = Volunteer(name="Willem Weggehouden")
        session.add(other)
        session.flush()
        session.add(CaseExclusion(case_id=case_id, volunteer_id=other.id, reason="UITSLUITING kent vader privé"))
        for role in ("resident", "other"):
            session.add(Letter(case_id=case_id, kind="schedule", parent_role=role, state="sent",
                               recipient_name="x", body=f"Brief aan {role}, {SECRET}"))
    return case_id


def export_for(workspace, who: str, by: str | None = None, withhold=frozenset()):
    subjects = access_request.find_subjects(workspace, who)
    if by is not None:
        subjects = access_request.asked_by(subjects, by)
    choices = access_request.default_choices(subjects[0])
    choices = access_request.Choices(choices.withhold | withhold)
    return access_request.gather(workspace, subjects, choices, "nl")


def test_everything_on_the_case_is_in_the_export(workspace, case_id):
    export = export_for(workspace, "BOR-2026-005:resident")
    case = export.data["cases"][0]
    assert case["case"]["motivation"].startswith("MOTIVATIE") and case["case"]["volunteer_wishes"].startswith("WENSEN")
    assert case["case"]["safety"] == f"VEILIGHEID moeder woont nu {SECRET}", "her own address, to her"
    held = case["visits"][0]
    assert (held["brought_by"], held["collected_by"], held["supervised_by"]) == ("BRACHT oma", "HAALDE opa",
                                                                                   "Victor Vrijwilliger")
    assert held["addenda"] == [{"written_on": "2026-04-06", "written_by": "Carla Coördinator",
                                "text": "ADDENDUM vader was 20 minuten te laat"}]
    cancelled = next(v for v in case["visits"] if v["cancelled_on"])
    assert (cancelled["cancelled_on"], cancelled["notice_hours"]) == ("2026-05-14", "30")
    assert case["hours"] == [{"on": "2026-04-01", "kind": "Gesprekken", "minutes": 45,
                              "note": "UREN gesprek met vader"}]
    assert case["exclusions"] == [{"reason": "UITSLUITING kent vader privé"}]
    assert "Willem" not in json.dumps(export.data, ensure_ascii=False), "a volunteer's name is the volunteer's"
    assert any("vrijwilligers" in w["what"] for w in export.withheld), export.withheld


def test_the_other_parent_reads_them_without_the_confidential_address(workspace, case_id):
    export = export_for(workspace, "BOR-2026-005:other")
    data = json.dumps(export.data, ensure_ascii=False)
    assert "VEILIGHEID moeder woont nu" in data and "ANDEREN buurvrouw van" in data
    assert "Geheimhofje" not in data, "the mother's confidential address reached the father"


def test_withholding_the_notes_withholds_the_addenda_too(workspace, case_id):
    export = export_for(workspace, "BOR-2026-005:other", withhold=frozenset({access_request.NOTES}))
    assert "ADDENDUM" not in json.dumps(export.data, ensure_ascii=False)
    assert any(w["what"].startswith("Aantekeningen bij het omgangsmoment van 4 april 2026") for w in export.withheld)


def test_the_overview_pdf_shows_them_with_their_labels(workspace, case_id, tmp_path):
    export = export_for(workspace, "BOR-2026-005:resident")
    pdf = overview_pdf(export, Organisation("BOR Voorbeeld", "", "", "", "", b""))
    (tmp_path / "overzicht.pdf").write_bytes(pdf)
    shown = all_text(pdf)
    for words in ("Motivatie", "MOTIVATIE", "Veiligheid", "Wensen voor de vrijwilliger", "Gebracht door",
                  "BRACHT oma", "Opgehaald door", "Verder aanwezig", "Begeleid door", "Afgezegd op",
                  "Hoeveel uur van tevoren afgezegd", "Aanvulling", "ADDENDUM vader", "Uren", "UREN gesprek",
                  "Minuten", "Waarom vrijwilligers niet aan het gezin worden gekoppeld", "UITSLUITING kent vader"):
        assert words in shown, words


def test_a_childs_export_with_no_parent_named_gives_neither_parents_details(workspace, case_id):
    export = export_for(workspace, "BOR-2026-005")
    data = json.dumps(export.data, ensure_ascii=False)
    for detail in ("Geheimhofje", "quirina@geheim.example", "99887766", "11223344", "niet dat vader",
                   "ploegendienst", "Brief aan"):
        assert detail not in data, detail
    assert "Moeder wil" not in data
    assert sum("verzorgende ouder" in w["what"] or "uitwonende ouder" in w["what"] for w in export.withheld) == 2


def test_a_childs_export_asked_by_the_father_is_his(workspace, case_id):
    export = export_for(workspace, "Sanne Jansen", by="other")
    data = json.dumps(export.data, ensure_ascii=False)
    assert "06-11223344" in data and "ploegendienst" in data, "his own details"
    for detail in ("Geheimhofje", "quirina@geheim.example", "99887766", "niet dat vader", "Brief aan resident"):
        assert detail not in data, detail


def test_the_dialog_asks_which_parent_asks_for_the_child(qtbot, workspace, case_id, tmp_path, monkeypatch):
    from borapp.ui.pages.cases.privacy.access_export_dialog import AccessExportDialog

    dialog = AccessExportDialog(workspace, "BOR-2026-005")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setFocus()
    QTest.keyClick(dialog.who, Qt.Key.Key_End)  # the whole case, for the child
    assert dialog.who.currentData() == "BOR-2026-005"
    assert dialog.asked_by.isEnabled() and dialog.asked_by.currentData() == ""
    assert not dialog.other_parent.isEnabled()
    dialog.grab().save(str(tmp_path / "none.png"))
    QTest.keyClick(dialog.who, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.asked_by
    QTest.keyClick(dialog.asked_by, Qt.Key.Key_End)  # the non-resident parent, the father
    assert dialog.asked_by.currentText() == "Uitwonende ouder (Bart Knipperdolling)"
    assert dialog.other_parent.isEnabled() and dialog.other_parent.isChecked()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = (tmp_path / "inzage-BOR-2026-005" / "gegevens.json").read_text(encoding="utf-8")
    assert "06-11223344" in written and "99887766" not in written and "Geheimhofje" not in written


def test_the_dialog_without_a_parent_named_gives_neither(qtbot, workspace, case_id, tmp_path, monkeypatch):
    from borapp.ui.pages.cases.privacy.access_export_dialog import AccessExportDialog

    dialog = AccessExportDialog(workspace, "BOR-2026-005")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setFocus()
    QTest.keyClick(dialog.who, Qt.Key.Key_End)  # the whole case, for the child
    qtbot.mouseClick(dialog.other_parent, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.other_parent.height() // 2))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = (tmp_path / "inzage-BOR-2026-005" / "gegevens.json").read_text(encoding="utf-8")
    assert "11223344" not in written and "99887766" not in written and "Geheimhofje" not in written


def test_the_command_line_names_the_parent_asking(workspace, case_id, vault_path, passphrase_file, tmp_path,
                                                  capsys):
    workspace.vault.lock()
    common = ["--vault", str(vault_path), "--passphrase-file", str(passphrase_file)]
    assert main(["privacy", "export", "BOR-2026-005", "--out", str(tmp_path / "none")] + common) == 0
    assert main(["privacy", "export", "BOR-2026-005", "--asked-by", "uitwonend",
                 "--out", str(tmp_path / "father")] + common) == 0
    none = (tmp_path / "none" / "gegevens.json").read_text(encoding="utf-8")
    father = (tmp_path / "father" / "gegevens.json").read_text(encoding="utf-8")
    assert "11223344" not in none and "99887766" not in none
    assert "11223344" in father and "99887766" not in father and "Geheimhofje" not in father
    assert main(["privacy", "export", "BOR-2026-005", "--asked-by", "oma", "--out", str(tmp_path / "x")]
                + common) != 0


def test_a_mistyped_number_to_withhold_exports_nothing(workspace, case_id, vault_path, passphrase_file, tmp_path,
                                                       capsys):
    """--withhold-visit 999999 was taken without a word: the note meant to be withheld went out."""
    with workspace.session() as session:
        visit_id = session.scalar(select(Visit.id).where(Visit.case_id == case_id))
    workspace.vault.lock()
    common = ["--vault", str(vault_path), "--passphrase-file", str(passphrase_file)]
    for option, number in (("--withhold-visit", 999_999), ("--withhold-letter", 999_999),
                           ("--withhold-attachment", 999_999), ("--checked-attachment", 999_999)):
        capsys.readouterr()
        assert main(["privacy", "export", "BOR-2026-005", option, str(number),
                     "--out", str(tmp_path / option)] + common) == 6
        err = capsys.readouterr().err
        assert "999999" in err and "niets geëxporteerd" in err and len(err.strip().splitlines()) == 1, err
        assert not (tmp_path / option).exists()
    assert main(["privacy", "export", "BOR-2026-005", "--withhold-visit", str(visit_id),
                 "--out", str(tmp_path / "ok")] + common) == 0
