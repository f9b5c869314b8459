"""Referrer organisations as a coordinator keeps them: added and changed with every field checked, the postal
address one line each (as on an envelope), the kind "Gemeente", and the intake making a new one with its contact
person, postal address and e-mail. Synthetic names only."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import AuditEvent, Organisation
from borapp.services.errors import ValidationError
from borapp.services.intake import flow
from borapp.services.intake.summary import summarise
from borapp.services.organisations import referrers
from borapp.services.organisations.addresses import address_lines, address_warning, normal_address, one_line
from borapp.services.organisations.referrers import OrganisationInput
from tests.intake.test_intake import ON, add_municipality, good_input

GEMEENTE = OrganisationInput(name="Gemeente  Bergdorp, team Jeugd", kind="municipality", contact_person="Ans Adres",
                             address="Postbus 53\n1800bc  Bergdorp", email="jeugd@bergdorp.example",
                             phone="072-1234567")


def test_an_organisation_is_added_tidied_and_listed(workspace):
    org_id = referrers.save_organisation(workspace, GEMEENTE)
    [row] = referrers.list_organisations(workspace)
    assert row == referrers.OrganisationRow(org_id, "Gemeente Bergdorp, team Jeugd", "municipality", "Ans Adres",
                                            "Postbus 53\n1800 BC Bergdorp", "jeugd@bergdorp.example", "072-1234567")
    assert referrers.kind_label("municipality") == "Gemeente"
    with workspace.session() as session:
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.record_type == "organisation")) == "create"


def test_changing_one_keeps_its_id_and_refuses_a_name_in_use(workspace):
    first = referrers.save_organisation(workspace, GEMEENTE)
    other = referrers.save_organisation(workspace, OrganisationInput("Rechtbank Testland", "court"))
    moved = dataclasses.replace(GEMEENTE, address="Raadhuisplein 1, 1811 KL Bergdorp")
    assert referrers.save_organisation(workspace, moved, first) == first
    assert referrers.get_organisation(workspace, first).address == "Raadhuisplein 1\n1811 KL Bergdorp"
    with pytest.raises(ValidationError) as refused:
        referrers.save_organisation(workspace, OrganisationInput("gemeente bergdorp, TEAM jeugd", "court"), other)
    assert refused.value.field == "name" and "Gemeente Bergdorp, team Jeugd" in str(refused.value)
    assert referrers.get_organisation(workspace, other).name == "Rechtbank Testland"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"name": "  "}, "name", "Vul de naam van de organisatie in."),
    ({"kind": ""}, "kind", "Kies de soort organisatie."),
    ({"email": "jeugd@bergdorp"}, "email", "Geen geldig e-mailadres (naam@voorbeeld.nl)."),
    ({"phone": "12"}, "phone", None),
    ({"address": "a\nb\nc\nd\ne\nf"}, "address", "Houd het adres op ten hoogste 5 regels."),
    ({"address": "x" * 301}, "address", "Hoogstens 300 tekens."),
])
def test_every_field_is_checked_with_a_message_in_dutch(workspace, changes, field, message):
    inp = dataclasses.replace(GEMEENTE, **changes)
    found = referrers.problems(inp)
    assert list(found) == [field]
    if message:
        assert found[field] == message
    with pytest.raises(ValidationError) as refused:
        referrers.save_organisation(workspace, inp)
    assert refused.value.field == field
    assert referrers.list_organisations(workspace) == []


def test_postal_addresses_are_read_as_lines():
    assert address_lines("  Kerkstraat   12 \n\n 1234ab   Plaats ") == ("Kerkstraat 12", "1234 AB Plaats")
    assert address_lines("Kerkstraat 12, 1234 AB Plaats") == ("Kerkstraat 12", "1234 AB Plaats")  # older vaults
    two_lines = "t.a.v. afdeling Jeugd, Postbus 5\n1000 AA Stad"  # a comma in a line of several stays
    assert normal_address(two_lines) == two_lines
    assert one_line("Postbus 5\n1000 AA Stad") == "Postbus 5, 1000 AA Stad"
    assert address_warning("Kerkstraat 12\nPlaats") != "" and address_warning("Postbus 5\n1000 AA Stad") == ""
    assert address_warning("") == ""


def test_the_intake_makes_a_new_referrer_and_commissioner_with_their_details(workspace):
    place = add_municipality(workspace)
    inp = good_input(place, referrer_address="Postbus 1234, 1800 BC Testland", commissioner_kind="municipality",
                     commissioner_contact="Ans Adres", commissioner_address="Postbus 53\n1811 KL Bergdorp",
                     commissioner_email="jeugd@bergdorp.example")
    summary = summarise(workspace, inp, ON)
    rows = dict(next(s for s in summary.sections if s.step == "referrer").rows)
    assert rows["Postadres"] == "Postbus 1234, 1800 BC Testland"
    flow.create_case(workspace, inp, ON)
    with workspace.session() as session:
        orgs = {o.name: o for o in session.scalars(select(Organisation))}
    referrer, commissioner = orgs["Rechtbank Testland"], orgs["Gemeente Bergdorp Jeugd"]
    assert (referrer.contact_person, referrer.email, referrer.address) == (
        "Mr. T. Toetsing", "griffie@rechtbank.example", "Postbus 1234\n1800 BC Testland")
    assert (commissioner.kind, commissioner.contact_person, commissioner.email, commissioner.address) == (
        "municipality", "Ans Adres", "jeugd@bergdorp.example", "Postbus 53\n1811 KL Bergdorp")


def test_the_intake_checks_a_new_organisations_details(workspace):
    place = add_municipality(workspace)
    inp = good_input(place, referrer_address="1\n2\n3\n4\n5\n6", commissioner_email="geen-adres",
                     commissioner_contact="x" * 201)
    problems = flow.validate_step("referrer", inp, ON)
    assert problems["referrer_address"] == "Houd het adres op ten hoogste 5 regels."
    assert problems["commissioner_email"] == "Geen geldig e-mailadres (naam@voorbeeld.nl)."
    assert problems["commissioner_contact"] == "Hoogstens 200 tekens."
    with pytest.raises(ValidationError):
        flow.create_case(workspace, inp, ON)


def test_an_address_typed_for_a_known_organisation_fills_its_gap_only(workspace):
    place = add_municipality(workspace)
    known = referrers.save_organisation(workspace, OrganisationInput("Rechtbank Testland", "court"))
    flow.create_case(workspace, good_input(place, referrer_address="Postbus 1\n1800 AA Testland"), ON)
    assert referrers.get_organisation(workspace, known).address == "Postbus 1\n1800 AA Testland"
    later = good_input(place, registered_on=dt.date(2026, 3, 3), referrer_address="Elders 2\n9999 ZZ Nergens",
                       other=dataclasses.replace(good_input(place).other, name="Ander Ouder"))
    flow.create_case(workspace, later, ON)
    assert referrers.get_organisation(workspace, known).address == "Postbus 1\n1800 AA Testland"
    assert [c.address for c in flow.organisation_choices(workspace) if c.id == known] == ["Postbus 1\n1800 AA Testland"]


def test_upgrading_to_0020_puts_an_address_on_lines_and_gives_letters_their_own_block(vault, vault_path):
    """A vault from before: an organisation's address on one line with commas; after the upgrade one line each."""
    from alembic import command
    from sqlalchemy import text

    from borapp.models.schema import _config
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
    with vault.engine.begin() as conn:
        for name, address in (("Wijkteam Oud", "Postbus 12, 1800 AA Alkmaar"), ("Rechtbank Oud", ""),
                              ("Al Goed", "Postbus 1\n1000 AA Stad")):
            conn.execute(text("INSERT INTO organisation (name, kind, contact_person, email, phone, address, "
                              "created_at, updated_at) VALUES (:name, 'other', '', '', '', :address, "
                              "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"name": name, "address": address})
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        with reopened.session() as session:
            found = dict(session.execute(select(Organisation.name, Organisation.address)).all())
            columns = [row[1] for row in session.execute(text("PRAGMA table_info(letter)"))]
    finally:
        reopened.lock()
    assert found == {"Wijkteam Oud": "Postbus 12\n1800 AA Alkmaar", "Rechtbank Oud": "",
                     "Al Goed": "Postbus 1\n1000 AA Stad"}
    assert "recipient_address" in columns
