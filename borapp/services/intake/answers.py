"""What an intake gathers, as plain values: `IntakeInput`, and its JSON form for drafts (`to_dict` / `from_dict`).

The parents and children reuse the case editor's `ParentInput` and `ChildInput`. Reading a dict is forgiving: a
missing or malformed value becomes the empty default, so an old or damaged draft still opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

from borapp.i18n import _
from borapp.services import typed_dates
from borapp.services.cases.editing import ChildInput, ParentInput
from borapp.services.cases.wishes import WISH_GENDERS  # noqa: F401 (API)
from borapp.services.errors import ValidationError
from borapp.services.organisations.referrers import KIND_LABELS as ORGANISATION_KIND_LABELS  # noqa: F401 (API)

# The kind a new referrer most likely is, given the route.
ROUTE_REFERRER_KIND = {"self": "municipal_team", "court": "court", "ots": "youth_protection"}

_PARENT_TEXT = ("name", "address", "postcode", "city", "email", "phone", "notes")
DATE_FIELDS = ("registered_on", "intake_on", "court_decision_on")


@dataclass(frozen=True)
class IntakeInput:
    registered_on: dt.date | None = None
    intake_on: dt.date | None = None  # the day of the intake talk (kennismakingsgesprek): the case's intake date
    route: str = ""
    # The referrer: an existing organisation (referrer_id) or a new one (name, kind and postal address), and the
    # person there (a new organisation's contact person and e-mail too).
    referrer_id: int | None = None
    referrer_name: str = ""
    referrer_kind: str = ""
    referrer_address: str = ""
    referrer_contact: str = ""
    referrer_email: str = ""
    # The commissioning party: the referrer itself, an existing organisation, a new one, or none known yet.
    commissioner_same: bool = True
    commissioner_id: int | None = None
    commissioner_name: str = ""
    commissioner_kind: str = ""
    commissioner_contact: str = ""
    commissioner_address: str = ""
    commissioner_email: str = ""
    municipality_id: int | None = None
    funding: str = ""
    resident: ParentInput = field(default_factory=lambda: ParentInput("resident", address="", postcode="", city=""))
    other: ParentInput = field(default_factory=lambda: ParentInput("other", address="", postcode="", city=""))
    children: tuple[ChildInput, ...] = ()
    court_decision_on: dt.date | None = None
    court_frequency: str = ""
    court_duration: str = ""
    court_buildup: str = ""
    motivation_resident: str = ""
    motivation_other: str = ""
    no_contact_order: bool = False
    no_contact_details: str = ""
    must_not_meet: str = ""
    staggered_arrival: bool = False
    preferred_slots: tuple[str, ...] = ()  # "mon-afternoon", "sat-morning"
    visit_place: str = ""
    wish_gender: str = ""                  # "f", "m" or "" (no preference)
    wish_languages: tuple[str, ...] = ()   # "nl", "tr"
    other_wishes: str = ""

    def filled_children(self) -> tuple[ChildInput, ...]:
        """The children rows with anything in them (the wizard may hold an empty row)."""
        return tuple(c for c in self.children if c.name.strip() or c.birth_date is not None)


def to_dict(inp: IntakeInput) -> dict:
    """A JSON-able dict (dates as ISO text) that `from_dict` reads back into the same input."""
    data = asdict(inp)
    for key in DATE_FIELDS:
        data[key] = data[key].isoformat() if data[key] else None
    data["children"] = [{"name": c.name, "birth_date": c.birth_date.isoformat() if c.birth_date else None}
                        for c in inp.children]
    data["preferred_slots"], data["wish_languages"] = list(inp.preferred_slots), list(inp.wish_languages)
    return data


def from_dict(data: dict | IntakeInput | None) -> IntakeInput:
    if isinstance(data, IntakeInput):
        return data
    data = data if isinstance(data, dict) else {}
    values: dict = {}
    for f in fields(IntakeInput):
        if f.name not in data:
            continue
        raw = data[f.name]
        if f.name in DATE_FIELDS:
            values[f.name] = _date(raw)
        elif f.name in ("resident", "other"):
            values[f.name] = _parent(f.name, raw)
        elif f.name == "children":
            values[f.name] = tuple(ChildInput(name=_text(c.get("name")), birth_date=_date(c.get("birth_date")))
                                   for c in (raw if isinstance(raw, list) else []) if isinstance(c, dict))
        elif f.name in ("preferred_slots", "wish_languages"):
            values[f.name] = tuple(_text(v) for v in (raw if isinstance(raw, list | tuple) else []) if _text(v))
        elif f.name in ("referrer_id", "commissioner_id", "municipality_id"):
            values[f.name] = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        elif f.name in ("commissioner_same", "no_contact_order", "staggered_arrival"):
            values[f.name] = bool(raw)
        else:
            values[f.name] = _text(raw)
    return IntakeInput(**values)


def _parent(role: str, raw) -> ParentInput:
    raw = raw if isinstance(raw, dict) else {}
    return ParentInput(role=role, address_confidential=bool(raw.get("address_confidential")),
                       **{k: _text(raw.get(k)) for k in _PARENT_TEXT})


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:  # ISO from the wizard, or a date as typed (a draft keeps what could not be read yet)
        return typed_dates.parse_date(value) if isinstance(value, str) else None
    except ValidationError:
        return None


# ---- the wizard's draft ---------------------------------------------------------------------------------------------

DRAFT_VERSION = 1
DRAFT_KEY_PREFIX = "intake/"  # the screens keep an unfinished intake under "ui/intake/<uuid>"
LAST_PAGE = 10


def draft_payload(data: IntakeInput | dict, page: int, acknowledged: list | tuple = ()) -> dict:
    """What an unfinished intake is kept as: its input (a date that could not be read as it was typed), the page it
    was on, duplicates the user chose to ignore."""
    return {"version": DRAFT_VERSION, "page": page, "data": _kept_as_typed(data),
            "acknowledged": [list(a) for a in acknowledged]}


def read_draft(payload: dict | None) -> tuple[IntakeInput, int, list[tuple]]:
    payload = payload if isinstance(payload, dict) else {}
    page = payload.get("page")
    page = page if isinstance(page, int) and 1 <= page <= LAST_PAGE else 1
    acknowledged = [tuple(a) for a in payload.get("acknowledged", []) if isinstance(a, list | tuple)]
    return from_dict(payload.get("data")), page, acknowledged


def draft_values(payload: dict | None) -> dict:
    """A draft's input as the wizard's pages are filled from it: `to_dict`'s values, with a date that could not be
    read as it was typed ("31-11-2026" comes back with its message, not as today's date or an empty field)."""
    data = payload.get("data") if isinstance(payload, dict) else None
    return _kept_as_typed(data if isinstance(data, dict) else {})


def _kept_as_typed(data: IntakeInput | dict) -> dict:
    values = to_dict(from_dict(data))
    if not isinstance(data, dict):
        return values
    for key in DATE_FIELDS:
        if values[key] is None and _typed(data.get(key)):
            values[key] = data[key]
    given = [c for c in data.get("children") or [] if isinstance(c, dict)]
    for child, typed in zip(values["children"], given):
        if child["birth_date"] is None and _typed(typed.get("birth_date")):
            child["birth_date"] = typed["birth_date"]
    return values


def _typed(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def describe_draft(payload: dict | None) -> tuple[str, str]:
    """(title, text) for the dashboard's "Unsaved edits to resume": the family if named yet, and the step."""
    inp, page, _ack = read_draft(payload)
    title = " ".join(inp.resident.name.split()) or " ".join(inp.other.name.split())
    title = _("New intake: {family}").format(family=title) if title else _("New intake")
    return title, _("Intake not finished (step {n} of {total})").format(n=page, total=LAST_PAGE)


@dataclass(frozen=True)
class KeptIntake:
    key: str  # the screens' key, "intake/<uuid>" (kept under drafts.UI_PREFIX)
    title: str
    text: str


def kept_intakes(workspace) -> list[KeptIntake]:
    """The intakes kept to continue later, the latest first, described as Today lists them."""
    from borapp.services import drafts

    prefix = drafts.UI_PREFIX + DRAFT_KEY_PREFIX
    return [KeptIntake(item.key[len(drafts.UI_PREFIX):], *describe_draft(item.payload))
            for item in drafts.list_drafts(workspace, prefix)]
