"""Dutch wording for demo vaults: agreements, visit notes, evaluations, outcome notes and feedback letters.

Short, factual and varied enough to read like a coordinator's and volunteers' notes. Data, not UI text: it is Dutch
whatever the interface language is.
"""

from __future__ import annotations

import datetime as dt
import random

ROLE_WORD = {"f": "moeder", "m": "vader"}
DAY_WORDS = {"mon": "maandag", "tue": "dinsdag", "wed": "woensdag", "thu": "donderdag", "fri": "vrijdag",
             "sat": "zaterdag", "sun": "zondag"}
PART_WORDS = {"morning": "ochtend", "afternoon": "middag", "evening": "avond"}
PART_TIMES = {"morning": (dt.time(10, 0), dt.time(9, 30)), "afternoon": (dt.time(14, 0), dt.time(13, 30)),
              "evening": (dt.time(18, 0), dt.time(18, 30))}
OUTCOME_WORDS = {"successful": "succesvol afgerond", "stagnated": "gestagneerd",
                 "stopped_at_intake": "vroegtijdig gestopt tijdens de intakefase"}
REASON_WORDS = {
    "resident_resistance": "Er is te veel weerstand bij de verzorgende ouder; het kind komt klem te zitten.",
    "problems_too_heavy": "De problematiek bleek te zwaar; de jeugd- en gezinsbeschermer gaat ermee verder.",
    "non_resident_unstable": "Het functioneren van de uitwonende ouder is te instabiel.",
    "contract_rejected": "Een van de ouders gaat niet akkoord met de BOR-overeenkomst.",
    "referred_too_early": "De aanmelding kwam te vroeg; de BOR is niet de passende hulp voor dit gezin.",
    "wrong_expectations": "Er waren verkeerde verwachtingen over wat de BOR kan bieden.",
    "parents_reconciled": "De ouders hebben het contact onderling hersteld; de regie ligt weer bij de verwijzer.",
    "no_volunteer_match": "Het lukte niet een vrijwilliger te koppelen die aan de eisen van een ouder voldoet.",
    "no_response": "De ouders reageerden niet op de uitnodigingen voor een kennismakingsgesprek.",
    "other": "Het gezin verhuist naar een andere regio; de verwijzer zoekt daar passende hulp.",
}
SUCCESS_NOTES = (
    "Ouders hebben afgesproken dat de omgang zonder begeleiding doorgaat: om het weekend op zaterdag.",
    "De omgang loopt zelfstandig verder, eens per twee weken; overdracht bij de opa en oma van het kind.",
    "Ouders regelen de omgang voortaan zelf via een gedeelde agenda; evaluatie via de verwijzer over drie maanden.",
)
NEEDS_NOTES = ("", "", "Kind heeft een koemelkallergie.", "Kind slaapt 's middags nog even.",
               "Kind heeft een knuffel nodig bij de overdracht.", "Kind draagt een hoortoestel.",
               "Kind gebruikt medicatie voor ADHD; de verzorgende ouder geeft die thuis.",
               "Kind eet geen varkensvlees.", "Kind is snel overprikkeld in drukke ruimtes.",
               "Kind heeft astma; een puffer zit in de tas.")
# A coordinator's case notes: a few facts that matter for the visits, different in each family.
HISTORY_NOTES = ("", "Laatste contact met de uitwonende ouder was {maanden} maanden geleden.",
                 "Ouders communiceren alleen via de advocaten.",
                 "Er loopt een procedure over het gezag; zitting over {maanden} maanden.",
                 "Uitwonende ouder woont sinds kort weer in de regio.",
                 "Eerder begeleide omgang via een andere organisatie, gestopt na een verhuizing.",
                 "Ouders zijn {jaren} jaar uit elkaar; de omgang stopte na een ruzie bij een overdracht.",
                 "Grootouders van vaderskant willen graag betrokken blijven.",
                 "Uitwonende ouder werkt in ploegendienst; vaste dag lastig.")
