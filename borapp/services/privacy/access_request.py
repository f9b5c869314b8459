"""A request for access (AVG art. 15): everything the vault holds about one parent or child, minus what the
coordinator withholds, with what was withheld and why listed without its content.

Who asks decides what is held back by default: for a parent, the other parent's contact details, address and the
letters addressed to that parent; a confidential address that is not the asker's own is never given, whatever the
coordinator chooses. A child's request (or the whole case's) is made by a parent: the coordinator names which
(`Subject.by`), and it is that parent's; while none is named, neither parent's contact details, notes or letters go. Notes on visits and evaluations, single visits, letters or attachments can be withheld too
(e.g. notes that would harm the child). `gather` collects it as plain values; `access_files` writes it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _, in_language, ngettext
from borapp.models import (
    Attachment, Case, CaseExclusion, CaseHours, Child, Contract, Evaluation, Letter, Parent, Visit, VisitAddendum,
    Volunteer,
)
from borapp.services.costs.hours import kind_label as hours_kind_label
from borapp.services.cases.attachments import kind_label as attachment_kind_label
from borapp.services.cases.evaluations import KIND_LABELS
from borapp.services.cases.labels import role_label, route_label
from borapp.services.cases.status import outcome_label, status_label
from borapp.services.privacy.file_text import readable_text
from borapp.services.privacy.redaction import Redactor, case_redactor
from borapp.services.errors import NotFound, UsageError
from borapp.services.outbox.listing import kind_label, kind_slug
from borapp.services.privacy.access_log import action_label, lines_in, record_label
from borapp.services.vault.workspace import Workspace
from borapp.services.visits.labels import canceller_label
from borapp.services.visits.labels import state_label as visit_state_label

OTHER_PARENT = "other_parent"
NOTES = "notes"
CONFIDENTIAL, CHOSEN, UNCHECKED, NOBODY, VOLUNTEERS = (  # reasons only
    "confidential", "chosen", "unchecked", "nobody", "volunteers")
CATEGORIES = {OTHER_PARENT: N_("The other parent's contact details, address and the letters to that parent"),
              NOTES: N_("Notes on the visits and evaluations")}
REASONS = {OTHER_PARENT: N_("the privacy of the other parent"), NOTES: N_("in the interest of the child"),
           CONFIDENTIAL: N_("a confidential address, and the contact details that go with it, are never given to "
                            "anyone but their owner"),
           CHOSEN: N_("withheld by the coordinator"),
           NOBODY: N_("the privacy of the parents: a child's data goes out without either parent's contact details "
                      "unless the parent asking on the child's behalf is named"),
           VOLUNTEERS: N_("the privacy of the volunteers"),
           UNCHECKED: N_("a confidential address is never given to anyone but its owner, and this file (a scan or "
                         "a photo) could not be checked for it")}  # the asker reads it: what to do is in `summary`
VISIT_NOTES = ("handover", "what_happened", "child_wellbeing", "child_voice", "incidents", "ended_early_reason")


@dataclass(frozen=True)
class Subject:
    """Whose data: a parent (`role` resident/other) or a child (`child_id`) in one case, or the whole case."""

    case_id: int
    case_ref: str
    role: str = ""
    name: str = ""
    child_id: int | None = None
    by: str = ""  # for a child or the whole case: the parent asking on the child's behalf (resident/other)

    @property
    def asker_role(self) -> str:
        """The parent asking: the subject, or the one asking for the child ("" when none is named)."""
        if self.role in ("resident", "other"):
            return self.role
        return self.by if self.by in ("resident", "other") else ""


def asked_by(subjects: list[Subject], role: str) -> list[Subject]:
    """`subjects` asked for by the parent `role` ("" none named): a child's request is made by a parent. A parent's
    own request stays hers."""
    if role not in ("", "resident", "other"):
        raise UsageError(_("Say which parent asks: verzorgend (the resident parent) or uitwonend (the other "
                           "parent)."))
    return [s if s.role in ("resident", "other") else replace(s, by=role) for s in subjects]


@dataclass(frozen=True)
class Choices:
    withhold: frozenset[str] = frozenset()
    visits: frozenset[int] = frozenset()
    letters: frozenset[int] = frozenset()
    attachments: frozenset[int] = frozenset()
    reason: str = ""  # the coordinator's reason for single items; a default reason when empty
    checked: frozenset[int] = frozenset()  # scans and photos she looked at and found without a confidential address


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    about: str


@dataclass(frozen=True)
class FileToCheck:
    """A kept file (a scan or a photo) that cannot be read for a confidential address: the coordinator looks."""

    attachment_id: int
    what: str


@dataclass
class AccessExport:
    subjects: list[Subject]
    made_on: dt.date
    language: str
    data: dict = field(default_factory=dict)
    files: list[ExportFile] = field(default_factory=list)
    withheld: list[dict] = field(default_factory=list)
    to_check: list[FileToCheck] = field(default_factory=list)  # withheld: could not be read for the address
    checked: list[int] = field(default_factory=list)  # given because the coordinator looked (`Choices.checked`)

    @property
    def unchecked(self) -> int:
        return len(self.to_check)


def default_choices(subject: Subject) -> Choices:
    return Choices(withhold=frozenset({OTHER_PARENT}) if subject.asker_role else frozenset())


ROLE_WORDS = {"verzorgend": "resident", "verzorgende": "resident", "verzorgende ouder": "resident",
              "uitwonend": "other", "uitwonende": "other", "uitwonende ouder": "other"}  # and the codes themselves


def files_to_check(workspace: Workspace, subjects: list[Subject], language: str = "nl") -> list[FileToCheck]:
    """The scans and photos that an export for `subjects` withholds until the coordinator has looked at them."""
    return gather(workspace, subjects, default_choices(subjects[0]), language).to_check


def find_subjects(workspace: Workspace, text: str) -> list[Subject]:
    """A case number (the whole case), `REF:verzorgend` / `REF:uitwonend` (or `:resident` / `:other`), or a parent's
    or child's exact name (every case the person appears in), its spaces as names are kept: "Jill  de Bruin", typed
    with two, is Jill de Bruin."""
    text = " ".join(text.split())
    ref, _sep, said = text.partition(":")
    role = ROLE_WORDS.get(said.strip().casefold(), said.strip())
    with workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        if case is not None:
            if role and role not in ("resident", "other"):  # a slip of the user's, not a person not found (exit 6)
                raise UsageError(_("Say which parent after the case number: {ref}:verzorgend (the resident parent) "
                                   "or {ref}:uitwonend (the other parent).").format(ref=ref))
            parent = case.parent(role) if role else None
            return [Subject(case.id, case.ref, role, parent.name if parent else "")]
        folded = text.casefold()
        found = [Subject(p.case_id, p.case.ref, p.role, p.name) for p in session.scalars(
            select(Parent).where(func.casefold(Parent.name) == folded))]
        found += [Subject(c.case_id, c.case.ref, "child", c.name, c.id) for c in session.scalars(
            select(Child).where(func.casefold(Child.name) == folded))]
    if not found:
        raise NotFound(_("No case number or person '{text}' in this vault.").format(text=text))
    return sorted(found, key=lambda s: s.case_ref)


# The export's own files, named in its language: the overview, the data for a computer, the folder of files
NAMES = {"nl": ("overzicht.pdf", "gegevens.json", "bestanden"), "en": ("overview.pdf", "data.json", "files")}


def names(language: str) -> tuple[str, str, str]:
    return NAMES.get(language, NAMES["nl"])


# The folder an export goes into, named in its language throughout: its prefix and the parent's role word (the
# command line's Dutch words, "BOR-2026-023:verzorgend"); a whole case by its number alone
EXPORT_FOLDER_WORDS = {"nl": ("inzage", {"resident": "verzorgend", "other": "uitwonend"}),
                       "en": ("access", {"resident": "resident", "other": "non-resident"})}


def export_folder_name(who: str, language: str) -> str:
    """The new folder's name for an export of `who` (as `find_subjects` takes it: "BOR-2026-023:other" or a case
    number): "inzage-BOR-2026-023-uitwonend", "access-BOR-2026-023-non-resident"."""
    prefix, roles = EXPORT_FOLDER_WORDS.get(language, EXPORT_FOLDER_WORDS["nl"])
    ref, _sep, role = who.partition(":")
    return "-".join([prefix, ref] + ([roles.get(role, role)] if role else []))


def gather(workspace: Workspace, subjects: list[Subject], choices: Choices, language: str = "nl",
           on: dt.date | None = None) -> AccessExport:
    export = AccessExport(subjects, on or dt.date.today(), language)
    with in_language(language), workspace.session() as session:
        _refuse_unknown_choices(session, subjects, choices)
        export.data = {"made_on": export.made_on.isoformat(), "cases": [
            _case(session, workspace, subject, choices, export) for subject in subjects]}
    return export


def _refuse_unknown_choices(session: Session, subjects: list[Subject], choices: Choices) -> None:
    """A visit, letter or attachment chosen by a number not in the export's cases: a mistyped number would give out
    the note it was meant to withhold (or pass a scan nobody looked at), so nothing is exported."""
    cases = {s.case_id for s in subjects}
    for model, chosen, msgid in (
            (Visit, choices.visits, N_("Visit {id} is not in this export's cases: nothing was exported. Check the "
                                       "number.")),
            (Letter, choices.letters, N_("Letter {id} is not in this export's cases: nothing was exported. Check the "
                                         "number.")),
            (Attachment, choices.attachments | choices.checked,
             N_("Attachment {id} is not in this export's cases: nothing was exported. Check the number."))):
        if not chosen:
            continue
        found = set(session.scalars(select(model.id).where(model.id.in_(chosen), model.case_id.in_(cases))))
        unknown = sorted(set(chosen) - found)
        if unknown:
            raise NotFound(_(msgid).format(id=unknown[0]))


def _withhold(export: AccessExport, what: str, why: str) -> None:
    export.withheld.append({"what": what, "why": why})


def _case(session: Session, workspace: Workspace, subject: Subject, choices: Choices, export: AccessExport) -> dict:
    case = session.get(Case, subject.case_id)
    clean = case_redactor(case, _("(withheld: confidential address)"), keep_role=subject.asker_role)
    data = {
        "case": {"ref": case.ref, "registered_on": _iso(case.registered_on), "status": status_label(case.status),
                 "route": route_label(case.route), "municipality": case.municipality.name if case.municipality else "",
                 "referrer": case.referrer.name if case.referrer else "",
                 "coordinator": case.coordinator.name if case.coordinator else "",
                 "volunteer": case.volunteer.name if case.volunteer else "", "closed_on": _iso(case.closed_on),
                 "outcome": outcome_label(case.outcome) if case.outcome else "",
                 "outcome_note": clean(case.outcome_note), "notes": clean(case.notes),
                 "motivation": clean(case.motivation), "safety": clean(case.safety),
                 "volunteer_wishes": clean(case.volunteer_wishes)},
        "asked_by": {"role": subject.role, "name": subject.name},
        "parents": [_parent(p, subject, choices, clean, export) for p in case.parents],
        "children": [{"name": c.name, "birth_date": _iso(c.birth_date)} for c in case.children],
        "status_history": [{"on": _iso(h.on), "status": status_label(h.to_status), "note": clean(h.note)}
                           for h in case.history],
        "agreements": {k: clean(getattr(case, k)) for k in (
            "visit_place", "visit_frequency", "buildup", "handover", "cancellation_rules", "house_rules",
            "referrer_information", "court_frequency", "court_duration", "court_buildup")}
        | {"agreed_visits": str(case.agreed_visits or "")},
        "visits": _visits(session, case, choices, clean, export),
        "evaluations": _evaluations(session, case, choices, clean, export),
        "letters": _letters(session, case, subject, choices, clean, export),
        "contracts": _contracts(session, case, choices, clean, export),
        "attachments": _attachments(session, case, choices, clean, export),
        "hours": [{"on": _iso(h.on), "kind": hours_kind_label(h.kind), "minutes": h.minutes, "note": clean(h.note)}
                  for h in session.scalars(select(CaseHours).where(CaseHours.case_id == case.id)
                                           .order_by(CaseHours.on, CaseHours.id))],
        "exclusions": _exclusions(session, case, clean, export),
        "access_log": [{"at": line.at.isoformat(timespec="seconds") + "Z", "who": line.actor,
                        "action": action_label(line.action), "record": record_label(line.record_type),
                        "device": line.device}
                       for line in lines_in(session, case.id)],
    }
    return data


def _exclusions(session: Session, case: Case, clean, export: AccessExport) -> list[dict]:
    """Why volunteers must not be matched to this family: the reasons, not the volunteers' names."""
    reasons = list(session.scalars(select(CaseExclusion.reason).where(CaseExclusion.case_id == case.id)
                                   .order_by(CaseExclusion.id)))
    if reasons:
        _withhold(export, _("The names of the volunteers not to be matched to the family ({case})").format(
            case=case.ref), _(REASONS[VOLUNTEERS]))
    return [{"reason": clean(reason) or "-"} for reason in reasons]


