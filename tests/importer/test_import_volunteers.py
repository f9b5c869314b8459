"""Importing volunteers: codes from Dutch and English words, bad values per row and column, updates by name."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from sqlalchemy import func, select

from borapp.models import AuditEvent, Case, Training, Volunteer
from borapp.services.importer import import_file, write_template
from borapp.services.importer.columns import VOLUNTEER_COLUMNS

HEADER = list(VOLUNTEER_COLUMNS)


@pytest.fixture(autouse=True)
def _english(_dutch):
    """Messages are checked in English, whatever the Dutch catalog says."""
    from borapp.i18n import set_language

    set_language("en")


def volunteer(**cells) -> dict:
    row = {
        "name": "Vera Vrijwillig", "email": "vera@test.example", "phone": "+31 6 1234 5678", "region": "Kop",
        "vog_date": "2022-01-10", "trained_on": "2022-02-05", "max_cases": "3", "active": "yes",
        "joined_on": "2022-01-01", "left_on": "", "gender": "f", "languages": "nl; en",
        "availability": "ma-ochtend; za-middag", "address": "", "notes": "",
    }
    row.update(cells)
    return row


def write_csv(path, rows, header=None, delimiter=",", encoding="utf-8"):
    header = header or HEADER
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def stored(vault, name="Vera Vrijwillig") -> dict:
    with vault.session() as session:
        v = session.scalar(select(Volunteer).where(Volunteer.name == name))
        return {"email": v.email, "phone": v.phone, "region": v.region, "vog_date": v.vog_date,
                "trained_on": v.trained_on, "max_cases": v.max_cases, "active": v.active, "gender": v.gender,
                "languages": v.languages, "availability": v.availability, "left_on": v.left_on,
                "joined_on": v.joined_on, "trainings": len(v.trainings)}


def test_a_volunteer_with_every_column(vault, tmp_path):
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer()]))
    assert report.ok and report.created == 1
    assert stored(vault) == {
        "email": "vera@test.example", "phone": "+31 6 1234 5678", "region": "Kop", "vog_date": dt.date(2022, 1, 10),
        "trained_on": dt.date(2022, 2, 5), "max_cases": 3, "active": True, "gender": "f", "languages": "nl;en",
        "availability": "mon-morning;sat-afternoon", "left_on": None, "joined_on": dt.date(2022, 1, 1),
        "trainings": 1,
    }
    with vault.session() as session:
        assert [(e.action, e.record_type) for e in session.scalars(select(AuditEvent))] == [("import", "volunteer")]


def test_only_the_name_is_required(vault, tmp_path):
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [{"name": "Wim Weinig"}], ["name"]))
    assert report.ok and report.created == 1
    got = stored(vault, "Wim Weinig")
    assert (got["active"], got["max_cases"], got["languages"], got["vog_date"]) == (True, 2, "nl", None)


@pytest.mark.parametrize("said,languages,availability,gender", [
    ("Nederlands, Engels", "nl;en", "maandagochtend; zaterdag middag", "v"),
    ("nl;ar;tr", "nl;ar;tr", "mon-morning; sat-afternoon; Sunday evening", "female"),
])
def test_dutch_and_english_words_become_codes(vault, tmp_path, said, languages, availability, gender):
    row = volunteer(languages=said, availability=availability, gender=gender)
    assert import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [row])).ok
    got = stored(vault)
    assert got["languages"] == languages and got["gender"] == "f"
    assert got["availability"].split(";")[:2] == ["mon-morning", "sat-afternoon"]


def test_a_day_alone_means_the_whole_day(vault, tmp_path):
    assert import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(availability="wo")])).ok
    assert stored(vault)["availability"] == "wed-morning;wed-afternoon;wed-evening"


def test_dutch_headings(vault, tmp_path):
    header = ["Naam", "E-mail", "Telefoon", "Regio", "VOG-datum", "Getraind op", "Max trajecten", "Actief",
              "Gestart op", "Gestopt op", "Geslacht", "Talen", "Beschikbaarheid"]
    rows = [["Vera Vrijwillig", "vera@test.example", "0612345678", "West-Friesland", "10-01-2022", "5-2-2022", "2",
             "nee", "1-1-2022", "2024-06-30", "m", "nl", "di-avond"]]
    path = tmp_path / "v.csv"
    with path.open("w", newline="", encoding="cp1252") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *rows])
    report = import_file(vault, "volunteers", path)
    assert report.ok and not report.unknown_columns
    got = stored(vault)
    assert (got["vog_date"], got["trained_on"], got["active"]) == (dt.date(2022, 1, 10), dt.date(2022, 2, 5), False)
    assert (got["left_on"], got["availability"], got["gender"]) == (dt.date(2024, 6, 30), "tue-evening", "m")


BAD = [
    ("name", "", "needs a value"),
    ("email", "vera.test.example", "not an e-mail"),
    ("phone", "bellen!", "Not a phone"),
    ("vog_date", "10-13-2022", "there is no month 13"),
    ("vog_date", (dt.date.today() + dt.timedelta(days=5)).isoformat(), "future"),
    ("trained_on", "binnenkort", "not a date"),
    ("max_cases", "0", "positive whole number"),
    ("max_cases", "twee", "positive whole number"),
    ("max_cases", "1.5", "positive whole number"),
    ("max_cases", "12", "Between 1 and 10 cases"),  # the profile could not be saved after it (a walk)
    ("active", "soms", "not one of"),
    ("joined_on", "2022-02-30", "February 2022 has no day 30"),
    ("left_on", "2021-12-31", "before the joining date"),
    ("gender", "q", "not one of"),
    ("languages", "klingonees", "not a language"),
    ("availability", "maandagnacht", "not a day part"),
]


@pytest.mark.parametrize("column,value,why", BAD)
def test_a_bad_value_is_reported_with_row_and_column(vault, tmp_path, column, value, why):
    rows = [volunteer(name="Anna Eerst"), volunteer(**{"name": "Bert Tweede", column: value})]
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", rows))
    assert not report.ok and (3, column) in [(p.row, p.column) for p in report.errors]
    assert why in " ".join(p.message for p in report.errors)
    assert vault.count(Volunteer) == 0


def test_a_bad_phone_number_is_said_once_with_what_a_good_one_looks_like(vault, tmp_path):
    """It said "is not a phone number (digits, ...)" and then "Not a phone number: ..." again."""
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(phone="bellen!")]))
    [problem] = report.errors
    assert problem.message.lower().count("not a phone number") == 1 and "06-12345678" in problem.message


def test_a_missing_name_column_is_one_error(vault, tmp_path):
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer()], HEADER[1:]))
    assert report.fatal and [(p.row, p.column) for p in report.errors] == [(1, "name")]


def test_reimport_updates_by_name(vault, tmp_path):
    import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(), volunteer(name="Wim Weinig")]))
    rows = [volunteer(name="VERA  vrijwillig", region="Kennemerland", phone="", active="nee", left_on="2024-01-01"),
            volunteer(name="Wim Weinig")]
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v2.csv", rows))
    assert report.ok and (report.created, report.updated) == (0, 1) and report.unchanged == ["Wim Weinig"]
    assert vault.count(Volunteer) == 2 and vault.count(Training) == 2
    got = stored(vault, "Vera Vrijwillig")  # found by name, case and spaces aside; the stored spelling kept
    assert (got["region"], got["phone"], got["active"]) == ("Kennemerland", "+31 6 1234 5678", False)


def test_an_update_by_name_says_what_it_changes_and_keeps_the_newer_vog(vault, tmp_path):
    """A re-import matched by name overwrote the e-mail address unseen and could move the VOG date back (a walk)."""
    import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(vog_date="2024-05-01")]))
    rows = [volunteer(email="vera.nieuw@test.example", vog_date="2021-03-01")]
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v2.csv", rows))
    assert report.ok and report.updated == 1
    said = {p.column: p.message for p in report.warnings}
    assert said["name"] == ("Vera Vrijwillig is already in the vault; this row changes E-mail (vera@test.example → "
                            "vera.nieuw@test.example).")
    assert said["vog_date"] == ("Vera Vrijwillig has a newer VOG in the vault (1-5-2024); the older date 1-3-2021 "
                                "is not taken.")
    got = stored(vault)
    assert got["email"] == "vera.nieuw@test.example" and got["vog_date"] == dt.date(2024, 5, 1)
    again = import_file(vault, "volunteers", write_csv(tmp_path / "v3.csv", [
        volunteer(email="vera.nieuw@test.example", vog_date="2025-02-01")]))
    assert [w.message for w in again.warnings] == [  # a newer VOG is taken, and said as any change
        "Vera Vrijwillig is already in the vault; this row changes VOG issued on (1-5-2024 → 1-2-2025)."]
    assert stored(vault)["vog_date"] == dt.date(2025, 2, 1)


def test_an_english_file_read_in_dutch_names_the_changes_in_the_profile_s_words(vault, tmp_path):
    """The list of changes said "max_cases (3 → 2)", the English file's heading, in a Dutch sentence; the column
    of the message still names the file's heading, so she finds it in her file."""
    from borapp.i18n import in_language

    import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer()]))
    with in_language("nl"):
        report = import_file(vault, "volunteers", write_csv(tmp_path / "v2.csv", [volunteer(max_cases="2")]))
    [said] = report.warnings
    assert said.message == ("Vera Vrijwillig staat al in de kluis; deze rij verandert Maximaal aantal dossiers "
                            "(3 → 2).")
    assert said.heading == "name"