SCHOOL_NOTES = ("", "", "Zit in groep {groep}; school is op de hoogte.", "Gaat naar de kinderopvang op maandag en "
                "dinsdag.", "Heeft een eigen begeleider op school.", "Zit op zwemles op zaterdagochtend.",
                "Voetbalt bij de plaatselijke club; wedstrijden op zaterdag.")
PLACE_NAMES = ("De Klimboom", "'t Kabouterbos", "De Speelwei", "Het Zonnetje", "De Wielewaal", "De Vlinder",
               "De Zeester", "Het Kompas", "De Duinpieper", "De Regenboog")
PLACE_KINDS = ("Speeltuin {n}, {t}", "Kinderboerderij {n}, {t}", "Wijkcentrum {n}, {t}", "Bibliotheek {t}, kinderhoek",
               "Speelparadijs {n}, {t}", "Buurthuis {n}, {t}")
SEASON_ACTIVITIES = {  # by month: what a volunteer sees people do outside or inside in that season
    "winter": ("hebben binnen met de treinbaan gespeeld", "hebben koekjes versierd", "hebben een sneeuwpop gemaakt",
               "hebben warme chocolademelk gedronken en een spel gedaan"),
    "spring": ("hebben de lammetjes op de kinderboerderij bekeken", "hebben zaadjes geplant in een bakje",
               "hebben eieren geverfd", "hebben met stoepkrijt getekend"),
    "summer": ("hebben met water gespeeld in de speeltuin", "hebben een ijsje gehaald en gewandeld",
               "hebben hutten gebouwd in het bos", "hebben gevlierd in het park"),
    "autumn": ("hebben kastanjes gezocht", "hebben een herfststukje gemaakt", "hebben bladeren verzameld voor een "
               "collage", "hebben binnen een bordspel gedaan omdat het regende"),
}
OBSERVATIONS = ("", "", "Afgesproken dat {ander} de volgende keer een spel meeneemt.",
                "{ander} vroeg de begeleider om tips bij het voorlezen.",
                "{ander} had een cadeautje meegenomen; na overleg mocht {kind} het houden.",
                "{ander} kwam tien minuten te laat; {kind} wachtte rustig met de begeleider.",
                "Aan het eind maakten ze samen een foto, met toestemming van beide ouders.",
                "{ander} vertelde over een nieuwe baan; {kind} luisterde aandachtig.",
                "De begeleider zat bijna de hele tijd op afstand aan de leestafel.",
                "{kind} wilde {ander} de nieuwe zwemdiploma-foto laten zien.",
                "Telefonisch nagebeld met {verzorger}: thuis sliep {kind} goed na de omgang.",
                "{ander} vroeg of de omgang ook eens op een andere locatie kan; doorgegeven aan de coördinator.")
EVALUATION_NOTES = ("Ouders zijn tevreden over de begeleiding.", "{verzorger} ziet dat {kind} na de omgang rustiger "
                    "is.", "{ander} wil graag uitbreiden; {verzorger} wil eerst nog twee keer in de huidige vorm.",
                    "Beide ouders waren aanwezig en bleven rustig; afspraken zijn samen doorgenomen.",
                    "{kind} geeft via de begeleider aan dat het contact leuk is.", "De overdrachten lopen nog "
                    "moeizaam; gescheiden aankomst blijft.", "De begeleider kan steeds meer op afstand blijven.")
ACTIVITIES = ("hebben samen met lego gebouwd", "hebben een spelletje Uno gedaan", "hebben getekend en geknutseld",
              "hebben in de speeltuin gespeeld", "hebben pannenkoeken gegeten", "hebben gevoetbald op het veldje",
              "hebben een prentenboek gelezen", "hebben de dieren op de kinderboerderij gevoerd",
              "hebben een puzzel gemaakt", "hebben met de knikkerbaan gespeeld", "hebben buiten gestoept")
OPENINGS_EARLY = ("{kind} was het eerste kwartier afwachtend en bleef dicht bij de begeleider.",
                  "{kind} herkende {ander} meteen en liep naar {hem_haar} toe.",
                  "Het was even wennen; {kind} keek vooral de kat uit de boom.")