def _parent(parent: Parent, subject: Subject, choices: Choices, clean, export: AccessExport) -> dict:
    own = parent.role == subject.asker_role
    entry = {"role": role_label(parent.role), "name": parent.name}
    if not subject.asker_role:  # a child's data, and no parent named as asking: neither parent's details
        _withhold(export, _("Contact details, address and notes of the {role} ({case})").format(
            role=role_label(parent.role).lower(), case=parent.case.ref), _(REASONS[NOBODY]))
        return entry
    if not own and subject.asker_role and OTHER_PARENT in choices.withhold:
        _withhold(export, _("Contact details and address of the other parent ({case})").format(case=parent.case.ref),
                  _(REASONS[OTHER_PARENT]))
        return entry
    if parent.address_confidential and not own:  # her e-mail and phone with it: they reach her as well
        _withhold(export, _("The address and contact details of the {role} ({case})").format(
            role=role_label(parent.role).lower(), case=parent.case.ref), _(REASONS[CONFIDENTIAL]))
        return entry | {"notes": clean(parent.notes)}
    entry |= {"address": parent.address, "postcode": parent.postcode, "city": parent.city}
    return entry | {"email": parent.email, "phone": parent.phone, "notes": clean(parent.notes)}


def _visits(session: Session, case: Case, choices: Choices, clean, export: AccessExport) -> list[dict]:
    rows = []
    for visit in session.scalars(select(Visit).where(Visit.case_id == case.id).order_by(Visit.on, Visit.id)):
        supervisor = session.get(Volunteer, visit.volunteer_id) if visit.volunteer_id else None
        entry = {"on": _iso(visit.on), "start": _hhmm(visit.start_time), "end": _hhmm(visit.end_time),
                 "place": clean(visit.place), "state": visit_state_label(visit.state),
                 "supervised_by": supervisor.name if supervisor else "",
                 "brought_by": clean(visit.brought_by), "collected_by": clean(visit.collected_by),
                 "others_present": clean(visit.others_present),
                 "cancelled_by": canceller_label(visit.cancelled_by) if visit.cancelled_by else "",
                 "cancelled_on": _iso(visit.cancelled_on),
                 "notice_hours": "" if visit.notice_hours is None else str(visit.notice_hours),
                 "cancel_reason": clean(visit.cancel_reason),
                 "no_show_by": role_label(visit.no_show_by) if visit.no_show_by else ""}
        if visit.id in choices.visits:
            _withhold(export, _("The visit of {date} ({case})").format(date=long_date(visit.on), case=case.ref),
                      choices.reason or _(REASONS[CHOSEN]))
            continue
        addenda = list(session.scalars(select(VisitAddendum).where(VisitAddendum.visit_id == visit.id)
                                       .order_by(VisitAddendum.written_on, VisitAddendum.id)))
        if NOTES in choices.withhold:
            if any(getattr(visit, name) for name in VISIT_NOTES) or addenda:
                _withhold(export, _("Notes on the visit of {date} ({case})").format(date=long_date(visit.on),
                                                                                   case=case.ref),
                          choices.reason or _(REASONS[NOTES]))
        else:
            entry |= {name: clean(getattr(visit, name)) for name in VISIT_NOTES}
            entry["addenda"] = [{"written_on": _iso(a.written_on), "written_by": a.author, "text": clean(a.text)}
                                for a in addenda]
        rows.append(entry)
    return rows


