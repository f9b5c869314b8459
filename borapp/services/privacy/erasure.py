"""Erasure that is real (AVG art. 17, and destruction after the retention period).

A case goes with everything tied to it (parents, children, visits, evaluations, letters, contracts, attachments,
drafts) in one transaction; its words leave the full-text index (FTS5 secure-delete is on for `case_search`), the
deleted pages are zeroed (`secure_delete`), and the WAL is checkpointed and truncated, so no decrypted page of the
file holds them any more. What stays is a tombstone (case number, when, why, who — no name), the access log's
lines, which hold no content, and an anonymous count of what the annual report counted of it (`erased_counts`: no
number, name or text), so the figures of the years it counted in stay as they were reported. Backups made before still hold the case: the tombstone lists them, and `restore`
re-applies every tombstone of the vault it replaces (`carry_erasures`).
"""

from __future__ import annotations

import datetime as dt
import glob
import re

from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from borapp.i18n import N_, _, babel_locale, ngettext
from borapp.models import (
    Attachment, Case, CaseHours, Child, Contract, Draft, Erasure, Evaluation, Letter, Parent, Visit, VisitAddendum, db,
)
from borapp.models.base import utcnow
from borapp.services import audit, settings
from borapp.services.cases import search_index
from borapp.services.cases.labels import role_label
from borapp.services.outbox.export import export_folders
from borapp.services.privacy.erased_counts import count_case
from borapp.services.privacy.tombstones import backups_now
from borapp.services.sync.capture import DEVICE_SETTING
from borapp.services.sync.erasure_ops import erase_operation
from borapp.services.vault import written_places
from borapp.services.vault.attached import rows_of
from borapp.services.vault.set_aside import set_aside_vaults
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class ErasureRecord:
    case_ref: str
    reason: str
    actor: str
    backups_before: tuple[str, ...]
    report_years: tuple[int, ...] = ()  # the years whose annual figures counted the case: its anonymous count stays
    exported: tuple[Path, ...] = ()  # its letters exported to a folder, still there: they hold the family's names
    set_aside: tuple[Path, ...] = ()  # the vault a restore set aside: it holds the case too, as a backup does
    written: tuple[Path, ...] = ()  # its access-request exports and saved documents, still there (written_places)


def erase_case(workspace: Workspace, case_ref: str, reason: str, *, confirm: str) -> ErasureRecord:
    """Erase the case `case_ref`; `confirm` must repeat the case number (as the coordinator types it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the case is erased (e.g. 'request of the resident parent')."))
    if confirm.strip() != case_ref:
        raise ValidationError(_("Type the case number {ref} to confirm.").format(ref=case_ref))
    with workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == case_ref))
        if case is None:
            raise NotFound(_("No case {ref} in this vault.").format(ref=case_ref))
        held_by = tuple(backups_now(session))
        years = report_years(case)
        reason = reason_without_names(case, reason)
        tombstone = Erasure(case_ref=case_ref, reason=reason, actor=workspace.actor, erased_at=utcnow(),
                            backups_before="\n".join(held_by))
        case_id = case.id
        remove_case(session, case)
        session.add(tombstone)
        audit.record(session, "erase", "case", case_id, workspace.actor, case_id=case_id)
    scrub_files(workspace.vault.engine)
    with workspace.reading() as session:
        exported = tuple(exported_files(session, case_ref))
        written = tuple(written_places.files_of_case(session, case_ref))
    aside = tuple(set_aside_vaults(workspace.path))
    return ErasureRecord(case_ref, reason, workspace.actor, held_by, years, exported, aside, written)


def backups_words(record: ErasureRecord) -> str:
    """Which backups still hold the erased case ("" when none)."""
    held = record.backups_before
    if not held:
        return ""
    return ngettext("The backup {names} still holds the case; restoring it erases the case again.",
                    "The backups {names} still hold the case; restoring one erases the case again.",
                    len(held)).format(names=format_list(list(held), locale=babel_locale()))


def aside_words(record: ErasureRecord) -> str:
    """The vault a restore set aside, which holds the case as a backup does ("" when there is none)."""
    if not record.set_aside:
        return ""
    return ngettext("The vault set aside by a restore, {names}, still holds the case (it opens with its old "
                    "passphrase). Delete it once you no longer need it.",
                    "The vaults set aside by a restore, {names}, still hold the case (they open with their old "
                    "passphrase). Delete them once you no longer need them.", len(record.set_aside)).format(
        names=format_list([str(p) for p in record.set_aside], locale=babel_locale()))


def files_words(record: ErasureRecord) -> str:
    """Which exported files of the erased case are still on disk ("" when none), one a line."""
    if not record.exported:
        return ""
    said = ngettext("{n} file of the case's letters, exported before, is still there, with the family's names:",
                    "{n} files of the case's letters, exported before, are still there, with the family's names:",
                    len(record.exported)).format(n=len(record.exported))
    return "\n".join([said] + [str(path) for path in record.exported])


def written_words(record: ErasureRecord) -> str:
    """Which requests for access and saved documents of the erased case are still on disk ("" when none), one a
    line: they hold the whole case, the confidential address and the children's names too."""
    if not record.written:
        return ""
    said = ngettext("{n} request for access or saved document of the case is still there, with the whole case in it:",
                    "{n} requests for access or saved documents of the case are still there, with the whole case "
                    "in them:", len(record.written)).format(n=len(record.written))
    return "\n".join([said] + [str(path) for path in record.written] + [_("Delete them yourself when they are no "
                                                                          "longer needed.")])