OPENINGS_LATER = ("Het contact verliep ontspannen; de begeleider hield meer afstand dan vorige keer.",
                  "{ander} nam zelf het initiatief voor het spel; de begeleider bleef op de achtergrond.",
                  "{kind} en {ander} gingen vertrouwd met elkaar om.")
WELLBEING = ("{kind} was vrolijk en ontspannen.", "{kind} was in het begin stil en ontdooide na een half uur.",
             "{kind} was moe na een drukke schoolweek maar genoot zichtbaar.", "{kind} lachte veel.",
             "{kind} was wat onrustig bij de overdracht, daarna rustig.")
WELLBEING_BAD = ("{kind} was gespannen en keek vaak naar de deur.", "{kind} huilde bij het afscheid van {verzorger}.")
VOICE = ("\"Mag {ander} de volgende keer ook naar mijn voetbal komen?\"",
         "{kind} zei dat het leuk was en wil graag weer.", "{kind} vroeg of het de volgende keer langer mag duren.",
         "{kind} wil de volgende keer naar de speeltuin.", "{kind} vertelde over school en liet een tekening zien.",
         "{kind} zei niets over de omgang; wilde vooral spelen.")
VOICE_YOUNG = ("{kind} is te jong om het te zeggen; reageerde blij op {ander}.",
               "{kind} zocht zelf toenadering tot {ander}.")
VOICE_BAD = ("{kind} zei dat {verzorger} het niet leuk vindt als {hij_zij} hier is.", "{kind} wilde eerder naar huis.")
HANDOVER_STAGGERED = ("{verzorger} bracht {kind} om {tijd} en was weg voordat {ander} kwam (gescheiden aankomst).",
                      "Gescheiden aankomst en vertrek verliepen volgens afspraak; geen contact tussen de ouders.")
HANDOVER_PLAIN = ("Overdracht verliep rustig; ouders groetten elkaar kort.", "{verzorger} bracht {kind}; korte, "
                  "vriendelijke overdracht.", "{kind} werd door oma gebracht; overdracht zonder bijzonderheden.")
CANCEL_REASONS = {"resident": ("{kind} is ziek.", "Verzorgende ouder heeft een andere afspraak."),
                  "other": ("Uitwonende ouder moet onverwacht werken.", "Uitwonende ouder is ziek."),
                  "volunteer": ("Begeleider is ziek; geen vervanging gevonden.",),
                  "coordinator": ("Locatie onverwacht gesloten.",), "child": ("{kind} heeft koorts.",),
                  "external": ("Code rood vanwege storm; alle afspraken vervallen.",)}
FREQUENCIES = {7: ("Elke week op {dag}{deel}, 1 uur, opbouwend naar 2 uur", "Wekelijks op {dag}{deel}, 1 tot 2 uur"),
               14: ("Eens per twee weken op {dag}{deel}, 1 uur, opbouwend naar 2 uur",
                    "Om de week op {dag}{deel}, 1 tot 2 uur")}
BUILDUPS = ("Eerste drie keer volledig begeleid; daarna neemt de begeleider steeds meer afstand.",
            "Start met 1 uur; na de tussenevaluatie 2 uur en overdracht zonder begeleider erbij.",
            "Na vier omgangsmomenten buiten de locatie mogelijk (wandeling, boodschap) met begeleider in de buurt.")
HANDOVERS = ("Verzorgende ouder brengt het kind en haalt het weer op bij de locatie.",
             "Gescheiden aankomst en vertrek: de brengende ouder komt 15 minuten eerder en is weg voordat de "
             "andere ouder komt; bij het ophalen andersom.")
CANCELLATION = "Afzeggen uiterlijk 24 uur van tevoren bij de begeleider en de coördinator; bij ziekte zo snel mogelijk."
HOUSE_RULES = ("Niet praten over de scheiding of de andere ouder waar het kind bij is. Geen cadeaus zonder overleg. "
               "Geen foto's of filmpjes zonder toestemming van beide ouders. Telefoon weg tijdens de omgang.")
REFERRER_INFO = ("De verwijzer krijgt bericht bij de start, na de tussenevaluatie en bij de afronding: data, "
                 "opkomst, gemaakte afspraken. Geen inhoudelijk oordeel.")