def _evaluations(session: Session, case: Case, choices: Choices, clean, export: AccessExport) -> list[dict]:
    rows = []
    for evaluation in session.scalars(select(Evaluation).where(Evaluation.case_id == case.id)
                                      .order_by(Evaluation.held_on)):
        entry = {"held_on": _iso(evaluation.held_on), "kind": _(KIND_LABELS.get(evaluation.kind, evaluation.kind)),
                 "participants": clean(evaluation.participants), "agreements": clean(evaluation.agreements)}
        if NOTES in choices.withhold and evaluation.notes:
            _withhold(export, _("Notes on the evaluation of {date} ({case})").format(
                date=long_date(evaluation.held_on), case=case.ref), choices.reason or _(REASONS[NOTES]))
        else:
            entry["notes"] = clean(evaluation.notes)
        rows.append(entry)
    return rows


def _kept_back(clean: Redactor, data: bytes, filename: str = "", mime: str = "") -> str:
    """Why a kept file may not leave the vault for this asker (a key of REASONS, "" when it may): it shows a
    confidential address that is not the asker's (a letter or contract made before the address became
    confidential), or such an address exists and the file has no text to check (a scan)."""
    if not clean:
        return ""
    text = readable_text(data, filename, mime)
    if text is None:
        return UNCHECKED
    return CONFIDENTIAL if clean.finds(text) else ""


