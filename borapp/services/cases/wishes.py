"""The family's wishes for the match, kept with the case: the preferred days and day-parts, and what the parents ask
of the volunteer (gender, languages, anything else). The intake asks them; they change later too ("she wants a
volunteer who speaks English after all"), and matching ranks by what they say now."""

from __future__ import annotations

import re
from dataclasses import dataclass

from borapp.i18n import _
from borapp.services import audit
from borapp.services.cases.flow import get_case
from borapp.services.errors import ValidationError
from borapp.services.vault.workspace import Workspace
from borapp.services.volunteers.profiles import (
    DAY_PARTS, WEEKDAYS, format_availability, language_code, parse_availability, parse_languages,
)

_LANGUAGE = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)*$")
WISH_GENDERS = ("", "f", "m")  # no preference, female, male
LIMITS = {"preferred_slots": 400, "wish_languages": 100, "volunteer_wishes": 4000}


@dataclass(frozen=True)
class Wishes:
    """As stored: slots "sat-morning;wed-afternoon", gender "f"/"m"/"", languages "en;tr", other wishes as typed."""

    preferred_slots: str = ""
    wish_gender: str = ""
    wish_languages: str = ""
    volunteer_wishes: str = ""


def wishes_of(case) -> Wishes:
    return Wishes(case.preferred_slots or "", case.wish_gender or "", case.wish_languages or "",
                  case.volunteer_wishes or "")


def wish_problems(slots, gender: str, languages) -> dict[str, str]:
    """What is wrong with wishes as codes (slots "sat-morning", languages "en"), field by field: the intake's wishes
    step and the case file ask the same."""
    known = {f"{day}-{part}" for day in WEEKDAYS for part in DAY_PARTS}
    problems = {}
    if any(code not in known for code in slots):
        problems["preferred_slots"] = _("Unknown day-part.")
    if gender not in WISH_GENDERS:
        problems["wish_gender"] = _("Choose female, male or no preference.")
    bad = [code for code in languages if not _known_language(code)]
    if bad:
        problems["wish_languages"] = _("Unknown language code '{code}'.").format(code=bad[0])
    return problems


def _known_language(code: str) -> bool:
    """A code ("rif") or a language kept by its name ("papiamentu"), as the volunteer profile keeps them, so that
    matching compares the two; not a name that has a code ("english")."""
    return bool(_LANGUAGE.match(code)) and language_code(code) == code


def save_wishes(workspace: Workspace, case_id: int, wishes: Wishes) -> None:
    """Refused (ValidationError on its field) for a day-part, gender or language code it does not know."""
    languages = parse_languages(wishes.wish_languages)
    codes = [code.strip() for code in wishes.preferred_slots.split(";") if code.strip()]
    for field, problem in wish_problems(codes, wishes.wish_gender, languages).items():
        raise ValidationError(problem, field)
    slots = format_availability(parse_availability(wishes.preferred_slots))
    other = wishes.volunteer_wishes.strip()
    for field, value in (("wish_languages", ";".join(languages)), ("volunteer_wishes", other)):
        if len(value) > LIMITS[field]:
            raise ValidationError(_("At most {n} characters.").format(n=LIMITS[field]), field)
    with workspace.session() as session:
        case = get_case(session, case_id)
        case.preferred_slots, case.wish_gender = slots, wishes.wish_gender
        case.wish_languages, case.volunteer_wishes = ";".join(languages), other
        audit.record(session, "update", "case", case.id, workspace.actor)