MOTIVATIONS = ("Beide ouders willen dat het contact tussen {kind} en {ander} weer op gang komt.",
               "{verzorger} wil meewerken, maar maakt zich zorgen over de betrouwbaarheid van {ander}.",
               "{ander} heeft {kind} lange tijd niet gezien en wil het contact rustig opbouwen.")
SAFETY_CONFIDENTIAL = "Adres van {wie} is geheim (eerder huiselijk geweld). Gescheiden aankomst en vertrek."
SAFETY = ("Geen bijzonderheden.", "Spanningen bij overdrachten in het verleden; ouders liever niet samen.",
          "Contactverbod tussen ouders tot nader order; alleen gescheiden aankomst.")
VOLUNTEER_WISHES = ("", "", "", "Liefst een vrouwelijke begeleider.", "Liefst een mannelijke begeleider.",
                    "Begeleider met ervaring met jonge kinderen.", "Een begeleider die ook Engels spreekt.")
COURT_FREQUENCY = {7: "Eens per week, 1 tot 2 uur", 14: "Eens per twee weken, 1 tot 2 uur"}
COURT_DURATION = ("Zes maanden", "Drie maanden, daarna evaluatie door de Raad", "Tot de volgende zitting")
COURT_BUILDUP = ("Zes keer begeleid; daarna uitbreiden naar een dagdeel zonder begeleiding.",
                 "Opbouw in overleg met de BOR-coördinator; na drie maanden rapportage aan de rechtbank.")
MEETING_THEMES = ("Meerzijdige partijdigheid", "Loyaliteit bij kinderen van gescheiden ouders",
                  "Veilige overdrachten", "Praten met jonge kinderen", "Grenzen stellen als begeleider")
VOLUNTEER_NOTES = ("", "", "", "Ervaring als pedagogisch medewerker.", "Voormalig leerkracht basisonderwijs.",
                   "Liever niet in de schoolvakanties.", "Kan ook 's avonds invallen.", "Heeft een rijbewijs en auto.")


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def nl_date(day: dt.date) -> str:
    """"5 maart 2026", as Babel's long Dutch format writes it (tested against it), without its cost per call."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fill(rng: random.Random, options: tuple[str, ...], **words) -> str:
    """One of the options with the family's words filled in, starting with a capital."""
    text = rng.choice(options).format(**words)
    return text[:1].upper() + text[1:]


def family_words(child: str, resident_gender: str, other_gender: str) -> dict[str, str]:
    ander = ROLE_WORD[other_gender]
    return {"kind": child, "ander": ander, "verzorger": ROLE_WORD[resident_gender],
            "hem_haar": "hem" if other_gender == "m" else "haar", "hij_zij": "hij" if other_gender == "m" else "zij"}


def visit_notes(rng: random.Random, words: dict, *, index: int, age: int, staggered: bool, tense: bool,
                start: dt.time, on: dt.date | None = None) -> dict[str, str]:
    """What the volunteer writes after a held visit: what happened, handover, how the child was, what it said."""
    opening = fill(rng, OPENINGS_EARLY if index < 2 else OPENINGS_LATER, **words)
    activities = ACTIVITIES + SEASON_ACTIVITIES[season(on)] if on else ACTIVITIES
    happened = f"{words['kind']} en {words['ander']} {rng.choice(activities)}. {opening}"
    extra = fill(rng, OBSERVATIONS, **words)
    happened += f" {extra}" if extra else ""
    handover = fill(rng, HANDOVER_STAGGERED if staggered else HANDOVER_PLAIN, tijd=start.strftime("%H.%M"), **words)
    wellbeing = fill(rng, WELLBEING_BAD if tense else WELLBEING, **words)
    voice = fill(rng, VOICE_BAD if tense else (VOICE_YOUNG if age < 4 else VOICE), **words)
    return {"what_happened": happened, "handover": handover, "child_wellbeing": wellbeing, "child_voice": voice}


def season(day: dt.date) -> str:
    return ("winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn",
            "autumn", "winter")[day.month - 1]


