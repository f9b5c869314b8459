"""The redactor finds a confidential address in the shapes a coordinator types it again, and leaves other words be."""

from __future__ import annotations

import pytest

from borapp.services.privacy.redaction import Redactor, secrets_of

MARK = "(geheim adres)"


def redact(stored: tuple[str, str, str], text: str) -> str:
    return Redactor(secrets_of(*stored), MARK)(text)


@pytest.mark.parametrize(("stored", "typed", "expected"), [
    (("Xqztokenlaan 17", "9999 QZ", "Xqzdorp"), "Moeder brengt Timo naar de Xqztokenlaan, daar",
     f"Moeder brengt Timo naar de {MARK}, daar"),
    # the number beside the street's name goes with it, before or after, with "nr." or not, and the floor after it
    (("Xqztokenlaan 17", "9999 QZ", "Xqzdorp"), "Zie Xqztokenlaan nr. 17", f"Zie {MARK}"),
    (("Xqztokenlaan 17", "9999 QZ", "Xqzdorp"), "Post naar 17 XQZTOKENLAAN", f"Post naar {MARK}"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring huisnummer 44, tweede bel", f"{MARK}, tweede bel"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 44-II is haar adres", f"{MARK} is haar adres"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 44 hs of", f"{MARK} of"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 44-III, 1617 ED", MARK),
    (("Mickring 44", "1617 ED", "Venhuizen"), "nr. 44 Mickring", MARK),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 46", MARK),  # a number typed wrong is still her street
    (("Van Speijkstraat 44", "1617 ED", "Venhuizen"), "bij de Speijkstraat 44.", f"bij de {MARK}."),
    (("Van Speijkstraat 44", "1617 ED", "Venhuizen"), "Speijkstraat 44A-2 om 10 uur", f"{MARK} om 10 uur"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 10:30 ophalen", f"{MARK} 10:30 ophalen"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mickring 12 Mickring 12", MARK),  # a number between two matches
    (("Ëikenlaan 5", "8888 XY", "Zwolle"), "bij de Eikenlaan 5.", f"bij de {MARK}."),
    (("Eikenlaan 5", "8888 XY", "Zwolle"), "bij de ëikenlaan5 en", f"bij de {MARK} en"),
    (("Straße der Einheit 3", "", "Berlin"), "Strasse der Einheit 3", MARK),
    (("Rossstraat 3", "", "Berlin"), "Roßstraat 3", MARK),
    (("Burgemeester Xqzstraat 1", "6666 CD", "Xqzdorp"), "ophalen aan de Xqzstraat", f"ophalen aan de {MARK}"),
    (("Woonboot De Zwaan, ligplaats Xqzkade", "7777 AB", "Xqzstad"), "Ligplaats Xqzkade, achter",
     f"{MARK}, achter"),
    # the Dutch "ĳ" as one character, stored or typed (a court letter pasted in), either way round
    (("W\u0133kerweg 9", "1617 ED", "Xqzdorp"), "bij moeder thuis, Wijkerweg 9", f"bij moeder thuis, {MARK}"),
    (("Wijkerweg 9", "1617 ED", "Xqzdorp"), "Overdracht W\u0133kerweg 9.", f"Overdracht {MARK}."),
    (("W\u0133kerweg 9", "1617 ED", "Xqzdorp"), "Overdracht W\u0133kerweg 9.", f"Overdracht {MARK}."),
    # invisible characters pasted from a word processor or a web page, inside the street, number or postcode
    (("Mickring 44", "1617 ED", "Venhuizen"), "naar Mick\u00adring 44 of", f"naar {MARK} of"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "naar Mick\u200bring 44 of", f"naar {MARK} of"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "naar Mickring\u200b44 of", f"naar {MARK} of"),
    (("Mickring 44", "1617 ED", "Venhuizen"), "postcode 1617\u200bED.", f"postcode {MARK}."),
    (("Mickring 44", "1617 ED", "Venhuizen"), "Mick\u2060ring\ufeff 4\u200d4", MARK),
])
def test_the_address_is_found_in_the_shapes_it_is_typed_again(stored, typed, expected):
    assert redact(stored, typed) == expected


@pytest.mark.parametrize(("stored", "typed"), [
    (("Xqztokenlaan 17", "9999 QZ", "Utrecht"), "De rechtbank in Utrecht"),  # the town alone is no secret
    (("Oude Gracht 5", "3511 AB", "Utrecht"), "een wandeling langs de gracht"),  # nor the kind of street
    (("Xqztokenlaan 17", "9999 QZ", "Xqzdorp"), "Xqztokenlaantje, 170 keer"),  # another word, another number
    (("Geheimsteeg 77\nUtrecht", "", ""), "Gemeente Utrecht"),  # a line that is the town (no postcode, no number)
])
def test_other_words_are_left_as_they_are(stored, typed):
    assert redact(stored, typed) == typed


