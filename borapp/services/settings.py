"""Organisation settings kept in the vault, with their defaults and limits declared once, here.

A value is checked when it is set (`put`: a clear message) and again when it is read (`get`): a value that is out of
its range or of the wrong kind, e.g. written by an older version or by hand, reads as the default, so that a stored
`auto_lock_minutes` of 0 or 99999 cannot switch off auto-lock, draft saving or the daily backup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import LANGUAGES, _
from borapp.models import Setting
from borapp.models.documents import LETTER_KINDS, REFERRER_KINDS
from borapp.services.errors import UsageError
from borapp.services.validation import email_problem


@dataclass(frozen=True)
class SettingSpec:
    default: str
    choices: tuple[str, ...] = ()
    integer: bool = False
    minimum: int = 0
    maximum: int = 10**9
    email: bool = False  # an address, or empty: a bad sender address stopped every export of letters
    folder: bool = False  # a whole path, or empty: "relatief/pad" meant a folder under wherever the app started
    day: bool = False  # a date kept as 2026-03-05, or empty; set as a coordinator types one (5-3-2026)
    moment: bool = False  # a date and time kept as 2026-03-05T14:00:00, or empty: the app keeps these itself
    yes_no: bool = False  # "1" or "0"; set as 1/0, yes/no or ja/nee
    items: tuple[str, ...] = ()  # some of these, kept ";"-separated; set with ";", "," or spaces between them
    folders: bool = False  # a JSON list of whole folders, or empty
    places: bool = False  # a JSON object of whole paths, each with a list of case numbers, or empty

    def kept(self, key: str, value: str) -> str:
        """`value` as typed, in the form the setting is kept in (a typed date as ISO, yes as "1", "a, b" as
        "a;b"); UsageError when it cannot be read as one."""
        if self.day and value:
            from borapp.services.errors import ValidationError
            from borapp.services.typed_dates import parse_date

            try:
                return parse_date(value, what=key).isoformat()
            except ValidationError as exc:  # the message the forms and the import give
                raise UsageError(str(exc)) from None
        if self.yes_no:
            return YES_NO_WORDS.get(value.casefold(), value)
        if self.items:
            return ";".join(item.casefold() for item in re.split(r"[;,\s]+", value) if item)
        if self.folder and value.startswith("~"):  # kept as the real folder: the form then shows that one
            try:
                return str(Path(value).expanduser())
            except RuntimeError:  # ~someone who is no user here: refused by `problem` as no whole folder
                return value
        return value

    def problem(self, key: str, value: str) -> str:
        """What is wrong with `value` for this setting, in the user's language; "" when it is fine."""
        if self.yes_no and value not in ("0", "1"):
            return _("{key} must be yes or no (1 or 0).").format(key=key)
        if self.day and value and not _reads_as(dt.date.fromisoformat, value):
            return _("{key} must be a date, e.g. 17-11-2026.").format(key=key)
        if self.moment and value and not _reads_as(dt.datetime.fromisoformat, value):
            return _("{key} must be a date and time, e.g. 2026-11-17T14:00:00.").format(key=key)
        if self.items and any(item not in self.items for item in value.split(";") if value):
            wrong = next(item for item in value.split(";") if item not in self.items)
            return _("{key}: '{item}' is not one of: {choices}.").format(key=key, item=wrong,
                                                                          choices=", ".join(self.items))
        if self.folders and value and not _folder_list(value):
            return _("{key} must be a list of whole folders as BOR Desk keeps it, e.g. [\"/home/anna/Brieven\"], "
                     "or \"\" for none.").format(key=key)
        if self.places and value and not _place_map(value):
            return _("{key} is kept by BOR Desk itself.").format(key=key)
        if self.choices and value not in self.choices:
            return _("{key} must be one of: {choices}.").format(key=key, choices=", ".join(self.choices))
        if self.email and email_problem(value):
            return f"{key}: {email_problem(value)}"
        if self.folder and value and not Path(value).is_absolute():
            return _("Choose the whole folder, e.g. with Choose…; '{value}' is not one.").format(value=value)
        if self.integer:
            if not re.fullmatch(r"-?[0-9]+", value):  # a negative one is a whole number, told its range below
                return _("{key} must be a whole number.").format(key=key)
            if not self.minimum <= int(value) <= self.maximum:
                return _("{key} must be from {minimum} to {maximum}.").format(key=key, minimum=self.minimum,
                                                                             maximum=self.maximum)
        return ""