def test_the_same_name_twice_in_a_file_is_an_error(vault, tmp_path):
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(), volunteer()]))
    assert [(p.row, p.column) for p in report.errors] == [(3, "name")]


def test_xlsx_volunteers(vault, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    row = volunteer(vog_date=dt.datetime(2021, 3, 4), max_cases=2, joined_on=dt.date(2021, 1, 1))
    book.active.append([row[c] for c in HEADER])
    book.save(tmp_path / "v.xlsx")
    assert import_file(vault, "volunteers", tmp_path / "v.xlsx").ok
    got = stored(vault)
    assert (got["vog_date"], got["max_cases"], got["joined_on"]) == (dt.date(2021, 3, 4), 2, dt.date(2021, 1, 1))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_template_row_imports_under_its_own_name(vault, tmp_path, language):
    """The example row is written in the app's words and dates (15-1-2023, Kennemerland/Alkmaar, vrouw), and the
    importer takes exactly those: ISO dates, "Kennemerland" and "v, man, anders" were not what the app says."""
    from borapp.i18n import set_language

    set_language(language)
    text = write_template("volunteers")
    example = text.splitlines()[1]
    assert "15-1-2023" in example and "2023-01-15" not in example and "Kennemerland/Alkmaar" in example
    assert (";vrouw;" in example) if language == "nl" else (",female," in example)
    path = tmp_path / "template.csv"
    path.write_text(text.replace("Vera Voorbeeld", "Vera Vrijwillig"), encoding="utf-8")
    report = import_file(vault, "volunteers", path)
    assert report.ok and report.created == 1 and not report.warnings and not report.unknown_columns
    assert not report.notes
    got = stored(vault)
    assert (got["region"], got["gender"], got["vog_date"], got["joined_on"], got["languages"]) == (
        "Kennemerland/Alkmaar", "f", dt.date(2023, 1, 15), dt.date(2023, 2, 1), "nl;en")


def test_the_genders_are_named_as_the_profile_names_them(vault, tmp_path):
    from borapp.i18n import set_language

    set_language("nl")
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(gender="vrouwelijk")]))
    assert "vrouw, man, anders" in " ".join(str(e) for e in report.errors)