def _withhold_file(export: AccessExport, what: str, reason: str, attachment_id: int | None = None) -> None:
    _withhold(export, what, _(REASONS[reason]))
    if reason == UNCHECKED:
        export.to_check.append(FileToCheck(attachment_id, what))


def _file_kept_back(clean: Redactor, attachment: Attachment, choices: Choices, export: AccessExport) -> str:
    """`_kept_back` for a kept file; a scan the coordinator looked at (`Choices.checked`) is given. What a program
    found the address in stays withheld whatever she ticked."""
    reason = _kept_back(clean, attachment.content, attachment.filename, attachment.mime_type)
    if reason == UNCHECKED and attachment.id in choices.checked:
        export.checked.append(attachment.id)
        return ""
    return reason


def summary(export: AccessExport) -> str:
    """What was withheld, and which files the coordinator must look at before handing them over apart."""
    withheld = len(export.withheld)  # "1 onderdelen niet meegegeven" was plural for one
    said = ngettext("{w} item withheld (listed in the overview).", "{w} items withheld (listed in the overview).",
                    withheld).format(w=withheld)
    if export.unchecked:
        said += " " + ngettext(
            "{n} file could not be checked for a confidential address (a scan or a photo): look at it yourself "
            "and, if the address is not in it, tick it as checked in the request for access and export again.",
            "{n} files could not be checked for a confidential address (scans or photos): look at them yourself "
            "and, if the address is not in them, tick them as checked in the request for access and export again.",
            export.unchecked).format(n=export.unchecked)
    if export.checked:
        said += " " + ngettext("{n} scan or photo given because you checked it.",
                               "{n} scans or photos given because you checked them.",
                               len(export.checked)).format(n=len(export.checked))
    return said


