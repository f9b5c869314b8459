"""Organisation settings kept in the vault, with their defaults and limits declared once, here.

A value is checked when it is set (`put`: a clear message) and again when it is read (`get`): a value that is out of
its range or of the wrong kind, e.g. written by an older version or by hand, reads as the default, so that a stored
`auto_lock_minutes` of 0 or 99999 cannot switch off auto-lock, draft saving or the daily backup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import LANGUAGES, _
from borapp.models import Setting
from borapp.models.documents import LETTER_KINDS
from borapp.services.errors import UsageError
from borapp.services.validation import email_problem

REFERRER_LETTER_KINDS = tuple(kind for kind in LETTER_KINDS if kind != "schedule")  # the schedule goes to a parent
KIND_SEPARATOR = ";"

@dataclass(frozen=True)
class SettingSpec:
    default: str
    choices: tuple[str, ...] = ()
    integer: bool = False
    minimum: int = 0
    maximum: int = 10**9
    email: bool = False  # an address, or empty: a bad sender address stopped every export of letters
    folder: bool = False  # a whole path, or empty: "relatief/pad" meant a folder under wherever the app started
    kinds: tuple[str, ...] = ()  # a list of these, KIND_SEPARATOR between them, or empty: "intake,closing" matched
    # no kind and so allowed every one

    def problem(self, key: str, value: str) -> str:
        """What is wrong with `value` for this setting, in the user's language; "" when it is fine."""
        if self.choices and value not in self.choices:
            return _("{key} must be one of: {choices}.").format(key=key, choices=", ".join(self.choices))
        if self.email and email_problem(value):
            return f"{key}: {email_problem(value)}"
        if self.folder and value and not Path(value).expanduser().is_absolute():
            return _("Choose the whole folder, e.g. with Choose…; '{value}' is not one.").format(value=value)
        if self.kinds:
            return _kinds_problem(key, value, self.kinds)
        if self.integer:
            if not re.fullmatch(r"-?[0-9]+", value):  # a negative one is a whole number, told its range below
                return _("{key} must be a whole number.").format(key=key)
            if not self.minimum <= int(value) <= self.maximum:
                return _("{key} must be from {minimum} to {maximum}.").format(key=key, minimum=self.minimum,
                                                                             maximum=self.maximum)
        return ""


def _kinds_problem(key: str, value: str, kinds: tuple[str, ...]) -> str:
    unknown = [each.strip() for each in value.split(KIND_SEPARATOR) if each.strip() and each.strip() not in kinds]
    if not unknown:
        return ""
    return _("{key}: '{value}' is not a kind of letter. Give the kinds separated by '{separator}', e.g. "
             "intake{separator}closing, from: {kinds} (empty: all of them).").format(
        key=key, value=unknown[0], separator=KIND_SEPARATOR, kinds=", ".join(kinds))


SETTINGS: dict[str, SettingSpec] = {
    "language": SettingSpec("nl", LANGUAGES),
    "demo": SettingSpec("0", ("0", "1")),  # "1" marks a synthetic demo vault, which `borapp demo --replace` may replace
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
    "backup.last": SettingSpec(""),
    "vault.checked_on": SettingSpec(""),  # the last full check of every page (services/vault/scheduled_check.py)
    "smtp.host": SettingSpec(""),
    "smtp.port": SettingSpec("587", integer=True, minimum=1, maximum=65535),
    "smtp.security": SettingSpec("starttls", ("none", "starttls", "ssl")),
    "smtp.user": SettingSpec(""),
    # "1" lets a login go over an unencrypted connection (smtp.security none): only on a trusted network
    "smtp.allow_plaintext": SettingSpec("0", ("0", "1")),
    "smtp.from": SettingSpec("", email=True),
    "smtp.from_name": SettingSpec(""),  # the name beside the sender address; "" = the organisation's name
    "first_day.done": SettingSpec("0", ("0", "1")),
    # JSON [folder, ...]: where letters were exported to (services/outbox/export.py), for an erasure to name the
    # files of the case still there
    "outbox.export_folders": SettingSpec(""),  # "1": the coordinator put away the first-day checklist
    # Privacy: years a closed case is kept (20: the Jeugdwet's term), the last yearly review of the due list,
    # the letter kinds that may go to a referrer (";"-separated; "" = all)
    "privacy.retention_years": SettingSpec("20", integer=True, minimum=1, maximum=30),
    "privacy.reviewed_on": SettingSpec(""),
    "privacy.referrer_letter_kinds": SettingSpec("", kinds=REFERRER_LETTER_KINDS),
    # Team sync (docs/sync-protocol.md): the office server, this laptop's device name and token (kept in the vault,
    # encrypted), the server's last change applied here, when this laptop last synced, open conflicts then
    "sync.url": SettingSpec(""),
    "sync.device": SettingSpec(""),
    "sync.token": SettingSpec(""),
    "sync.last_seq": SettingSpec("0", integer=True, minimum=0, maximum=10**15),
    "sync.last_synced": SettingSpec(""),
    "sync.open_conflicts": SettingSpec("0", integer=True, minimum=0, maximum=10**9),
    "sync.failed_at": SettingSpec(""),  # ISO time the last sync failed (not offline), "" once one went well
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


def put(session: Session, key: str, value: str) -> None:
    spec = _spec(key)
    value = value.strip()
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
