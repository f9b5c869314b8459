"""A request for access: everything about one parent or child, what was withheld listed without its content, and
never the other parent's confidential address — checked in the PDF's text, the JSON and every file."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile

import pytest
from sqlalchemy import select

from borapp.cli import main
from borapp.models import Attachment, AuditEvent, Contract, ContractSignature, Letter, Visit
from borapp.services.errors import NotFound, UsageError
from borapp.services.privacy import access_files, access_request
from tests.helpers.documents_support import all_text, full_case, set_organisation

SECRET = ("Zeeweg 12", "1971 HZ")  # the non-resident parent's confidential address in full_case
NOTE = "Sanne vertelde over haar nieuwe fiets"


def text_pdf(*lines: str) -> bytes:
    """A PDF with text a program can read, as a letter made here or a document saved as PDF is."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for i, line in enumerate(lines):
        page.drawString(72, 760 - 16 * i, line)
    page.save()
    return out.getvalue()


def scan_pdf() -> bytes:
    """A scanned page: only an image, no text to read."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawImage(ImageReader(Image.new("RGB", (40, 60), "white")), 72, 400, 200, 300)
    page.save()
    return out.getvalue()


SIGNED = text_pdf("Overeenkomst BOR, versie 1", "Petra Jansen, Dorpsstraat 1", "Karel Bakker (geheim adres)")
COURT = text_pdf("Beschikking", "De rechtbank bepaalt een begeleide omgang.")


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace)
    case_id = full_case(workspace, confidential="other")
    with workspace.session() as session:
        visit = session.scalars(select(Visit).where(Visit.case_id == case_id, Visit.state == "held")).first()
        visit.what_happened = f"{NOTE}. Vader kwam van de Zeeweg 12 en was op tijd."
        visit.child_voice = "Ik wil vaker komen."
        for role, kind in (("resident", "schedule"), ("other", "schedule"), ("", "closing")):
            session.add(Letter(case_id=case_id, kind=kind, parent_role=role, state="sent", recipient_name="x",
                               pdf=text_pdf(f"Brief {kind} {role}", "Met vriendelijke groet")))
        copy = Attachment(case_id=case_id, kind="contract", filename="getekend.pdf", content=SIGNED, size=len(SIGNED))
        court = Attachment(case_id=case_id, kind="court_decision", filename="beschikking.pdf", content=COURT,
                           size=len(COURT))
        session.add_all([copy, court])
        session.flush()
        contract = Contract(case_id=case_id, version=1, signed_copy_id=copy.id)
        contract.signatures.append(ContractSignature(role="resident", name="Petra Jansen",
                                                     signed_on=dt.date(2026, 3, 22)))
        session.add(contract)
    return case_id


def export_for(workspace, who: str, choices=None):
    subjects = access_request.find_subjects(workspace, who)
    choices = choices or access_request.default_choices(subjects[0])
    export = access_request.gather(workspace, subjects, choices, "nl", on=dt.date(2026, 7, 10))
    return export, access_files.contents(workspace, export)


def _everything(files: dict[str, bytes]) -> str:
    return all_text(files["overzicht.pdf"]) + files["gegevens.json"].decode("utf-8") + " ".join(files)


def test_a_parent_asking_gets_her_data_and_not_the_other_parents(workspace, case_id):
    export, files = export_for(workspace, "Petra Jansen")
    data = json.loads(files["gegevens.json"])
    case = data["cases"][0]
    mine = next(p for p in case["parents"] if p["name"] == "Petra Jansen")
    other = next(p for p in case["parents"] if p["name"] == "Karel Bakker")
    assert mine["address"] == "Dorpsstraat 1" and mine["email"] == "petra@example.nl"
    assert set(other) == {"role", "name"}  # contact details withheld by default
    text = _everything(files)
    for secret in SECRET + ("karel@example.nl",):
        assert secret not in text
    assert NOTE in text  # her own case's notes, the address in them taken out
    assert {w["why"] for w in data["withheld"]} >= {"de privacy van de andere ouder"}
    assert any("Karel" not in w["what"] and "Contactgegevens" in w["what"] for w in data["withheld"])


def test_the_agreed_number_of_visits_is_given_with_its_label(workspace, case_id):
    from borapp.models import Case

    with workspace.session() as session:
        session.get(Case, case_id).agreed_visits = 8
    _export, files = export_for(workspace, "Petra Jansen")
    assert json.loads(files["gegevens.json"])["cases"][0]["agreements"]["agreed_visits"] == "8"
    assert "Aantal omgangsmomenten" in _everything(files)


def test_letters_to_the_other_parent_are_withheld_and_listed(workspace, case_id):
    export, files = export_for(workspace, "BOR-2026-001:resident")
    names = [n for n in files if n.startswith("bestanden/")]
    assert any("omgangsschema" in n for n in names) and any("eindverslag" in n for n in names)
    assert all("Brief schedule other" not in all_text(files[n]) for n in names if n.endswith(".pdf"))
    assert any("Brief" in w["what"] for w in export.withheld)


def test_the_other_parents_confidential_address_is_never_given_even_when_the_coordinator_allows(workspace, case_id):
    choices = access_request.Choices()  # nothing withheld by choice
    export, files = export_for(workspace, "BOR-2026-001:resident", choices)
    text = _everything(files)
    # nor the e-mail and phone that go with it: they reach the parent as well (they went when the coordinator
    # allowed the other parent's contact details)
    for secret in SECRET + ("karel@example.nl",):
        assert secret not in text
    assert any(w["what"] == "Het adres en de contactgegevens van de uitwonende ouder (BOR-2026-001)"
               for w in export.withheld)


def test_the_owner_of_a_confidential_address_gets_it(workspace, case_id):
    _export, files = export_for(workspace, "Karel Bakker")
    parents = json.loads(files["gegevens.json"])["cases"][0]["parents"]
    assert next(p for p in parents if p["name"] == "Karel Bakker")["address"] == "Zeeweg 12"


def test_notes_and_single_items_can_be_withheld_with_a_reason(workspace, case_id):
    with workspace.session() as session:
        court = session.scalar(select(Attachment.id).where(Attachment.filename == "beschikking.pdf"))
    choices = access_request.Choices(frozenset({access_request.NOTES}), attachments=frozenset({court}),
                                     reason="op verzoek van de jeugdbeschermer")
    export, files = export_for(workspace, "Petra Jansen", choices)
    text = _everything(files)
    assert NOTE not in text and "Ik wil vaker komen" not in text and "beschikking.pdf" not in " ".join(files)
    whys = [w["why"] for w in export.withheld]
    assert "op verzoek van de jeugdbeschermer" in whys
    assert any("Aantekeningen bij het omgangsmoment" in w["what"] for w in export.withheld)


def test_files_come_as_they_are_kept(workspace, case_id):
    _export, files = export_for(workspace, "Petra Jansen")
    signed = [n for n in files if "overeenkomst-v1-getekend" in n]
    assert len(signed) == 1 and files[signed[0]] == SIGNED
    assert COURT in files.values()


def test_a_child_can_be_the_subject(workspace, case_id):
    subjects = access_request.find_subjects(workspace, "sanne jansen")
    assert [(s.role, s.name) for s in subjects] == [("child", "Sanne Jansen")]


def test_an_unknown_person_is_not_found(workspace, case_id):
    with pytest.raises(NotFound):
        access_request.find_subjects(workspace, "Niemand Bekend")


def test_the_export_is_written_where_asked_and_logged(workspace, case_id, tmp_path):
    export, _files = export_for(workspace, "Petra Jansen")
    before = set(tempfile.gettempdir() and __import__("os").listdir(tempfile.gettempdir()))
    out = access_files.write_export(workspace, export, tmp_path / "inzage")
    assert sorted(p.name for p in out.iterdir()) == ["bestanden", "gegevens.json", "overzicht.pdf"]
    assert (out / "overzicht.pdf").stat().st_mode & 0o077 == 0
    assert set(__import__("os").listdir(tempfile.gettempdir())) == before
    with pytest.raises(UsageError):  # never over an existing export
        access_files.write_export(workspace, export, tmp_path / "inzage")
    with workspace.session() as session:
        assert session.scalar(select(AuditEvent.case_id).where(AuditEvent.action == "access_export")) == case_id


def test_the_command_line_writes_a_zip(workspace, case_id, vault_path, passphrase_file, tmp_path, capsys):
    workspace.vault.lock()
    out = tmp_path / "inzage.zip"
    code = main(["privacy", "export", "Petra Jansen", "--out", str(out), "--withhold-notes", "--json",
                 "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["cases"] == ["BOR-2026-001"]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        text = archive.read("gegevens.json").decode("utf-8")
    assert "overzicht.pdf" in names and NOTE not in text and "Zeeweg 12" not in text


def test_the_command_line_says_how_many_were_withheld_in_good_dutch(workspace, case_id, vault_path, passphrase_file,
                                                                   tmp_path, capsys):
    """"1 onderdelen niet meegegeven" was plural for one (the other parent's confidential address alone)."""
    workspace.vault.lock()
    code = main(["privacy", "export", "BOR-2026-001:verzorgend", "--give-other-parent", "--out",
                 str(tmp_path / "inzage"), "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out = capsys.readouterr().out
    assert code == 0 and "1 onderdeel niet meegegeven" in out, out


def test_a_person_whose_name_starts_with_an_accented_capital_is_found_as_typed(workspace, case_id):
    """An access request must find everyone asked about: SQLite's lower() leaves 'Ö' alone, so 'özlem yılmaz'
    (or the name typed exactly) found nothing while the child was in the vault."""
    from borapp.models import Child

    with workspace.session() as session:
        session.add(Child(case_id=case_id, name="Özlem Yılmaz", birth_date=dt.date(2019, 5, 1)))
    for typed in ("Özlem Yılmaz", "özlem yılmaz"):
        assert [(s.role, s.name) for s in access_request.find_subjects(workspace, typed)] == [("child", "Özlem Yılmaz")]


def test_a_parent_is_named_in_dutch_and_a_slip_is_a_usage_error(workspace, case_id):
    """Only ':resident' and ':other' were known, and ':ouder' was "not found" (exit 6) where it was a slip."""
    from borapp.services.errors import UsageError

    assert access_request.find_subjects(workspace, "BOR-2026-001:verzorgend") == \
        access_request.find_subjects(workspace, "BOR-2026-001:resident")
    assert access_request.find_subjects(workspace, "BOR-2026-001:Uitwonend")[0].asker_role == "other"
    with pytest.raises(UsageError, match="BOR-2026-001:verzorgend"):
        access_request.find_subjects(workspace, "BOR-2026-001:ouder")


def _add_letter(workspace, case_id, role: str, kind: str, pdf: bytes) -> None:
    with workspace.session() as session:
        session.add(Letter(case_id=case_id, kind=kind, parent_role=role, state="sent", recipient_name="x", pdf=pdf))


def _add_attachment(workspace, case_id, filename: str, content: bytes, mime: str = "application/pdf") -> None:
    with workspace.session() as session:
        session.add(Attachment(case_id=case_id, kind="other", filename=filename, content=content, size=len(content),
                               mime_type=mime))


def _given_files(files: dict[str, bytes]) -> str:
    return " ".join(all_text(data) for name, data in files.items() if name.startswith("bestanden/")
                    and name.endswith(".pdf"))


def test_a_letter_made_before_the_address_became_confidential_is_withheld_from_the_other_parent(workspace, case_id):
    """Letters are kept as they were sent: one to the father at the Zeeweg (then not confidential) must not reach
    the mother, even when the coordinator gives her the letters to the other parent (found by an exploratory walk)."""
    _add_letter(workspace, case_id, "other", "intake", text_pdf("Karel Bakker", "Zeeweg 12", "1971 HZ IJmuiden"))
    _add_letter(workspace, case_id, "", "evaluation", text_pdf("Vader woont sinds maart aan de Zee-weg 12."))
    export, files = export_for(workspace, "BOR-2026-001:resident", access_request.Choices())
    assert "Zeeweg" not in _given_files(files) and "Zee-weg" not in _given_files(files)
    assert "Brief schedule other" in _given_files(files)  # letters without the address are given
    confidential = [w for w in export.withheld if w["why"] == _reason(access_request.CONFIDENTIAL)]
    assert len(confidential) >= 2 and all(w["what"].startswith("Brief:") for w in confidential[-2:])
    _export, his = export_for(workspace, "Karel Bakker")
    assert "Zeeweg 12" in _given_files(his)  # the owner of the address gets his own letters


def test_kept_files_that_show_the_confidential_address_are_withheld(workspace, case_id):
    old_contract = text_pdf("Overeenkomst", "Karel Bakker, Zeeweg 12, 1971 HZ IJmuiden")
    with workspace.session() as session:
        copy = session.scalar(select(Attachment).where(Attachment.filename == "getekend.pdf"))
        copy.content = old_contract
    _add_attachment(workspace, case_id, "verwijzing.docx", _docx("Adres vader: Zeeweg 12"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    _add_attachment(workspace, case_id, "notitie.txt", "Karel woont op 1971HZ".encode(), "text/plain")
    export, files = export_for(workspace, "Petra Jansen")
    assert not any("getekend" in n or n.endswith((".docx", ".txt")) for n in files)
    what = {w["what"]: w["why"] for w in export.withheld}
    confidential = _reason(access_request.CONFIDENTIAL)
    assert what["Getekende overeenkomst, versie 1 (BOR-2026-001)"] == confidential
    assert what["Bijlage verwijzing.docx (BOR-2026-001)"] == confidential
    assert what["Bijlage notitie.txt (BOR-2026-001)"] == confidential
    assert COURT in files.values()  # a document without the address is given


def test_a_file_named_after_the_confidential_address_is_named_without_it(workspace, case_id):
    """"Huurcontract vader Zeeweg 12.jpg": the scan was held back, and its name, printed as what was held back, gave
    the address away (the PDF, the JSON and the list of files)."""
    _add_attachment(workspace, case_id, "Huurcontract vader Zeeweg 12.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")
    _add_attachment(workspace, case_id, "Verhuisbericht Zeeweg 12.txt", "Wij zijn verhuisd.".encode(), "text/plain")
    export, files = export_for(workspace, "Petra Jansen")
    text = _everything(files)
    assert "Zeeweg" not in text
    assert "Bijlage Huurcontract vader (niet meegegeven: geheim adres).jpg (BOR-2026-001)" in \
        [w["what"] for w in export.withheld]
    given = json.loads(files["gegevens.json"])["cases"][0]["attachments"]
    assert "Verhuisbericht (niet meegegeven: geheim adres).txt" in [a["name"] for a in given]


def test_a_scan_cannot_be_checked_and_is_withheld_while_an_address_is_confidential(workspace, case_id):
    _add_attachment(workspace, case_id, "scan.pdf", scan_pdf())
    _add_attachment(workspace, case_id, "foto.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")
    export, files = export_for(workspace, "Petra Jansen")
    assert not any(n.endswith(("-" + "x.jpg", ".jpg")) for n in files)
    unchecked = [w["what"] for w in export.withheld if w["why"] == _reason(access_request.UNCHECKED)]
    assert unchecked == ["Bijlage scan.pdf (BOR-2026-001)", "Bijlage foto.jpg (BOR-2026-001)"]
    assert "bekijk" not in _reason(access_request.UNCHECKED)  # the parent reads the reason: no task of ours
    assert ("bekijk ze zelf en vink ze, als het adres er niet in staat, aan als nagekeken bij het inzageverzoek"
            in access_request.summary(export))
    assert "bekijk" not in all_text(files["overzicht.pdf"])
    _export, his = export_for(workspace, "Karel Bakker")  # no one else's address is confidential: nothing to check
    assert sum(n.endswith((".jpg", ".pdf")) for n in his if n.startswith("bestanden/")) >= 4


def _reason(key: str) -> str:
    from borapp.i18n import _, in_language

    with in_language("nl"):
        return _(access_request.REASONS[key])


def _docx(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
                                              "</w:body></w:document>")
    return out.getvalue()


def test_a_scan_the_coordinator_looked_at_is_given_and_that_is_on_the_record(workspace, case_id, tmp_path):
    """Once she has looked at a scan and found no confidential address in it, she ticks it and it goes with the
    export; what a program found the address in stays withheld whatever she ticks."""
    _add_attachment(workspace, case_id, "scan.pdf", scan_pdf())
    _add_attachment(workspace, case_id, "foto.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")
    _add_attachment(workspace, case_id, "notitie.txt", "Karel woont op Zeeweg 12".encode(), "text/plain")
    subjects = access_request.find_subjects(workspace, "Petra Jansen")
    to_check = access_request.files_to_check(workspace, subjects)
    assert [f.what for f in to_check] == ["Bijlage scan.pdf (BOR-2026-001)", "Bijlage foto.jpg (BOR-2026-001)"]
    with workspace.session() as session:
        ids = {a.filename: a.id for a in session.scalars(select(Attachment))}
    assert [f.attachment_id for f in to_check] == [ids["scan.pdf"], ids["foto.jpg"]]
    assert access_request.files_to_check(workspace, subjects, "en")[0].what == "Attachment scan.pdf (BOR-2026-001)"
    choices = access_request.Choices(frozenset({access_request.OTHER_PARENT}),
                                     checked=frozenset({ids["foto.jpg"], ids["notitie.txt"]}))
    export, files = export_for(workspace, "Petra Jansen", choices)
    given = {data for name, data in files.items() if name.startswith("bestanden/")}
    assert b"\xff\xd8\xff\xe0 jpeg" in given and scan_pdf() not in given
    assert "Karel woont op Zeeweg 12".encode() not in given  # the address was found in it: never given
    assert [f.what for f in export.to_check] == ["Bijlage scan.pdf (BOR-2026-001)"]
    assert "1 scan of foto meegegeven omdat u die hebt nagekeken." in access_request.summary(export)
    assert "foto.jpg" in files["gegevens.json"].decode("utf-8")  # listed among the attachments given
    access_files.write_export(workspace, export, tmp_path / "inzage")
    with workspace.session() as session:
        vouched = session.scalars(select(AuditEvent.record_id).where(AuditEvent.action == "access_checked")).all()
    assert vouched == [ids["foto.jpg"]]


def test_a_signed_copy_that_is_a_scan_can_be_given_after_checking(workspace, case_id):
    with workspace.session() as session:
        copy = session.scalar(select(Attachment).where(Attachment.filename == "getekend.pdf"))
        copy.content, copy_id = scan_pdf(), copy.id
    subjects = access_request.find_subjects(workspace, "Petra Jansen")
    assert [f.attachment_id for f in access_request.files_to_check(workspace, subjects)] == [copy_id]
    choices = access_request.Choices(frozenset({access_request.OTHER_PARENT}), checked=frozenset({copy_id}))
    export, files = export_for(workspace, "Petra Jansen", choices)
    assert "bestanden/BOR-2026-001-overeenkomst-v1-getekend.pdf" in files and not export.to_check


def test_the_command_line_names_the_scans_to_check_and_gives_the_checked_one(workspace, case_id, vault_path,
                                                                            passphrase_file, tmp_path, capsys):
    _add_attachment(workspace, case_id, "scan.pdf", scan_pdf())
    with workspace.session() as session:
        scan_id = session.scalar(select(Attachment.id).where(Attachment.filename == "scan.pdf"))
    workspace.vault.lock()
    common = ["--vault", str(vault_path), "--passphrase-file", str(passphrase_file)]
    assert main(["privacy", "export", "Petra Jansen", "--out", str(tmp_path / "eerst"), *common]) == 0
    said = capsys.readouterr().out
    assert f"Bijlage scan.pdf (BOR-2026-001): --checked-attachment {scan_id}" in said, said
    assert main(["privacy", "export", "Petra Jansen", "--out", str(tmp_path / "dan"), "--checked-attachment",
                 str(scan_id), "--json", *common]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["to_check"] == [] and (tmp_path / "dan" / "bestanden" / f"BOR-2026-001-bijlage-{scan_id}.pdf").exists()


def test_each_reason_withheld_stays_whole_on_one_page():
    """A long reason was split, and the next page opened with its last word ("nagekeken") alone."""
    from pypdf import PdfReader

    from borapp.services.documents.facts import Organisation
    from borapp.services.privacy.access_overview import overview_pdf

    reason = "niet gegeven omdat het de andere ouder betreft en het adres in de scan niet kon worden " * 3
    withheld = [{"what": f"scan-{n:02d}.pdf", "why": reason + f"nagekeken-{n:02d}"} for n in range(40)]
    export = access_request.AccessExport(subjects=[], made_on=dt.date(2026, 12, 5), language="nl",
                                         data={"cases": []}, withheld=withheld)
    pdf = overview_pdf(export, Organisation("BOR Proef", "", "", "", "", b""))
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 2
    for n in range(40):
        on = [i for i, page in enumerate(pages) if f"scan-{n:02d}.pdf" in page]
        assert len(on) == 1 and f"nagekeken-{n:02d}" in pages[on[0]], (n, on)


def test_the_access_log_in_the_overview_is_in_words(workspace, case_id):
    """It printed "geopend · case" and "aangemaakt · attachment", with moments as "2026-12-05 23:20"."""
    from borapp.services.cases.case_file import load_case

    load_case(workspace, case_id)  # an "open" in the access log
    _export, files = export_for(workspace, "Petra Jansen")
    text = all_text(files["overzicht.pdf"])
    data = json.loads(files["gegevens.json"])
    assert "geopend · dossier" in text and " · case" not in text
    assert {line["record"] for line in data["cases"][0]["access_log"]} >= {"dossier"}
    import re

    assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text), "a moment in words, in this computer's time"


def test_a_letter_sent_without_its_document_kept_is_given_as_its_text(workspace, case_id):
    """A letter that went out before the app kept what left was missing from the export without a word."""
    with workspace.session() as session:
        session.add(Letter(case_id=case_id, kind="start", state="sent", parent_role="", subject="Gestart",
                           body="De omgang is gestart. Moeder brengt Sanne, vader woont Zeeweg 12."))
    export, files = export_for(workspace, "Petra Jansen")
    letters = json.loads(files["gegevens.json"])["cases"][0]["letters"]
    given = [row for row in letters if "text" in row]
    assert [row["kind"] for row in given] == ["Begeleide omgang gestart"]
    assert given[0]["text"].startswith("De omgang is gestart.") and "Zeeweg" not in _everything(files)
    assert "De omgang is gestart." in all_text(files["overzicht.pdf"])


def test_the_letter_files_are_named_in_the_export_language(workspace, case_id):
    """"BOR-2026-001-brief-2026-12-05-schedule-1.pdf" in a Dutch export: the kind in English."""
    _export, files = export_for(workspace, "Petra Jansen")
    letters = [name for name in files if "-brief-" in name]
    assert letters and all("-eindverslag-" in n or "-omgangsschema-" in n for n in letters), letters
