"""The words for a visit's state and for who cancelled it, as the visit editor, the conflicts window and the access
export say them (apart from `records`, so those can name a state without importing the case's flow)."""

from __future__ import annotations

from borapp.i18n import N_, _

STATE_LABELS = {"planned": N_("Planned"), "held": N_("Held"), "cancelled": N_("Cancelled"),
                "no_show": N_("Did not show up")}
CANCELLER_LABELS = {
    "resident": N_("Resident parent"), "other": N_("Non-resident parent"), "volunteer": N_("Volunteer"),
    "coordinator": N_("Coordinator"), "child": N_("The child"), "external": N_("Someone else (outside cause)"),
}


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


def canceller_label(code: str) -> str:
    if not code:
        return _("Not recorded")
    return _(CANCELLER_LABELS[code]) if code in CANCELLER_LABELS else code
