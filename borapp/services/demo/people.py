"""Synthetic people, places and organisations for demo vaults: Dutch names from a seeded Faker (`nl_NL`), the
municipalities and regions of the 2019 annual report, and the kinds of referrer a BOR works with.

Nobody here is real. Names that appear in the source documents (the report's authors, contact persons) are never
produced, and every e-mail address uses an example domain.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from faker import Faker

KOP, KENNEMERLAND, WEST_FRIESLAND = "Kop", "Kennemerland/Alkmaar", "West-Friesland"
REGIONS = (KOP, KENNEMERLAND, WEST_FRIESLAND)

# Names that occur in the seed documents: never generate them, not even as a first or last name alone.
FORBIDDEN_NAMES = frozenset({"mariska", "klaas", "marlie", "kraakman", "homsma", "hommsma", "cerneus"})


@dataclass(frozen=True)
class Place:
    """A municipality of the 2019 report: region, funding, share of registrations, villages, postcode range."""

    name: str
    region: str
    funding: str
    weight: int
    towns: tuple[str, ...]
    postcodes: tuple[int, int]
    trajectories: int | None = None  # purchased trajectories per year


MUNICIPALITIES = (
    Place("Den Helder", KOP, "purchased", 25, ("Den Helder", "Julianadorp", "Huisduinen"), (1780, 1789), 14),
    Place("Alkmaar", KENNEMERLAND, "purchased", 14, ("Alkmaar", "Oudorp", "De Rijp", "Stompetoren"), (1811, 1829), 8),
    Place("Schagen", KOP, "purchased", 6, ("Schagen", "Callantsoog", "Warmenhuizen", "Tuitjenhorn"), (1741, 1756), 5),
    Place("Texel", KOP, "purchased", 1, ("Den Burg", "De Koog", "Oudeschild", "Den Hoorn"), (1791, 1797), 1),
    Place("Medemblik", WEST_FRIESLAND, "per_case", 12, ("Medemblik", "Wervershoof", "Andijk", "Wognum"), (1671, 1689)),
    Place("Hoorn", WEST_FRIESLAND, "per_case", 8, ("Hoorn", "Zwaag", "Blokker"), (1621, 1628)),
    Place("Stede Broec", WEST_FRIESLAND, "per_case", 6, ("Bovenkarspel", "Grootebroek", "Lutjebroek"), (1611, 1614)),
    Place("Heerhugowaard", KENNEMERLAND, "per_case", 4, ("Heerhugowaard",), (1701, 1706)),
    Place("Enkhuizen", WEST_FRIESLAND, "per_case", 2, ("Enkhuizen",), (1601, 1602)),
    Place("Drechterland", WEST_FRIESLAND, "per_case", 5, ("Hoogkarspel", "Venhuizen", "Westwoud"), (1616, 1619)),
    Place("Hollands Kroon", KOP, "per_case", 6, ("Anna Paulowna", "Wieringerwerf", "Hippolytushoef", "Breezand"),
          (1761, 1779)),
    Place("Langedijk", KENNEMERLAND, "per_case", 9, ("Broek op Langedijk", "Noord-Scharwoude", "Sint Pancras"),
          (1721, 1724)),
    Place("Opmeer", WEST_FRIESLAND, "per_case", 3, ("Opmeer", "Spanbroek", "Hoogwoud"), (1715, 1718)),
    Place("Beemster", WEST_FRIESLAND, "per_case", 1, ("Middenbeemster", "Zuidoostbeemster"), (1462, 1463)),
    Place("Koggenland", WEST_FRIESLAND, "per_case", 1, ("Avenhorn", "De Goorn", "Obdam", "Ursem"), (1633, 1647)),
    Place("BUCH", KENNEMERLAND, "per_case", 3, ("Bergen", "Uitgeest", "Castricum", "Heiloo"), (1851, 1911)),
)
FIRST_YEAR = 2017

# (name, kind): the referrers and commissioning parties; a wijkteam per municipality is added to these.
ORGANISATIONS = (
    ("Rechtbank Noord-Holland", "court"),
    ("Jeugdbescherming Noord", "youth_protection"),
    ("Algemeen Maatschappelijk Werk Noord-Holland Noord", "social_work"),
    ("Schoolmaatschappelijk werk West-Friesland", "social_work"),
    ("Veilig Thuis Noord-Holland Noord", "veilig_thuis"),
    ("Raad voor de Kinderbescherming, regio Noord-Holland", "child_protection_board"),
    ("Huisartsenpraktijk De Duinroos", "other"),
    ("Mediationpraktijk Het Midden", "other"),
    ("Centrum voor Jeugd en Gezin Kop van Noord-Holland", "other"),
    ("Gemeente Den Helder, team Jeugd", "municipality"),
)
ORGANISATION_TOWNS = {"court": "Alkmaar", "youth_protection": "Alkmaar", "veilig_thuis": "Alkmaar",
                      "child_protection_board": "Alkmaar", "social_work": "Hoorn", "other": "Schagen",
                      "municipality": "Den Helder"}


def postbus_address(number: int, town: str) -> str:
    """"Postbus 1234" and "1741 AB Schagen" on two lines, the postcode from the town's range (no random draw)."""
    first = next(p.postcodes[0] for p in MUNICIPALITIES if town in p.towns)
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    return f"Postbus {number}\n{first} {letters[number % 20]}{letters[number // 20 % 20]} {town}"


