"""A synced record's kind and fields in the words of the screens, for conflicts and the case's timeline (the fields'
words are `services.field_words`, which the access export reads as well)."""

from __future__ import annotations

from borapp.i18n import N_, _
from borapp.services.field_words import FIELD_LABELS, field_label  # noqa: F401 - the conflicts' words, one table

TYPE_LABELS = {
    "organisation": N_("Organisation"), "municipality": N_("Municipality"), "coordinator": N_("Coordinator"),
    "volunteer": N_("Volunteer"), "case": N_("Case"), "parent": N_("Parent"), "child": N_("Child"),
    "status_change": N_("Status change"), "visit": N_("Visit"), "evaluation": N_("Evaluation"),
    "visit_expense": N_("Expense claim"), "visit_addendum": N_("Addendum"), "retention_hold": N_("Kept longer"),
    "municipality_funding": N_("Municipality's funding"), "training": N_("Training"), "vog_issue": N_("VOG"),
    "volunteer_pause": N_("Pause"),
    "meeting": N_("Volunteer meeting"), "meeting_attendance": N_("Sign-up for a meeting"),
    "case_exclusion": N_("Volunteer excluded from a case"), "case_hours": N_("Hours"), "attachment": N_("Attachment"),
    "contract": N_("Contract"), "contract_signature": N_("Signature"), "letter": N_("Letter"),
}


CONFIDENTIAL_FIELDS = ("address", "postcode", "city")  # a parent's, masked as the family tab masks them


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