def case_notes(rng: random.Random, children: int, eldest_age: int) -> str:
    """What a coordinator notes about the family: the children, a need, the history, school; each family its own."""
    group = min(8, max(1, eldest_age - 4))
    parts = [f"{children} kind(eren).", rng.choice(NEEDS_NOTES),
             rng.choice(HISTORY_NOTES).format(maanden=rng.randint(2, 30), jaren=rng.randint(1, 8)),
             rng.choice(SCHOOL_NOTES).format(groep=group) if eldest_age >= 4 else ""]
    return " ".join(p for p in parts if p)


def visit_place(rng: random.Random, town: str) -> str:
    return rng.choice(PLACE_KINDS).format(n=rng.choice(PLACE_NAMES), t=town)


def frequency(rng: random.Random, slot: str, gap: int) -> str:
    day, part = slot.split("-")
    return rng.choice(FREQUENCIES[gap]).format(dag=DAY_WORDS[day], deel=PART_WORDS[part])


def no_show_words(absent: list[str]) -> str:
    """"1 keer niet verschenen (uitwonende ouder)", per parent, as the app's letters count them apart from the
    cancellations; "" when every parent came or called off."""
    return ", ".join(f"{absent.count(role)} keer niet verschenen ({NO_SHOW_ROLES[role]})"
                     for role in NO_SHOW_ROLES if role in absent)


NO_SHOW_ROLES = {"resident": "verzorgende ouder", "other": "uitwonende ouder"}


def letter(kind: str, facts: dict) -> tuple[str, str]:
    """(subject, body) of a factual feedback letter: dates, attendance, agreements, outcome; no judgement."""
    ref, to = facts["ref"], facts["to"]
    no_shows = facts.get("no_shows", "")
    body = _LETTER_BODIES[kind].format(**facts | {"no_shows": f"; {no_shows}" if no_shows else ""})
    # The letter's document adds the greeting's close and the signature; the body is the coordinator's text.
    return _LETTER_SUBJECTS[kind].format(ref=ref), f"Beste {to},\n\n{body}"


_LETTER_SUBJECTS = {
    "intake": "{ref}: aanmelding ontvangen en kennismakingsgesprek gehouden",
    "start": "{ref}: begeleide omgang gestart",
    "evaluation": "{ref}: tussenevaluatie",
    "closing": "{ref}: afronding en feitelijk verslag",
    "no_response": "{ref}: ouders reageren niet",
    "schedule": "{ref}: schema omgangsmomenten",
}
_LETTER_BODIES = {
    "intake": "Op {registered} ontvingen wij de aanmelding voor een begeleide omgangsregeling (dossier {ref}). "
              "Op {intake} is het kennismakingsgesprek gehouden met beide ouders. De volgende stap is het "
              "opstellen van de BOR-overeenkomst.",
    "start": "De begeleide omgang is gestart op {first_visit}. Afgesproken is: {frequency}, op locatie "
             "{place}. Bij de tussenevaluatie hoort u van ons hoe het verloopt.",
    "evaluation": "Op {evaluation} is de tussenevaluatie gehouden met beide ouders, de BOR-medewerker en de "
                  "coördinator. Tot die datum gingen {held} omgangsmomenten door en werden er {cancelled} afgezegd"
                  "{no_shows}. Afspraken: {agreements}",
    "closing": "Het BOR-traject is afgesloten op {closed}. Uitkomst: {outcome}. {reason} Gehouden omgangsmomenten: "
               "{held}; afgezegd: {cancelled}{no_shows}. Dit verslag bevat feiten en afspraken, geen oordeel over de "
               "ouders, en is bedoeld voor uw dossier.",
    "no_response": "Na de aanmelding van {registered} hebben wij de ouders meerdere keren uitgenodigd voor een "
                   "kennismakingsgesprek, maar zij hebben niet gereageerd. Wij sluiten het dossier als er binnen "
                   "twee weken geen reactie komt.",
    "schedule": "Hierbij de data van de eerstvolgende omgangsmomenten, steeds op locatie {place}: {dates}. "
                "Kunt u een keer niet, zeg dan uiterlijk 24 uur van tevoren af bij de begeleider.",
}