def wijkteam_name(municipality: str) -> str:
    return f"Wijkteam {municipality}"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _letters(rng: random.Random) -> str:
    while (pair := "".join(rng.choice("ABCDEGHJKLMNPRTVWXZ") for _ in range(2))) in ("SA", "SD", "SS"):
        pass
    return pair


class People:
    """Names, addresses and contact details: pools drawn once from a Faker seeded with the demo's seed (drawing
    from the pools costs a fraction of a Faker call), picked with the demo's own random stream."""

    POOL = 1500

    def __init__(self, seed: int, rng: random.Random):
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.rng = rng
        self.first_names = {"f": _allowed(fake.first_name_female, self.POOL // 3),
                            "m": _allowed(fake.first_name_male, self.POOL // 3)}
        self.last_names = _allowed(fake.last_name, self.POOL)
        self.streets = [fake.street_name() for _ in range(self.POOL // 3)]

    def first_name(self, gender: str) -> str:
        return self.rng.choice(self.first_names[gender])

    def last_name(self) -> str:
        return self.rng.choice(self.last_names)

    def name(self, gender: str, last: str | None = None) -> str:
        return f"{self.first_name(gender)} {last or self.last_name()}"

    def address(self, place: Place) -> tuple[str, str, str]:
        """(street and number, postcode, town) inside the municipality."""
        street = f"{self.rng.choice(self.streets)} {self.rng.randint(1, 180)}"
        postcode = f"{self.rng.randint(*place.postcodes)} {_letters(self.rng)}"
        return street, postcode, self.rng.choice(place.towns)

    def mobile(self) -> str:
        return f"06-{self.rng.randint(10_000_000, 99_999_999)}"

    def landline(self) -> str:
        return f"0{self.rng.choice(('223', '224', '226', '228', '229', '72'))}-{self.rng.randint(100_000, 999_999)}"

    def email(self, full_name: str, domain: str = "mail.example") -> str:
        parts = full_name.split()
        return f"{slug(parts[0])}.{slug(''.join(parts[1:]))}{self.rng.randint(1, 99)}@{domain}"

    def work_email(self, full_name: str, organisation: str) -> str:
        parts = full_name.split()
        return f"{slug(parts[0])[:1]}.{slug(''.join(parts[1:]))}@{slug(organisation)}.example"


def _allowed(pick, count: int) -> list[str]:
    """`count` values from `pick`, leaving out any with a name part from the source documents."""
    values = (pick() for _ in range(count))
    return [v for v in values if not any(part.lower() in FORBIDDEN_NAMES for part in re.split(r"[\s-]+", v))]


def weighted_municipality(rng: random.Random) -> Place:
    return rng.choices(MUNICIPALITIES, weights=[m.weight for m in MUNICIPALITIES])[0]


def funding_for(place: Place, year: int) -> str:
    """Schagen bought trajectories from 2018 on (per trajectory before); the others as in the 2019 report."""
    if place.name == "Schagen" and year < 2018:
        return "per_case"
    return place.funding