def test_the_example_row_as_written_is_skipped_not_imported(vault, tmp_path):
    for language in ("nl", "en"):
        from borapp.i18n import set_language

        set_language(language)
        path = tmp_path / f"template-{language}.csv"
        path.write_text(write_template("volunteers"), encoding="utf-8")
        assert import_file(vault, "volunteers", path).created == 0


def test_active_with_a_past_leaving_date_is_refused_as_the_profile_refuses_it(vault, tmp_path):
    """It was a warning, and the volunteer went in active and left, which the profile form cannot save."""
    rows = [volunteer(name="Anna Eerst"), volunteer(left_on="2023-01-01")]
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", rows))
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(3, "active")]
    assert report.errors[0].message == ("The row gives Vera Vrijwillig a leaving date, 1-1-2023: someone who has left "
                                        "is no longer active. Write 'no' here, or leave the leaving date empty.")
    assert vault.count(Volunteer) == 0
    report = import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", rows), skip_invalid=True)
    assert report.ok and report.skipped == [3] and vault.count(Volunteer) == 1
    empty = import_file(vault, "volunteers",
                        write_csv(tmp_path / "w.csv", [volunteer(active="", left_on="2023-01-01")]))
    assert empty.ok and not stored(vault)["active"]  # an empty cell beside a past leaving date: no longer active