def exported_files(session: Session, case_ref: str) -> list[Path]:
    """The files of case `case_ref` in the folders letters were exported to: each is named after the case's number
    ("BOR-2026-005-begeleide-omgang-gestart-53.eml", its PDF beside it), and holds names and addresses."""
    found: set[Path] = set()
    for folder in export_folders(session):
        for suffix in ("eml", "pdf"):
            names = glob.glob(f"{glob.escape(case_ref)}-*.{suffix}", root_dir=folder)
            found.update(Path(folder, name) for name in names if Path(folder, name).is_file())
    return sorted(found)


def remove_files(paths) -> list[Path]:
    """Delete `paths` (a case's exported files after its erasure); returns those that could not be deleted."""
    kept = []
    for path in map(Path, paths):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            kept.append(path)
    return kept


CHILD_WORD = N_("(child)")
# the little words of a Dutch surname ("van der", "de", "ter"): no name by themselves, and common words of a reason
NAME_PARTICLES = frozenset("van de der den het 't ter ten te op in la le du von vd".split())


def reason_without_names(case: Case, reason: str) -> str:
    """`reason` with the family's names, whole or any part of them, replaced by who they are ("(resident parent)",
    "(child)"): the reason stays in the tombstone, and in every restore after it, when the case is long gone."""
    people = [(p.name or "", "(" + role_label(p.role).lower() + ")") for p in case.parents]
    people += [(c.name or "", _(CHILD_WORD)) for c in case.children]
    pieces = [(piece, role) for name, role in people for piece in _name_pieces(name)]
    for piece, role in sorted(pieces, key=lambda p: len(p[0]), reverse=True):  # "van der Berg" before "Berg"
        reason = _replaced(reason, piece, role)
    return reason


def _name_pieces(name: str) -> set[str]:
    """A name whole, its beginnings and ends ("Anna de Vries": "Anna de", "de Vries") and its words, but not a
    little word alone ("de")."""
    words = name.split()
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    runs |= {part for word in words for part in word.split("-")}  # "Zwavelstok" of "Zwavelstok-Berg"
    return {run for run in runs if len(run.strip(".")) >= 2
            and not all(word.lower() in NAME_PARTICLES for word in run.split())}


def _replaced(text: str, name: str, role: str) -> str:
    if not name:
        return text
    return re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", lambda _m: role, text, flags=re.IGNORECASE)


def report_years(case: Case, today: dt.date | None = None) -> tuple[int, ...]:
    """The years whose annual figures count `case`: from its registration to its closing, or to this year."""
    first = case.registered_on.year
    last = case.closed_on.year if case.closed_on is not None else (today or dt.date.today()).year
    return tuple(range(first, max(first, last) + 1))


def figures_warning(workspace: Workspace, case_ref: str) -> str:
    """Before erasing: the annual figures that count the case, and that they stay as reported (an anonymous count
    takes its place), so the coordinator need not fear for reports sent to a municipality ("" when the case is not
    there)."""
    with workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == case_ref))
        if case is None:
            return ""
        years = report_years(case)
        where = case.municipality.name if case.municipality is not None else ""
    return figures_words(case_ref, years, where)


def team_warning(workspace: Workspace) -> str:
    """Before erasing on a laptop in a team: that the erasure reaches every laptop ("" when it is in none)."""
    if not settings.read_setting(workspace, DEVICE_SETTING):
        return ""
    return _("This laptop is in a team: the case is erased on the office server and on every laptop of the team too, "
             "at their next sync. What colleagues typed into it and have not sent yet goes with it; they are told.")


