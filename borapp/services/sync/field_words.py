"""A synced record's kind and fields in the words of the screens, for conflicts and the case's timeline."""

from __future__ import annotations

from borapp.i18n import N_, _

TYPE_LABELS = {
    "organisation": N_("Organisation"), "municipality": N_("Municipality"), "coordinator": N_("Coordinator"),
    "volunteer": N_("Volunteer"), "case": N_("Case"), "parent": N_("Parent"), "child": N_("Child"),
    "status_change": N_("Status change"), "visit": N_("Visit"), "evaluation": N_("Evaluation"),
    "visit_expense": N_("Expense claim"), "visit_addendum": N_("Addendum"), "retention_hold": N_("Kept longer"),
}


# The fields people most often change at once, in the words of the screens (the rest show their own name)
FIELD_LABELS = {
    "status": N_("Status"), "notes": N_("Notes"), "name": N_("Name"), "phone": N_("Phone"), "email": N_("E-mail"),
    "address": N_("Street and number"), "postcode": N_("Postcode"), "city": N_("City"), "visit_place": N_("Place"),
    "visit_frequency": N_("Frequency"), "agreed_visits": N_("Number of visits"), "buildup": N_("Build-up"),
    "handover": N_("Handover"),
    "on": N_("Date"), "start_time": N_("Start"), "end_time": N_("End"), "place": N_("Place"),
    "volunteer": N_("Volunteer"), "coordinator": N_("Coordinator"), "municipality": N_("Municipality"),
    "outcome": N_("Outcome"), "what_happened": N_("What happened"), "_deleted": N_("Deleted or changed"),
    "state": N_("State"), "cancelled_by": N_("Cancelled by"), "cancel_reason": N_("Reason for cancelling"),
    "cancelled_on": N_("Cancelled on"), "no_show_by": N_("Did not show up"), "reason": N_("Reason"),
    "until": N_("Until"),
    "signed_up": N_("Signed up"), "attended": N_("Attended"), "cancel_note": N_("Why cancelled"),
    "attendance_recorded": N_("Attendance recorded"),
}

CONFIDENTIAL_FIELDS = ("address", "postcode", "city")  # a parent's, masked as the family tab masks them


def field_label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


def shown(value) -> str:
    """A value as a conflict carries it, in words: nothing (or empty text) as "(empty)", true as "yes", a file (which
    travels as its hash) by a short fingerprint."""
    from borapp.services.sync.records import BLOB

    if value is None or value == "":
        return _("(empty)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str) and value.startswith(BLOB):
        return _("a file (fingerprint {short})").format(short=value[len(BLOB):len(BLOB) + 8])
    return str(value)
