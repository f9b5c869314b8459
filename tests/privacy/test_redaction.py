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