def figures_words(case_ref: str, years: tuple[int, ...], municipality: str = "") -> str:
    listed = format_list([str(y) for y in years], locale=babel_locale())
    counted = (_("Case {ref} counts in the annual figures of {years} for {municipality}.") if municipality
               else _("Case {ref} counts in the annual figures of {years}.")).format(
        ref=case_ref, years=listed, municipality=municipality)
    return counted + " " + _("Those figures stay as they are: an anonymous count, without name or case number, "
                             "takes its place. Only the list of cases behind a figure no longer shows it.")


# where typing about a case is kept under its number or id (services.drafts): bare, under the screens' "ui/", and
# under "ui/dialog/" for a dialog a lock closed (the case's number follows a renumbering: sync.numbers.drafts_follow)
DRAFT_PREFIXES = ("", "ui/", "ui/dialog/")

# The records of a case a draft's key may name as "<kind>/<id>", anywhere in the key ("ui/outbox/letter/7",
# "ui/dialog/visit/60/addendum", "ui/dialog/contract/3/signature"): erasing the case takes those drafts along, so a
# dialog or screen keying its typing by a record of the case cannot leave the family's words behind.
DRAFT_KINDS = {"visit": Visit, "letter": Letter, "contract": Contract, "evaluation": Evaluation, "hours": CaseHours,
               "parent": Parent, "child": Child, "attachment": Attachment}


def remove_case(session: Session, case: Case, count: bool = True) -> None:
    """Everything tied to `case`, gone from the tables and the search index (the caller commits); with `count`, first
    its anonymous count, so the annual figures stay as they were (`erased_counts`)."""
    case_id = case.id
    if count:
        count_case(session, case)
    erase_operation(session, case)  # in a team: the erasure goes to the other laptops, the queue forgets the case
    search_index.remove_case(session, case_id)
    kept = case_drafts(session, case)  # before the rows go: the ids of its records name them
    if kept:
        session.execute(delete(Draft).where(Draft.key.in_(kept)))
    session.delete(case)  # the other tables follow through ON DELETE CASCADE
    session.flush()


def case_drafts(session: Session, case: Case) -> list[str]:
    """The keys of the drafts about `case`: naming it (by id or number) or one of its records."""
    named = {kind: {str(i) for i in session.scalars(select(model.id).where(model.case_id == case.id))}
             for kind, model in DRAFT_KINDS.items()}
    named["case"] = {str(case.id), case.ref}
    named["addendum"] = {str(i) for i in session.scalars(
        select(VisitAddendum.id).join(Visit, Visit.id == VisitAddendum.visit_id).where(Visit.case_id == case.id))}
    return [key for key in session.scalars(select(Draft.key)) if _names_one(key, named)]


def _names_one(key: str, named: dict[str, set[str]]) -> bool:
    parts = key.split("/")
    return any(parts[i + 1] in named.get(parts[i], ()) for i in range(len(parts) - 1))


def scrub_files(engine) -> None:
    """After the commit: merge the search index's deletions for good, and fold the WAL into the zeroed file."""
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO case_search(case_search) VALUES ('optimize')"))
    db.checkpoint(engine)


def list_erasures(workspace: Workspace) -> list[Erasure]:
    with workspace.session() as session:
        return list(session.scalars(select(Erasure).order_by(Erasure.erased_at)))


def tombstones_of(engine, older_vault: Path) -> list[tuple]:
    """The tombstones of `older_vault`, which must share this engine's data key (it is attached with it)."""
    return rows_of(engine, older_vault, "erasure", ("case_ref", "erased_at", "reason", "actor", "backups_before"))


def carry_erasures(session: Session, tombstones: list[tuple]) -> list[str]:
    """Re-apply `tombstones` (of the vault a restore replaces) to this vault. Returns the case numbers erased
    again; every tombstone is kept, so the ledger goes on."""
    known = set(session.scalars(select(Erasure.case_ref)))
    again = []
    for ref, erased_at, reason, actor, held_by in tombstones:
        if ref in known:
            continue
        case = session.scalar(select(Case).where(Case.ref == ref))
        if case is not None:
            reason = reason_without_names(case, reason or "")  # kept with the names before they were left out
            remove_case(session, case)
            again.append(ref)
        session.add(Erasure(case_ref=ref, erased_at=_when(erased_at), reason=reason, actor=actor,
                            backups_before=held_by))
    return again


def _when(value):
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