YES_NO_WORDS = {"yes": "1", "ja": "1", "true": "1", "no": "0", "nee": "0", "false": "0"}


def _reads_as(read, value: str) -> bool:
    try:
        read(value)
    except ValueError:
        return False
    return True


def _folder_list(value: str) -> bool:
    try:
        found = json.loads(value)
    except ValueError:
        return False
    return isinstance(found, list) and all(isinstance(f, str) and Path(f).is_absolute() for f in found)


def _place_map(value: str) -> bool:
    try:
        found = json.loads(value)
    except ValueError:
        return False
    return isinstance(found, dict) and all(Path(p).is_absolute() and isinstance(refs, list)
                                           and all(isinstance(r, str) for r in refs) for p, refs in found.items())


SETTINGS: dict[str, SettingSpec] = {
    "language": SettingSpec("nl", LANGUAGES),
    "demo": SettingSpec("0", yes_no=True),  # "1" marks a synthetic demo vault, which `borapp demo --replace` may replace
    "auto_lock_minutes": SettingSpec("10", integer=True, minimum=1, maximum=120),
    "vog_renewal_years": SettingSpec("3", integer=True, minimum=1, maximum=10),
    "waiting_alert_weeks": SettingSpec("4", integer=True, minimum=1, maximum=52),
    "organisation.name": SettingSpec(""),
    "organisation.address": SettingSpec(""),
    "organisation.phone": SettingSpec(""),
    "organisation.email": SettingSpec("", email=True),
    "organisation.website": SettingSpec(""),
    "organisation.logo": SettingSpec(""),
    "backup.folder": SettingSpec("", folder=True),
    "backup.keep": SettingSpec("10", integer=True, minimum=1, maximum=100),
    "backup.last": SettingSpec("", moment=True),
    "backup.elsewhere": SettingSpec("", places=True),  # backups written with `borapp backup --to` (written_places)
    "vault.checked_on": SettingSpec("", day=True),  # the last full check of every page (services/vault/scheduled_check.py)
    "smtp.host": SettingSpec(""),
    "smtp.port": SettingSpec("587", integer=True, minimum=1, maximum=65535),
    "smtp.security": SettingSpec("starttls", ("none", "starttls", "ssl")),
    "smtp.user": SettingSpec(""),
    # "1" lets a login go over an unencrypted connection (smtp.security none): only on a trusted network
    "smtp.allow_plaintext": SettingSpec("0", yes_no=True),
    "smtp.from": SettingSpec("", email=True),
    "smtp.from_name": SettingSpec(""),  # the name beside the sender address; "" = the organisation's name
    "first_day.done": SettingSpec("0", yes_no=True),
    # JSON [folder, ...]: where letters were exported to (services/outbox/export.py), for an erasure to name the
    # files of the case still there
    "outbox.export_folders": SettingSpec("", folders=True),  # "1": the coordinator put away the first-day checklist
    # Privacy: years a closed case is kept (20: the Jeugdwet's term), the last yearly review of the due list,
    # the letter kinds that may go to a referrer (";"-separated; "" = all)
    "privacy.retention_years": SettingSpec("20", integer=True, minimum=1, maximum=30),
    "privacy.reviewed_on": SettingSpec("", day=True),
    "privacy.referrer_letter_kinds": SettingSpec("", items=REFERRER_KINDS),
    # Where access-request exports and saved contracts and letters went (services/vault/written_places.py)
    "privacy.access_exports": SettingSpec("", places=True),
    "documents.written": SettingSpec("", places=True),
    # Team sync (docs/sync-protocol.md): the office server, this laptop's device name and token (kept in the vault,
    # encrypted), the server's last change applied here, when this laptop last synced, open conflicts then
    "sync.url": SettingSpec(""),
    "sync.device": SettingSpec(""),
    "sync.token": SettingSpec(""),
    "sync.last_seq": SettingSpec("0", integer=True, minimum=0, maximum=10**15),
    "sync.last_synced": SettingSpec("", moment=True),
    "sync.open_conflicts": SettingSpec("0", integer=True, minimum=0, maximum=10**9),
    "sync.failed_at": SettingSpec("", moment=True),  # ISO time the last sync failed (not offline), "" once one went well
    "sync.failure": SettingSpec(""),  # why: i18n.Said.kept(), said in the language of now (never a record's values)
    "sync.reindex": SettingSpec(""),  # JSON [case ids]: pulled changes touched them; searched anew at the pull's end
    "sync.numbers": SettingSpec(""),  # JSON {year: [first, last]}: the case numbers the server set aside for us
    "sync.numbers_taken": SettingSpec(""),  # JSON {year: [n, ...]}: numbers of our blocks the server says are taken
    "sync.numbers_claim": SettingSpec(""),  # JSON [case ids]: joined; the numbers of older cases not claimed yet
    "sync.news": SettingSpec(""),  # JSON [[date, line], ...]: what the syncs of the last week changed (sync/news.py)
    "sync.caught_up": SettingSpec(""),  # the vault revision whose kinds of record were all handed to the sync
    # Reports for outside the organisation show counts under this number as "<N" (small cells could name a family)
    "privacy.small_cell_threshold": SettingSpec("5", integer=True, minimum=2, maximum=20),
    # What a trajectory costs (services/reports/costs.py), in whole cents: a coordinator's hour (salary and overhead),
    # a volunteer's kilometre, and the on-call allowance each coordinator gets per month
    "costs.hourly_cost_cents": SettingSpec("0", integer=True, minimum=0, maximum=50_000),
    "costs.kilometre_rate_cents": SettingSpec("23", integer=True, minimum=0, maximum=100),
    "costs.on_call_allowance_cents": SettingSpec("0", integer=True, minimum=0, maximum=500_000),
    # Letter templates per kind and language (services/documents/templates.py checks them); "" = the built-in text.
    **{f"template.{kind}.{lang}": SettingSpec("") for kind in LETTER_KINDS for lang in LANGUAGES},
}


