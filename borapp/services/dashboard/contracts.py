"""Today's contracts not yet signed by everyone: the newest version of an open case lacks the signature of a party.

Who signs a version (`contract_terms.signer_roles`): both parents and the coordinator, and the volunteer when the
version's snapshot names one; a snapshot that names no party at all (an older one) needs the volunteer once the case
has one. SQL reads the names from the JSON snapshot the way `contract_terms.parse_terms` does (a damaged snapshot,
or one whose `parties` is no object, names nobody), so the count covers every open case without a JSON parse in
Python; the texts are built for the first rows only.

The ranking reads indexes only (open cases, their versions, the signers' roles); a version's snapshot and its
case's volunteer are read only for a version signed by all but the volunteer, the one case where they decide.
"""

from __future__ import annotations

import functools

from sqlalchemy import Select, and_, bindparam, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from borapp.i18n import N_, _
from borapp.models import Case, Contract, ContractSignature
from borapp.models.documents import SIGNER_ROLES
from borapp.services.cases.contract_terms import ALWAYS_SIGN, PARTIES
from borapp.services.cases.status import OPEN_STATUSES
from borapp.services.dashboard.board import Found
from borapp.services.dashboard.case_rules import case_item
from borapp.services.dashboard.paging import ranked, read

SIGNER_LABELS = {
    "resident": N_("resident parent"), "other": N_("non-resident parent"),
    "coordinator": N_("coordinator"), "volunteer": N_("volunteer"),
}


def contracts_unsigned(session: Session, mine: int | None, limit: int | None) -> Found:
    total, rows = read(session, _statement(mine is not None, limit), limit, {"mine": mine})
    items = []
    for row in rows:
        needed = ALWAYS_SIGN + (("volunteer",) if row.needs_volunteer else ())
        missing = [_(SIGNER_LABELS[role]) for role in needed if not getattr(row, role)]
        text = _("Version {version}: not yet signed by {who}").format(version=row.version, who=", ".join(missing))
        items.append(case_item("contracts_unsigned", row, text, row.drawn_up_on))
    return Found(total, items)


@functools.lru_cache(maxsize=8)
def _statement(mine_only: bool, limit: int | None) -> Select:
    """The query for the first `limit` unsigned versions, with what their texts need. Built once per shape (the
    coordinator is a parameter, `mine`): building this expression costs more than running it on a small vault."""
    page = ranked(_unsigned_versions(mine_only), limit)
    return (select(page, Contract.version, Contract.drawn_up_on,
                   volunteer_signs(Contract.agreements, Case.volunteer_id).label("needs_volunteer"),
                   *(signed(role, Contract.id).label(role) for role in SIGNER_ROLES))
            .join(Contract, Contract.id == page.c.contract_id).join(Case, Case.id == page.c.id)
            .order_by(page.c.ref, page.c.contract_id))


def _unsigned_versions(mine_only: bool) -> Select:
    """Open cases whose newest version lacks a signature it needs, by case number: id, ref, status, contract id."""
    newer = aliased(Contract)  # of two versions with one number (drawn up on two laptops) the later, as the case file
    newest = ~select(newer.id).where(newer.case_id == Contract.case_id, newer.version >= Contract.version,
                                     or_(newer.version > Contract.version, newer.id > Contract.id)).exists()
    snapshot = aliased(Contract)
    its_case = aliased(Case)
    volunteer_needed = (select(volunteer_signs(snapshot.agreements, its_case.volunteer_id))
                        .select_from(snapshot).join(its_case, its_case.id == snapshot.case_id)
                        .where(snapshot.id == Contract.id)
                        .scalar_subquery())
    unsigned = or_(*(~signed(role, Contract.id) for role in ALWAYS_SIGN),
                   and_(~signed("volunteer", Contract.id), volunteer_needed))
    query = (select(Case.id, Case.ref, Case.status, Contract.id.label("contract_id"))
             .join(Contract, Contract.case_id == Case.id)
             .where(Case.status.in_(OPEN_STATUSES), newest, unsigned).order_by(Case.ref, Contract.id))
    return query.where(Case.coordinator_id == bindparam("mine")) if mine_only else query


def signed(role: str, contract_id):
    """EXISTS (SELECT id ...), not SELECT *: SQLite then answers from the (contract_id, role) index alone."""
    return (select(ContractSignature.id)
            .where(ContractSignature.contract_id == contract_id, ContractSignature.role == role).exists())


def volunteer_signs(document, case_volunteer):
    """The volunteer signs when the version names one, or, naming nobody at all, when the case has a volunteer."""
    readable = func.coalesce(func.json_valid(document), False)
    named_any = or_(*(names(document, role) for role in SIGNER_ROLES))
    return case((and_(readable, named_any), names(document, "volunteer")), else_=case_volunteer.is_not(None))


def names(document, role: str):
    """True when the snapshot names someone for `role`: a value Python reads as true, as `parse_terms` does (a
    non-empty text, mostly; not "", 0, false, null, [] or {})."""
    path = f"$.{PARTIES}.{role}"
    value = func.json_extract(document, path)  # SQL's value: false is 0, an array or object its JSON text
    empty = case((value.in_(("[]", "{}")), func.json_type(document, path).in_(("array", "object"))),
                 else_=or_(value == "", value == literal(0)))
    return func.coalesce(~empty, False)  # null: NULL