def _letters(session: Session, case: Case, subject: Subject, choices: Choices, clean: Redactor,
             export: AccessExport) -> list[dict]:
    rows = []
    gone_out = or_(Letter.pdf.is_not(None), Letter.state.in_(("sent", "exported")))  # what left, kept or not
    for letter in session.scalars(select(Letter).where(Letter.case_id == case.id, gone_out)
                                  .order_by(Letter.state_changed_at, Letter.id)):
        when = letter.state_changed_at.date()
        title = _("{kind} of {date}").format(kind=kind_label(letter.kind), date=long_date(when))
        to_other = bool(subject.asker_role) and letter.parent_role not in ("", subject.asker_role)
        if not subject.asker_role and letter.parent_role:  # to a parent, and no parent named as asking
            _withhold(export, _("Letter: {title} ({case})").format(title=title, case=case.ref), _(REASONS[NOBODY]))
            continue
        if letter.id in choices.letters or (to_other and OTHER_PARENT in choices.withhold):
            why = _(REASONS[OTHER_PARENT]) if to_other else choices.reason or _(REASONS[CHOSEN])
            _withhold(export, _("Letter: {title} ({case})").format(title=title, case=case.ref), why)
            continue
        if letter.pdf is None:  # the document as it left was not kept (made before the app kept it): its text
            rows.append({"kind": kind_label(letter.kind), "sent_on": _iso(when), "text": clean(letter.body)})
            continue
        if reason := _kept_back(clean, letter.pdf, "brief.pdf", "application/pdf"):
            _withhold_file(export, _("Letter: {title} ({case})").format(title=title, case=case.ref), reason)
            continue
        name = _("{ref}-letter-{day}-{kind}-{id}.pdf").format(ref=case.ref, day=when.isoformat(),
                                                             kind=kind_slug(letter.kind), id=letter.id)
        export.files.append(ExportFile(name, letter.pdf, title))
        rows.append({"kind": kind_label(letter.kind), "sent_on": _iso(when), "file": name})
    return rows


