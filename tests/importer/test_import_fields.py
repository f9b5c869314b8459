"""Imported values land in the field the case file and the profile show them in: a one-cell address split into
street, postcode and city; the route read or told from the referrer; notes and a volunteer's address taken."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from borapp.models import Case, Volunteer
from borapp.services.cases.search_index import search_case_ids
from borapp.services.importer import import_file, write_template
from tests.importer.test_import_cases import HEADER, case, write_csv


@pytest.fixture(autouse=True)
def _english(_dutch):
    from borapp.i18n import set_language

    set_language("en")


def parents(vault, ref="T-001") -> dict:
    with vault.session() as session:
        found = session.scalar(select(Case).where(Case.ref == ref))
        return {p.role: (p.address, p.postcode, p.city) for p in found.parents}


# ---- addresses --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell,street,postcode,city", [
    ("Kanaalkade 3, 1811 CD Alkmaar", "Kanaalkade 3", "1811 CD", "Alkmaar"),
    ("Kanaalkade 3 1811cd Alkmaar", "Kanaalkade 3", "1811 CD", "Alkmaar"),
    ("Kanaalkade 3\n1811 CD  Alkmaar", "Kanaalkade 3", "1811 CD", "Alkmaar"),
    ("Markt 1, 5211 AB 's-Hertogenbosch", "Markt 1", "5211 AB", "'s-Hertogenbosch"),
    ("Proefstraat 1", "Proefstraat 1", "", ""),
])
def test_a_one_cell_address_is_split_into_street_postcode_and_city(vault, tmp_path, cell, street, postcode, city):
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", [case(other_parent_address=cell)]))
    assert report.ok and report.created == 1
    assert parents(vault)["other"] == (street, postcode, city)
    assert not [w for w in report.warnings if w.column == "other_parent_address"]


@pytest.mark.parametrize("cell", ["Spoorstraat 1, Den Helder", "1811 CD Alkmaar, Kanaalkade 3",
                                  "Kanaalkade 3, 1811 CD Alkmaar, Nederland"])
def test_an_address_that_cannot_be_split_stays_whole_with_a_warning(vault, tmp_path, cell):
    rows = [case(case_ref="T-001"), case(case_ref="T-002", resident_parent_address=cell)]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and report.created == 2
    assert parents(vault, "T-002")["resident"] == (cell, "", "")
    [warning] = [w for w in report.warnings if w.column == "resident_parent_address"]
    assert (warning.row, warning.heading) == (3, "resident_parent_address")
    assert "could not be split" in warning.message
    assert "Spoorstraat" not in warning.message and "Kanaalkade" not in warning.message, "an address may be secret"


def test_separate_postcode_and_city_columns_win(vault, tmp_path):
    header = [c for c in HEADER if not c.endswith(("_postcode", "_city"))]
    header += ["Postcode uitwonende ouder", "Woonplaats uitwonende ouder", "Plaats verzorgende ouder"]
    rows = [case(case_ref="T-001", other_parent_address="Kanaalkade 3, 1811 CD Alkmaar",
                 resident_parent_address="Spoorstraat 1, Den Helder",
                 **{"Postcode uitwonende ouder": "1811ce", "Woonplaats uitwonende ouder": "Heiloo",
                    "Plaats verzorgende ouder": "Den Helder"})]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows, header))
    assert report.ok
    found = parents(vault)
    assert found["other"] == ("Kanaalkade 3", "1811 CE", "Heiloo")
    assert found["resident"] == ("Spoorstraat 1", "", "Den Helder")
    assert [(w.column, w.heading) for w in report.warnings if "postcode" in w.column] == [
        ("other_parent_postcode", "Postcode uitwonende ouder")]


def test_a_postcode_column_is_checked(vault, tmp_path):
    rows = [case(case_ref="T-001", other_parent_postcode="18110 CD")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(2, "other_parent_postcode")]


def test_the_templates_example_addresses_land_in_their_fields(vault, tmp_path, _dutch):
    from borapp.i18n import set_language

    set_language("nl")
    path = tmp_path / "sjabloon.csv"
    # its own case number: the example row as it is is skipped as the example
    path.write_text(write_template("cases").replace("VOORBEELD-001", "T-001"), encoding="utf-8")
    report = import_file(vault, "cases", path)
    assert report.ok and report.created == 1
    found = parents(vault, "T-001")
    assert found["resident"] == ("Voorbeeldstraat 1", "1234 AB", "Voorbeeldstad")
    assert found["other"] == ("Proefweg 2", "1234 CD", "Voorbeeldstad")
    assert not [w for w in report.warnings if "address" in w.column]


def test_an_update_names_the_address_cell_for_a_new_postcode(vault, tmp_path):
    first = [case(other_parent_address="Kanaalkade 3, 1811 CD Alkmaar")]
    import_file(vault, "cases", write_csv(tmp_path / "a.csv", first))
    moved = [case(other_parent_address="Kanaalkade 3, 1811 CE Alkmaar")]
    refused = import_file(vault, "cases", write_csv(tmp_path / "b.csv", moved))
    [problem] = refused.errors
    assert "other_parent_address" in problem.message and "other_parent_postcode" not in problem.message
    report = import_file(vault, "cases", write_csv(tmp_path / "b.csv", moved), update=True)
    assert report.updated == 1 and parents(vault)["other"] == ("Kanaalkade 3", "1811 CE", "Alkmaar")



# ---- route ------------------------------------------------------------------------------------------------------


def route_of(vault, ref) -> str:
    with vault.session() as session:
        return session.scalar(select(Case.route).where(Case.ref == ref))


def test_without_a_route_column_the_referrers_kind_tells_the_route(vault, tmp_path):
    """The walk: a case referred by the Rechtbank was set to the own-initiative route, and nothing said so."""
    header = [c for c in HEADER if c != "route"]
    rows = [case(case_ref="T-001", referrer_name="Rechtbank Noord-Holland", referrer_kind="rechtbank"),
            case(case_ref="T-002", referrer_name="Jeugdbescherming Noord", referrer_kind="jeugdbescherming"),
            case(case_ref="T-003", referrer_name="Sociaal wijkteam", referrer_kind="wijkteam"),
            case(case_ref="T-004", referrer_name="Veilig Thuis", referrer_kind="Veilig Thuis"),
            case(case_ref="T-005", referrer_name="Rechtbank Noord-Holland", referrer_kind="")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows, header))
    assert report.ok and report.created == 5
    routes = {ref: route_of(vault, ref) for ref in ("T-001", "T-002", "T-003", "T-004", "T-005")}
    assert routes == {"T-001": "court", "T-002": "ots", "T-003": "self", "T-004": "self", "T-005": "court"}
    [warning] = [w for w in report.warnings if w.column == "route"]
    assert (warning.row, warning.heading) == (5, "route") and "T-004" in warning.message
    assert "cannot be told" in warning.message and "Own initiative" in warning.message


def test_a_route_column_wins_over_the_referrer(vault, tmp_path):
    rows = [case(case_ref="T-001", route="ots", referrer_name="Rechtbank", referrer_kind="court")]
    report = import_file(vault, "cases", write_csv(tmp_path / "c.csv", rows))
    assert report.ok and route_of(vault, "T-001") == "ots"
    assert not [w for w in report.warnings if w.column == "route"]


def test_an_empty_route_keeps_an_existing_cases_route(vault, tmp_path):
    import_file(vault, "cases", write_csv(tmp_path / "a.csv", [case(route="ots")]))
    again = import_file(vault, "cases", write_csv(tmp_path / "b.csv", [case(route="", referrer_kind="")]))
    assert again.ok and again.unchanged == ["T-001"] and not again.warnings
    assert route_of(vault, "T-001") == "ots"


# ---- notes and a volunteer's address ----------------------------------------------------------------------------


def dutch_csv(path, header: list[str], *rows: list[str]):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerows([header, *rows])
    return path


def test_a_cases_notes_are_imported_and_searchable(vault, tmp_path):
    """'Opmerkingen' was listed as an ignored column though the case has notes."""
    header = ["Dossiernummer", "Aanmelddatum", "Gemeente", "Fase", "Naam verzorgende ouder",
              "Naam uitwonende ouder", "Kinderen", "Opmerkingen"]
    path = dutch_csv(tmp_path / "d.csv", header, ["T-001", "3-2-2025", "Alkmaar", "Wachtlijst", "Ada Proef",
                                                   "Ben Proef", "Cas Proef (1-6-2017)", "Vader wil graag zaterdag"])
    report = import_file(vault, "cases", path)
    assert report.ok and report.unknown_columns == []
    with vault.session() as session:
        found = session.scalar(select(Case).where(Case.ref == "T-001"))
        assert found.notes == "Vader wil graag zaterdag"
        assert search_case_ids(session, "zaterdag") == [found.id]
    changed = dutch_csv(tmp_path / "e.csv", header, ["T-001", "3-2-2025", "Alkmaar", "Wachtlijst", "Ada Proef",
                                                      "Ben Proef", "Cas Proef (1-6-2017)", "Moeder ook"])
    refused = import_file(vault, "cases", changed)
    assert "Opmerkingen" in refused.errors[0].message


@pytest.mark.parametrize("address,notes", [("Adres", "Opmerkingen"), ("address", "notes")])
def test_a_volunteers_address_and_notes_are_imported(vault, tmp_path, address, notes):
    path = dutch_csv(tmp_path / "v.csv", ["Naam", "Regio", address, notes],
                     ["Ineke Jansen", "Kop", "Molenstraat 4, Den Helder", "Rijdt auto, kan ook naar Texel"])
    report = import_file(vault, "volunteers", path)
    assert report.ok and report.created == 1 and report.unknown_columns == []
    with vault.session() as session:
        found = session.scalar(select(Volunteer).where(Volunteer.name == "Ineke Jansen"))
        assert (found.address, found.notes) == ("Molenstraat 4, Den Helder", "Rijdt auto, kan ook naar Texel")
    again = import_file(vault, "volunteers", dutch_csv(tmp_path / "w.csv", ["Naam", address, notes],
                                                       ["Ineke Jansen", "Molenstraat 6, Den Helder", ""]))
    assert again.ok and again.updated == 1
    [said] = [w.message for w in again.warnings]
    assert "Molenstraat 6" in said and "Notes" not in said, "an empty cell keeps the notes"
    with vault.session() as session:
        found = session.scalar(select(Volunteer).where(Volunteer.name == "Ineke Jansen"))
        assert (found.address, found.notes) == ("Molenstraat 6, Den Helder", "Rijdt auto, kan ook naar Texel")
