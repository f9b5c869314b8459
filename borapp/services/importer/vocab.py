"""The words a coordinator may write in a cell, Dutch or English, and the code each one means."""

from __future__ import annotations

from borapp.services.importer.text import fold


class Vocabulary(dict):
    """Folded word → code (every code also stands for itself); `words` gives each code's first word, the Dutch one
    a Dutch message and template use ("'gratis' is niet een van: ingekocht, per traject", not "purchased, per_case");
    `english` the English one (the code in words, "youth protection", unless given: "per trajectory", "female")."""

    def __init__(self, aliases: dict[str, tuple[str, ...]], english: dict[str, str] | None = None):
        super().__init__()
        self.words = {code: (words[0] if words else code) for code, words in aliases.items()}
        self.english = {code: code.replace("_", " ") for code in aliases} | (english or {})
        for code, words in aliases.items():
            for word in (code, self.english[code], *words):
                self[fold(word)] = code

    def word(self, code: str, dutch: bool) -> str:
        return (self.words if dutch else self.english).get(code, code)


_table = Vocabulary


YES_NO = _table({
    "yes": ("ja", "j", "y", "true", "waar", "1", "x", "wel"),
    "no": ("nee", "n", "false", "onwaar", "0", "niet", "geen"),
})

ROUTES = _table({
    "self": ("eigen initiatief", "own initiative", "zelf", "vrijwillig", "wijkteam", "zelfmelding",
             "self registration"),
    "court": ("rechter", "rechtbank", "beschikking", "court decision", "gerechtelijk"),
    "ots": ("ondertoezichtstelling", "supervision order", "jgb", "jeugd- en gezinsbeschermer"),
}, {"self": "own initiative", "court": "court decision", "ots": "supervision order"})

FUNDING = _table({
    "purchased": ("ingekocht", "ingekocht traject", "ingekochte trajecten", "inkoop", "purchased trajectory",
                  "purchased trajectories"),
    "per_case": ("per traject", "afrekening per traject", "per trajectory", "per case", "per dossier"),
}, {"purchased": "purchased trajectory", "per_case": "per trajectory"})

REFERRER_KINDS = _table({
    "court": ("rechter", "rechtbank"),
    "youth_protection": ("jeugdbescherming", "jgb", "jeugd- en gezinsbeschermer", "gecertificeerde instelling",
                         "family guardian", "youth care", "jeugdzorg"),
    "municipal_team": ("wijkteam", "sociaal wijkteam", "jeugdteam", "municipal team", "neighbourhood team"),
    "municipality": ("gemeente", "municipality"),
    "social_work": ("maatschappelijk werk", "algemeen maatschappelijk werk", "amw"),
    "veilig_thuis": ("veilig thuis",),
    "child_protection_board": ("raad voor de kinderbescherming", "raad", "rvdk", "kinderbescherming",
                               "child protection"),
    "other": ("anders", "overig", "overige"),
})

STATUSES = _table({
    "registered": ("aangemeld", "aanmelding", "geregistreerd", "registration", "nieuw"),
    "waiting": ("wachtlijst", "wachtend", "op de wachtlijst", "waiting list"),
    "intake": ("intake", "kennismakingsgesprek", "intakefase", "intake gesprek"),
    "contract": ("bor-overeenkomst", "overeenkomst", "afspraken", "contractfase"),
    "matching": ("koppeling", "koppelen", "match"),
    "visits": ("begeleide omgang", "omgang", "omgangsmomenten", "bezoeken", "supervised visits"),
    "evaluation": ("tussenevaluatie", "evaluatie", "midway evaluation"),
    "closing": ("afronding", "afronden", "eindverslag"),
    "closed": ("afgesloten", "gesloten", "beeindigd", "afgerond", "closed case"),
}, {"waiting": "waiting list", "evaluation": "midway evaluation"})

OUTCOMES = _table({
    "successful": ("succesvol", "succesvol beeindigd", "succesvol afgerond", "geslaagd", "success"),
    "stagnated": ("gestagneerd", "stagnatie", "stagnated"),
    "stopped_at_intake": ("vroegtijdig gestopt", "vroegtijdig gestopt tijdens intakefase",
                          "vroegtijdig gestopt (intakefase)", "gestopt tijdens intake", "gestopt in intakefase",
                          "stopped early"),
})

GENDERS = _table({
    "f": ("vrouw", "v", "female", "woman"),  # the first word as the profile says it: Vrouw, Man, Anders
    "m": ("man", "male"),
    "x": ("anders", "other", "non-binair", "non-binary", "divers", "onbekend"),
}, {"f": "female", "m": "male", "x": "other"})

LANGUAGES = _table({
    "nl": ("nederlands", "dutch"),
    "en": ("engels", "english"),
    "de": ("duits", "german"),
    "fr": ("frans", "french"),
    "es": ("spaans", "spanish"),
    "pl": ("pools", "polish"),
    "tr": ("turks", "turkish"),
    "ar": ("arabisch", "arabic"),
    "ber": ("berbers", "tamazight", "berber"),
    "pap": ("papiaments", "papiamento"),
    "srn": ("sranantongo", "sranan"),
    "so": ("somalisch", "somali"),
    "ti": ("tigrinya", "tigrinya"),
    "uk": ("oekraiens", "ukrainian"),
    "ru": ("russisch", "russian"),
    "pt": ("portugees", "portuguese"),
    "fy": ("fries", "frysk", "frisian"),
    "rif": ("tarifit", "tarifiyt", "riffijns", "riffian", "riffisch"),
    "fa": ("farsi", "perzisch", "persian"),
}, {"nl": "Dutch", "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pl": "Polish", "tr": "Turkish",
    "ar": "Arabic", "ber": "Berber", "pap": "Papiamento", "srn": "Sranan", "so": "Somali", "ti": "Tigrinya",
    "uk": "Ukrainian", "ru": "Russian", "pt": "Portuguese", "fy": "Frisian", "rif": "Tarifit", "fa": "Farsi"})

DAYS = _table({
    "mon": ("ma", "maandag", "monday"),
    "tue": ("di", "dinsdag", "tuesday"),
    "wed": ("wo", "woensdag", "wednesday"),
    "thu": ("do", "donderdag", "thursday"),
    "fri": ("vr", "vrijdag", "friday"),
    "sat": ("za", "zaterdag", "saturday"),
    "sun": ("zo", "zondag", "sunday"),
})

DAY_PARTS = _table({
    "morning": ("ochtend", "morgen", "ochtends"),
    "afternoon": ("middag", "middags"),
    "evening": ("avond", "avonds"),
})
