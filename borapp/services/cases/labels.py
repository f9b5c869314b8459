"""The words a case file shows for its codes: routes, funding, parent roles, signers, timeline events.

English msgids marked with N_ and translated where shown; the codes stay plain English in the records.
"""

from __future__ import annotations

from borapp.i18n import N_, _

ROUTE_LABELS = {
    "self": N_("Own initiative (municipal team)"),
    "court": N_("Court decision"),
    "ots": N_("Supervision order (family guardian)"),
}
FUNDING_LABELS = {
    "purchased": N_("Purchased trajectory"),
    "per_case": N_("Per trajectory"),
}
ROLE_LABELS = {
    "resident": N_("Resident parent"),
    "other": N_("Non-resident parent"),
    "coordinator": N_("Coordinator"),
    "volunteer": N_("Volunteer"),
}
VISIT_STATE_LABELS = {
    "planned": N_("Visit planned"),
    "held": N_("Visit held"),
    "cancelled": N_("Visit cancelled"),
    "no_show": N_("Did not show up"),
}
CANCELLED_BY_LABELS = {
    "resident": N_("the resident parent"),
    "other": N_("the non-resident parent"),
    "volunteer": N_("the volunteer"),
    "coordinator": N_("the coordinator"),
    "child": N_("the child"),
    "external": N_("someone else"),
}
LETTER_KIND_LABELS = {
    "intake": N_("Referral received / intake"),
    "start": N_("Visits started"),
    "evaluation": N_("Midway evaluation"),
    "closing": N_("Closing report"),
    "no_response": N_("Parents did not respond"),
    "schedule": N_("Visit schedule"),
}
LETTER_STATE_LABELS = {
    "draft": N_("draft"), "ready": N_("ready"), "exported": N_("exported"), "sent": N_("sent"), "failed": N_("failed"),
}


def label(table: dict[str, str], code: str) -> str:
    """The translated label of `code` in `table`; the code itself when unknown, "" when empty."""
    if not code:
        return ""
    text = table.get(code)
    return _(text) if text else code


def no_show_text(code: str) -> str:
    """"Niet verschenen (uitwonende ouder)": a visit the parent `code` did not come to, without calling it off."""
    who = label(ROLE_LABELS, code)
    if not who:
        return label(VISIT_STATE_LABELS, "no_show")
    return _("Did not show up ({who})").format(who=who[:1].lower() + who[1:])


def route_label(code: str) -> str:
    return label(ROUTE_LABELS, code)


def funding_label(code: str) -> str:
    return label(FUNDING_LABELS, code)


def role_label(code: str) -> str:
    return label(ROLE_LABELS, code)
