"""A record's fields in the words of the screens: one table for every reader that names a field to a person (a
conflict and the case's timeline in `sync`, the access export in `privacy`). A reader that needs other words for a
field keeps only that difference beside it (`privacy.access_overview.ACCESS_WORDS`). The volunteer's profile keeps
its own words (`volunteers.field_words`)."""

from __future__ import annotations

from borapp.i18n import N_, _

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
    # the rest, as the forms name them
    "kind": N_("Kind"), "contact_person": N_("Contact person"), "region": N_("Region"), "year": N_("Year"),
    "funding": N_("Funding"), "trajectories": N_("Trajectories"), "active": N_("Active"), "gender": N_("Gender"),
    "languages": N_("Languages"), "availability": N_("Availability"), "vog_date": N_("VOG date"),
    "issued_on": N_("Issued on"), "started_on": N_("Paused from"), "ended_on": N_("Paused until"),
    "max_cases": N_("Maximum number of cases"), "joined_on": N_("Joined on"), "left_on": N_("Left on"),
    "held_on": N_("Held on"), "theme": N_("Theme"), "cancelled": N_("Cancelled"), "ref": N_("Case number"),
    "registered_on": N_("Registered on"), "route": N_("Route"), "referrer_contact": N_("Referrer's contact person"),
    "referrer_email": N_("Referrer's e-mail"), "outcome_reason": N_("Reason for the outcome"),
    "outcome_note": N_("About the outcome"), "closed_on": N_("Closed on"),
    "court_decision_on": N_("Date of the court decision"), "court_frequency": N_("Court decision: frequency"),
    "court_duration": N_("Court decision: duration"), "court_buildup": N_("Court decision: build-up"),
    "staggered_arrival": N_("Staggered arrival"), "cancellation_rules": N_("Cancelling"),
    "house_rules": N_("House rules"), "referrer_information": N_("What the referrer is told"),
    "motivation": N_("Motivation"), "safety": N_("Safety"), "preferred_slots": N_("Preferred times"),
    "volunteer_wishes": N_("Wishes for the volunteer"), "wish_gender": N_("Wish: the volunteer's gender"),
    "wish_languages": N_("Wish: the volunteer's languages"), "role": N_("Role"),
    "address_confidential": N_("Confidential address"), "birth_date": N_("Date of birth"),
    "from_status": N_("From status"), "to_status": N_("To status"), "note": N_("Note"),
    "recorded_at": N_("Recorded at"), "notice_hours": N_("Cancelled how many hours before"),
    "brought_by": N_("Brought by"), "collected_by": N_("Collected by"), "others_present": N_("Also present"),
    "child_wellbeing": N_("How the child was"), "child_voice": N_("The child's voice"), "incidents": N_("Incidents"),
    "ended_early_reason": N_("Why it ended early"), "report_final_on": N_("Report finished on"),
    "written_on": N_("Written on"), "author": N_("Written by"), "text": N_("Text"), "kilometres": N_("Kilometres"),
    "rate_cents": N_("Rate per kilometre"), "other_cents": N_("Other costs"), "participants": N_("Participants"),
    "agreements": N_("Agreements"), "minutes": N_("Minutes"), "filename": N_("File name"),
    "mime_type": N_("File type"), "size": N_("Size"), "content": N_("File"), "added_at": N_("Added on"),
    "version": N_("Version"), "pdf": N_("File"), "parent_role": N_("For the parent"), "language": N_("Language"),
    "recipient_name": N_("Recipient"), "recipient_email": N_("Recipient's e-mail"),
    "recipient_address": N_("Recipient's address"), "addressee": N_("Addressed to"), "subject": N_("Subject"),
    "body": N_("Text"), "error": N_("Note"), "attempts": N_("Attempts"), "state_changed_at": N_("State changed at"),
    "signed_on": N_("Signed on"), "noted_on": N_("Noted on"), "actor": N_("Noted by"), "case": N_("Case"),
    "parent": N_("Parent"), "visit": N_("Visit"), "meeting": N_("Meeting"), "organisation": N_("Organisation"),
    "referrer": N_("Referrer"), "contract": N_("Contract"), "commissioner": N_("Commissioning party"),
    "signed_copy": N_("Signed copy"), "drawn_up_on": N_("Drawn up on"), "made_at": N_("Made on"),
    # as the access export names what it gives
    "sent_on": N_("Sent on"), "file": N_("File"), "made_on": N_("Drawn up on"), "added_on": N_("Added on"),
    "signed": N_("Signed"), "start": N_("From"), "end": N_("Until"), "supervised_by": N_("Supervised by"),
    "written_by": N_("Written by"),
}


def field_label(field: str) -> str:
    """`field` in the user's language; one without words of its own by its name, "_" read as a space."""
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")