# ---- a volunteer already in the vault (a walk: Mila Schilt, who had left, came back active and moved) -------------

DUTCH_HEADER = ["Naam", "Actief", "Regio", "Max trajecten", "Getraind op", "Beschikbaarheid", "Talen", "Gestopt op"]


def workbook(path, header, rows):
    """An .xlsx file as a coordinator saves one: a header and rows of cells (dates may be date cells)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def mila(vault):
    """Left on 1 June 2024 and inactive, in West-Friesland, at most 3 cases with 2 open, trained on 11 March 2017."""
    with vault.session() as session:
        person = Volunteer(name="Mila Schilt", active=False, left_on=dt.date(2024, 6, 1), joined_on=dt.date(2016, 9, 1),
                           region="West-Friesland", max_cases=3, availability="mon-morning;sat-afternoon",
                           languages="nl;en", email="mila@test.example")
        person.trainings.append(Training(kind="initial", on=dt.date(2017, 3, 11)))
        session.add(person)
        session.flush()
        for ref in ("M-1", "M-2"):
            session.add(Case(ref=ref, registered_on=dt.date(2024, 1, 5), status="visits", volunteer_id=person.id))
    return vault


def mila_now(vault) -> dict:
    got = stored(vault, "Mila Schilt")
    with vault.session() as session:
        trainings = [tuple(t) for t in session.execute(select(Training.kind, Training.on).order_by(Training.on))]
    return {**got, "trainings": trainings}


def test_a_row_that_would_make_someone_who_left_active_again_is_refused_whole(mila, tmp_path):
    before = mila_now(mila)
    path = workbook(tmp_path / "v.xlsx", DUTCH_HEADER,
                    [["Mila Schilt", "ja", "Kop", 1, dt.datetime(2020, 1, 1), "wo", "nl", None]])
    for skip in (False, True):
        report = import_file(mila, "volunteers", path, skip_invalid=skip)
        assert not report.ok and not report.updated
        [problem] = report.errors
        assert (problem.row, problem.column, problem.heading) == (2, "active", "Actief")
        assert problem.message == ("Mila Schilt left on 1-6-2024, as the vault has it: an import cannot make someone "
                                   "who has left active again. Leave this cell empty or write 'no'; to take Mila "
                                   "Schilt back, clear the leaving date in the profile first.")
        assert mila_now(mila) == before, "nothing of the row is saved"


def test_an_update_lists_every_change_in_words_and_moves_no_training_day(mila, tmp_path):
    from borapp.i18n import in_language

    path = workbook(tmp_path / "v.xlsx", DUTCH_HEADER,
                    [["mila schilt", "", "Kop", 1, "1-1-2020", "wo; za middag", "Nederlands", None]])
    with in_language("nl"):
        report = import_file(mila, "volunteers", path)
    assert report.ok and report.updated == 1 and not report.errors
    assert [p.column for p in report.warnings] == ["name", "max_cases", "trained_on"]  # the changes first
    said = {p.column: (p.heading, p.message) for p in report.warnings}
    assert said["name"] == ("Naam", "Mila Schilt staat al in de kluis; deze rij verandert Regio (West-Friesland → "
                                    "Kop); Maximaal aantal dossiers (3 → 1); Talen (Nederlands, Engels → Nederlands); "
                                    "Beschikbaarheid (maandagochtend, zaterdagmiddag → woensdag de hele dag, "
                                    "zaterdagmiddag).")
    assert said["max_cases"] == ("Max trajecten", "Mila Schilt heeft nu 2 lopende dossiers, meer dan het nieuwe "
                                                  "maximum van 1: die blijven, maar een nieuw dossier wordt pas "
                                                  "gekoppeld als er minder lopen.")
    assert said["trained_on"] == ("Getraind op", "Mila Schilt heeft in de kluis een trainingsdag op 11-3-2017; de "
                                                 "datum 1-1-2020 uit de rij wordt niet overgenomen. Was het een "
                                                 "opfrisdag? Voeg die dan toe in het profiel onder Trainingen.")
    got = mila_now(mila)
    assert (got["region"], got["max_cases"], got["languages"], got["active"]) == ("Kop", 1, "nl", False)
    assert got["availability"] == "wed-morning;wed-afternoon;wed-evening;sat-afternoon"
    assert got["trainings"] == [("initial", dt.date(2017, 3, 11))], "the known training day stays"
    assert got["left_on"] == dt.date(2024, 6, 1) and got["email"] == "mila@test.example"


def test_a_row_that_changes_nothing_leaves_the_volunteer_alone(mila, tmp_path):
    path = workbook(tmp_path / "v.xlsx", DUTCH_HEADER,
                    [["Mila Schilt", "nee", "West-Friesland", 3, "11-3-2017", "za-middag, ma-ochtend", "en, nl",
                      dt.datetime(2024, 6, 1)]])
    with mila.session() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    report = import_file(mila, "volunteers", path)
    assert report.ok and (report.updated, report.unchanged, report.warnings) == (0, ["Mila Schilt"], [])
    with mila.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_past_leaving_date_makes_an_active_volunteer_inactive_and_says_so(vault, tmp_path):
    import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer()]))
    report = import_file(vault, "volunteers", write_csv(tmp_path / "w.csv", [{"name": "Vera Vrijwillig",
                                                                               "left_on": "2024-02-01"}],
                                                          ["name", "active", "left_on"]))
    assert report.ok and [p.message for p in report.warnings] == [
        "Vera Vrijwillig is already in the vault; this row changes Active (yes → no); Left on (— → 1-2-2024)."]
    assert (stored(vault)["active"], stored(vault)["left_on"]) == (False, dt.date(2024, 2, 1))


def test_a_leaving_date_before_the_joining_date_in_the_vault_is_refused(vault, tmp_path):
    import_file(vault, "volunteers", write_csv(tmp_path / "v.csv", [volunteer(joined_on="2022-01-01")]))
    report = import_file(vault, "volunteers", write_csv(tmp_path / "w.csv", [
        {"name": "Vera Vrijwillig", "active": "no", "left_on": "2021-05-01"}], ["name", "active", "left_on"]))
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(2, "left_on")]
    assert report.errors[0].message == "Vera Vrijwillig: Leaving cannot be before joining."
    assert stored(vault)["left_on"] is None


# ---- dates as the app's date fields read them -----------------------------------------------------------------------

@pytest.mark.parametrize("written,expected", [
    ("15 maart 2024", dt.date(2024, 3, 15)), ("15 March 2024", dt.date(2024, 3, 15)),
    ("15 mrt 24", dt.date(2024, 3, 15)), ("15-3-24", dt.date(2024, 3, 15)), ("15032024", dt.date(2024, 3, 15)),
    ("15.3.2024", dt.date(2024, 3, 15)), ("2024/03/15", dt.date(2024, 3, 15)), ("2024-03-15 00:00:00",
                                                                               dt.date(2024, 3, 15)),
])
def test_a_text_date_is_read_as_a_date_field_reads_it(vault, tmp_path, written, expected):
    """'15 maart 2024' was refused ("write YYYY-MM-DD or DD-MM-YYYY") though the date fields take it (a walk)."""
    path = workbook(tmp_path / "v.xlsx", ["naam", "vog-datum", "gestart op"],
                    [["Vera Vrijwillig", written, dt.datetime(2023, 2, 1)]])
    assert import_file(vault, "volunteers", path).ok
    assert (stored(vault)["vog_date"], stored(vault)["joined_on"]) == (expected, dt.date(2023, 2, 1))


def test_an_unreadable_date_is_told_what_is_read(vault, tmp_path):
    from borapp.i18n import in_language

    rows = [["Vera Vrijwillig", "vandaag"], ["Wim Weinig", "15 maarch 2024"]]
    with in_language("nl"):
        report = import_file(vault, "volunteers", workbook(tmp_path / "v.xlsx", ["naam", "vog-datum"], rows))
    assert [(p.row, p.column, p.message) for p in report.errors] == [
        (row, "vog_date", f"'{text}' is geen datum die BOR Desk kan lezen; schrijf hem als 15-3-2024, 15-03-24, "
                          "15 maart 2024 of 2024-03-15 (of maak er een datumcel van).")
        for row, text in ((2, "vandaag"), (3, "15 maarch 2024"))]