def _contracts(session: Session, case: Case, choices: Choices, clean: Redactor, export: AccessExport) -> list[dict]:
    rows = []
    for contract in session.scalars(select(Contract).where(Contract.case_id == case.id).order_by(Contract.version)):
        entry = {"version": contract.version, "made_on": _iso(contract.drawn_up_on),
                 "signatures": [{"role": role_label(s.role), "name": s.name, "on": _iso(s.signed_on)}
                                for s in contract.signatures]}
        copy = session.get(Attachment, contract.signed_copy_id) if contract.signed_copy_id else None
        if copy is not None and (reason := _file_kept_back(clean, copy, choices, export)):
            _withhold_file(export, _("Signed contract, version {n} ({case})").format(n=contract.version,
                                                                                    case=case.ref), reason, copy.id)
        elif copy is not None:
            name = _("{ref}-contract-v{version}-signed{suffix}").format(ref=case.ref, version=contract.version,
                                                                      suffix=_suffix(copy.filename))
            export.files.append(ExportFile(name, copy.content, _("Signed contract, version {n}")
                                           .format(n=contract.version)))
            entry["signed_copy"] = name
        rows.append(entry)
    return rows


def _attachments(session: Session, case: Case, choices: Choices, clean: Redactor,
                 export: AccessExport) -> list[dict]:
    signed = set(session.scalars(select(Contract.signed_copy_id).where(Contract.case_id == case.id)))
    rows = []
    for attachment in session.scalars(select(Attachment).where(Attachment.case_id == case.id)
                                      .order_by(Attachment.added_at)):
        if attachment.id in signed:
            continue  # with its contract version
        shown = clean(attachment.filename)  # a file named after the confidential address is named without it
        if attachment.id in choices.attachments:
            _withhold(export, _("Attachment {name} ({case})").format(name=shown, case=case.ref),
                      choices.reason or _(REASONS[CHOSEN]))
            continue
        if reason := _file_kept_back(clean, attachment, choices, export):
            _withhold_file(export, _("Attachment {name} ({case})").format(name=shown, case=case.ref),
                           reason, attachment.id)
            continue
        name = _("{ref}-attachment-{id}{suffix}").format(ref=case.ref, id=attachment.id,
                                                          suffix=_suffix(attachment.filename))
        export.files.append(ExportFile(name, attachment.content, shown))
        rows.append({"name": shown, "kind": attachment_kind_label(attachment.kind), "file": name,
                     "added_on": _iso(attachment.added_at.date() if attachment.added_at else None)})
    return rows


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    suffix = filename[dot:].lower() if dot > 0 else ""
    return suffix if suffix.replace(".", "").isalnum() and len(suffix) <= 6 else ""


def _hhmm(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""