def get(session: Session, key: str) -> str:
    spec = _spec(key)
    row = session.get(Setting, key)
    return _valid(key, spec, row.value if row is not None else spec.default)


def get_int(session: Session, key: str) -> int:
    return int(get(session, key))


def limits(key: str) -> tuple[int, int]:
    """The range of a whole-number setting, for a form's spin box."""
    spec = _spec(key)
    return spec.minimum, spec.maximum


def all_settings(session: Session) -> dict[str, str]:
    stored = {row.key: row.value for row in session.scalars(select(Setting))}
    return {key: _valid(key, spec, stored.get(key, spec.default)) for key, spec in SETTINGS.items()}


def _valid(key: str, spec: SettingSpec, value: str) -> str:
    return spec.default if spec.problem(key, value) else value


def unreadable(session: Session) -> list[str]:
    """What `borapp check` says of each stored setting that reads as its default because it cannot be read (set by
    hand or by an older version): the screens go on as if it were not set."""
    found = []
    for row in session.scalars(select(Setting).order_by(Setting.key)):
        spec = SETTINGS.get(row.key)
        if spec is None or not spec.problem(row.key, row.value):
            continue
        shown = row.value if len(row.value) <= 60 else row.value[:57] + "..."
        found.append((_("The setting {key} holds '{value}', which BOR Desk cannot read; it counts as not set. Set "
                        "it again: borapp config set {key} VALUE.") if not spec.default else
                      _("The setting {key} holds '{value}', which BOR Desk cannot read; it counts as {default}, the "
                        "default. Set it again: borapp config set {key} VALUE."))
                     .format(key=row.key, value=shown, default=spec.default))
    return found


def put(session: Session, key: str, value: str) -> None:
    spec = _spec(key)
    value = spec.kept(key, value.strip())
    problem = spec.problem(key, value)
    if problem:
        raise UsageError(problem)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise UsageError(_("Unknown setting '{key}'. Known: {keys}.").format(key=key, keys=", ".join(SETTINGS))) from None


def read_setting(workspace, key: str) -> str:
    """`get` for callers holding a workspace or vault (anything with `.reading()`), e.g. the GUI."""
    with workspace.reading() as session:
        return get(session, key)


def read_int(workspace, key: str) -> int:
    with workspace.reading() as session:
        return get_int(session, key)


def read_all(workspace) -> dict[str, str]:
    with workspace.reading() as session:
        return all_settings(session)


def write_settings(workspace, values: dict[str, str]) -> None:
    """Validate and store several settings at once: all of them or, on the first bad value, none."""
    with workspace.session() as session:
        for key, value in values.items():
            put(session, key, value)