@pytest.mark.parametrize(("typed", "expected"), [
    ("ophalen aan huis: Rayansteeg 108, Huisduinen.", f"ophalen aan huis: {MARK}."),
    ("Rayansteeg 108 in Huisduinen", MARK),
    ("Rayansteeg 108 te huisduinen, daarna", f"{MARK}, daarna"),
    ("Rayansteeg, Huisduinen", MARK),
    ("Rayansteeg 108, Huisduinenweg 3 is de speeltuin", f"{MARK}, Huisduinenweg 3 is de speeltuin"),  # another word
    ("Wijkcentrum in Huisduinen", "Wijkcentrum in Huisduinen"),  # the town alone is still no secret
])
def test_the_town_right_after_the_street_goes_with_it(typed, expected):
    """"(geheim adres), Huisduinen": the street was out, the village stayed for the other parent to read."""
    stored = ("Rayansteeg 108", "1789 DJ", "Huisduinen")
    assert Redactor(secrets_of(*stored), MARK, [stored[2]])(typed) == expected


def test_a_cases_redactor_knows_the_confidential_towns_but_not_the_readers_own():
    from borapp.models import Case, Parent
    from borapp.services.privacy.redaction import case_redactor

    case = Case(ref="BOR-2026-777")
    case.parents.append(Parent(role="resident", name="R", address="Rayansteeg 108", postcode="1789 DJ",
                               city="Huisduinen", address_confidential=True))
    case.parents.append(Parent(role="other", name="O", address="Dorpsweg 1", city="Schagen"))
    text = "Overdracht aan huis: Rayansteeg 108, Huisduinen. Vader woont Dorpsweg 1, Schagen."
    assert case_redactor(case, MARK)(text) == f"Overdracht aan huis: {MARK}. Vader woont Dorpsweg 1, Schagen."
    assert case_redactor(case, MARK, keep_role="resident")(text) == text


EMAIL_MARK, PHONE_MARK = "(geheim e-mailadres)", "(geheim telefoonnummer)"


def _confidential_case(email="eva.stinis74@mail.example", phone="06-75700673"):
    from borapp.models import Case, Parent

    case = Case(ref="BOR-2026-778")
    case.parents.append(Parent(role="resident", name="R", address="Rayansteeg 108", postcode="1789 DJ",
                               city="Huisduinen", address_confidential=True, email=email, phone=phone))
    case.parents.append(Parent(role="other", name="O", address="Dorpsweg 1", city="Schagen",
                               email="jules@mail.example", phone="06-11122233"))
    return case


@pytest.mark.parametrize(("typed", "expected"), [
    ("Moeder is bereikbaar via eva.stinis74@mail.example of 06-75700673.",
     f"Moeder is bereikbaar via {EMAIL_MARK} of {PHONE_MARK}."),
    ("Mail: EVA.Stinis74@Mail.Example, of mailto:eva.stinis74@mail.example",
     f"Mail: {EMAIL_MARK}, of mailto:{EMAIL_MARK}"),
    ("eva.stinis74 @ mail.example", EMAIL_MARK),
    # the phone number ignoring spaces, dashes and dots, national or international, with "(0)" or not
    ("bel 0675700673", f"bel {PHONE_MARK}"), ("bel 06 757 006 73.", f"bel {PHONE_MARK}."),
    ("06.75.70.06.73", PHONE_MARK), ("+31 6 75700673", PHONE_MARK), ("+31675700673", PHONE_MARK),
    ("+31 (0)6-757 006 73", PHONE_MARK), ("0031 6 7570 0673", PHONE_MARK),
    ("bel (06) 75700673 of", f"bel {PHONE_MARK} of"), ("(0675700673)", f"({PHONE_MARK})"),
])
def test_the_e_mail_address_and_phone_number_of_the_confidential_parent_are_taken_out(typed, expected):
    from borapp.services.privacy.redaction import case_redactor

    case = _confidential_case()
    clean = case_redactor(case, MARK)
    assert clean(typed) == expected and clean.finds(typed)
    assert case_redactor(case, MARK, keep_role="resident")(typed) == typed  # her own letter keeps them


@pytest.mark.parametrize("typed", [
    "eva.stinis74@mail.example.com", "xeva.stinis74@mail.example",  # another address
    "06-757006731", "106-75700673", "zaak 75700673",  # another number; the number without its 06
    "jules@mail.example of 06-11122233",  # the other parent's own contacts are not confidential
])
def test_other_addresses_and_numbers_are_left_as_they_are(typed):
    from borapp.services.privacy.redaction import case_redactor

    assert case_redactor(_confidential_case(), MARK)(typed) == typed


def test_a_stored_international_number_and_two_of_each_are_found_in_every_form():
    from borapp.services.privacy.redaction import case_redactor

    clean = case_redactor(_confidential_case("eva@a.example; eva@b.example", "+31 (0)6 75700673 of 020-1234567"),
                          MARK)
    assert clean("eva@a.example, eva@b.example") == f"{EMAIL_MARK}, {EMAIL_MARK}"
    assert clean("06-75700673 / 020 123 45 67") == f"{PHONE_MARK} / {PHONE_MARK}"
