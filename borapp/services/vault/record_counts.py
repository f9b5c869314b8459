"""How many of each record a vault holds (for `check`, the status bar and support)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.i18n import N_
from borapp.models import (
    Attachment, Case, Child, Contract, Coordinator, Letter, Municipality, Organisation, Parent, Visit, Volunteer,
)

LABELS = {  # what `borapp check` prints beside each count; the JSON keeps the keys
    "cases": N_("Cases"), "parents": N_("Parents"), "children": N_("Children"), "volunteers": N_("Volunteers"),
    "visits": N_("Visits"), "contracts": N_("Contracts"), "letters": N_("Letters"), "attachments": N_("Attachments"),
    "organisations": N_("Referrers and commissioning parties"), "municipalities": N_("Municipalities"),
    "coordinators": N_("Coordinators"),
}
COUNTED = {
    "cases": Case, "parents": Parent, "children": Child, "volunteers": Volunteer, "visits": Visit,
    "contracts": Contract, "letters": Letter, "attachments": Attachment, "organisations": Organisation,
    "municipalities": Municipality, "coordinators": Coordinator,
}


def count_records(session: Session) -> dict[str, int]:
    return {name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in COUNTED.items()}
