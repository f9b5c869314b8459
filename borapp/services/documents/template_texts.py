"""The built-in wording of each letter kind: English msgids, translated through the catalog (Dutch first).

An organisation can replace any of them per language in Settings → Letter templates; what it saved is kept in the
vault (`template.<kind>.<lang>`), and an empty setting means the built-in text below.
"""

from __future__ import annotations

from borapp.i18n import N_

DEFAULT_TEMPLATES = {
    "intake": N_(
        "Dear {referrer_contact},\n\n"
        "On {registered_on} we received your referral of {children_born} for supervised visitation (BOR). "
        "Thank you.\n\n"
        "The coordinator for this family is {coordinator}. The intake with the parents took place on {intake_on}. "
        "In it we discussed with both parents how the supervised visits can take place and what is needed for "
        "that.\n\n"
        "{visits_news}"
    ),
    "start": N_(
        "Dear {referrer_contact},\n\n"
        "The supervised visits for {children_born} have started. The agreements were laid down in the BOR contract "
        "of {contract_on}; the first visit was on {first_visit_on}. {supervision}\n\n"
        "Agreed frequency: {visit_frequency}\n"
        "Place: {visit_place}\n\n"
        "{evaluation_news}"
    ),
    "evaluation": N_(
        "Dear {referrer_contact},\n\n"
        "On {evaluation_on} we held the midway evaluation of the supervised visits for {children_born}, with "
        "{evaluation_participants}.\n\n"
        "Visits by the evaluation: {visits_held} held; cancelled: {visits_cancelled}; still planned: "
        "{visits_planned}.\n\n"
        "Agreed at the evaluation:\n"
        "{evaluation_agreements}\n\n"
        "{closing_news}"
    ),
    "closing": N_(
        "Dear {recipient_contact},\n\n"
        "The supervised visitation (BOR) for {children_born} has ended. This is our short factual report.\n\n"
        "Registered: {registered_on}\n"
        "Intake: {intake_on}\n"
        "First visit: {first_visit_on}\n"
        "Last visit: {last_visit_on}\n"
        "Closed: {closed_on}\n\n"
        "{visits_summary}\n\n"
        "Agreements made:\n"
        "{final_agreements}\n\n"
        "Outcome: {outcome}. {outcome_reason}\n"
        "{outcome_note}"
    ),
    "no_response": N_(
        "Dear {referrer_contact},\n\n"
        "On {registered_on} we received your referral of {children_born} for supervised visitation (BOR).\n\n"
        "We have tried to reach the parents to start or continue the intake, but we have had no response, or the "
        "parents did not follow up on the appointments. Supervised visitation can only start when both parents "
        "take part.\n\n"
        "{next_steps} You can reach the coordinator, {coordinator}, at {organisation_phone}."
    ),
    "schedule": N_(
        "Dear {parent_name},\n\n"
        "These are the agreed supervised visits for {children}:\n\n"
        "{schedule}\n\n"
        "Place: {visit_place}\n"
        "Handover: {handover}\n\n"
        "If you cannot come, let the coordinator know as early as possible. The agreement on cancelling: "
        "{cancellation_rules}\n\n"
        "If you have questions, contact {coordinator} at {organisation_phone} or {organisation_email}."
    ),
}

SUBJECTS = {
    "intake": N_("Referral received: case {ref}"),
    "start": N_("Supervised visits started: case {ref}"),
    "evaluation": N_("Midway evaluation: case {ref}"),
    "closing": N_("Closing report: case {ref}"),
    "no_response": N_("No response from the parents: case {ref}"),
    "schedule": N_("Schedule of the supervised visits: case {ref}"),
}

# name → what it stands for (shown beside the template editor)
PLACEHOLDERS = {
    "referrer_contact": N_("the referrer's contact person"),
    "recipient_contact": N_("the contact person of the organisation the letter goes to: the referrer's, or the "
                            "commissioning party's for a closing report sent there"),
    "referrer_name": N_("the referring organisation"),
    "commissioner": N_("the commissioning party"),
    "case_ref": N_("the case number"),
    "children": N_("the children's names"),
    "children_born": N_("the children's names with their birth dates"),
    "resident_parent": N_("the resident parent's name"),
    "other_parent": N_("the non-resident parent's name"),
    "parent_name": N_("the name of the parent the letter is for"),
    "coordinator": N_("the coordinator's name"),
    "volunteer": N_("the volunteer's name"),
    "organisation": N_("your organisation's name"),
    "organisation_phone": N_("your organisation's phone number"),
    "organisation_email": N_("your organisation's e-mail address"),
    "today": N_("the date of the letter"),
    "registered_on": N_("the date of registration"),
    "intake_on": N_("the date of the intake talk"),
    "contract_on": N_("the date of the contract the visits started under (when it was signed)"),
    "first_visit_on": N_("the date of the first visit"),
    "last_visit_on": N_("the date of the last visit held"),
    "visits_news": N_("the start of the visits: that we will report it, the day it was, or that the case closed "
                      "before it"),
    "evaluation_news": N_("the midway evaluation: that it will be held and we will report how it went, or (in a "
                          "letter made later) the day it took place and the day the case was closed"),
    "closing_news": N_("that we will write again at the closing, or (in a letter made later) the day the case was "
                       "closed"),
    "next_steps": N_("our request to discuss with the parents whether they still want supervised visitation and that "
                     "we wait until then, or (in a letter made later) the day the case was closed"),
    "supervision": N_("that a trained volunteer of our organisation supervises the visits (in a letter made after "
                      "the closing: supervised)"),
    "closed_on": N_("the date the case was closed"),
    "evaluation_on": N_("the date of the midway evaluation"),
    "evaluation_participants": N_("who took part in the midway evaluation"),
    "evaluation_agreements": N_("what was agreed at the midway evaluation"),
    "final_agreements": N_("the agreements made at the end"),
    "visits_total": N_("the number of visits in all: held, cancelled, not shown up for and still planned (in the "
                       "letter \u201cMidway evaluation\u201d as on the day of the evaluation, in \u201cVisits "
                       "started\u201d as on the first visit)"),
    "visits_held": N_("the number of visits held (in the letter \u201cMidway evaluation\u201d by the day of the "
                      "evaluation, in \u201cVisits started\u201d by the first visit)"),
    "visits_ended_early": N_("the number of visits held but ended early, among those held (in the letter "
                             "\u201cMidway evaluation\u201d by the day of the evaluation, in \u201cVisits "
                             "started\u201d by the first visit)"),
    "visits_cancelled": N_("the number of visits cancelled, with by whom, and the times a parent did not show up, "
                           "unless the template has the placeholder for those, visits_no_show (in the letter "
                           "\u201cMidway evaluation\u201d by the day of the evaluation, in \u201cVisits started\u201d "
                           "by the first visit)"),
    "visits_no_show": N_("the number of times a parent did not show up without calling the visit off, with which "
                         "parent (in the letter \u201cMidway evaluation\u201d by the day of the evaluation, in "
                         "\u201cVisits started\u201d by the first visit)"),
    "visits_planned": N_("the number of visits still planned (in the letter \u201cMidway evaluation\u201d as on the "
                         "day of the evaluation, in \u201cVisits started\u201d as on the first visit)"),
    "visits_summary": N_("the visits in one line: in all, held (with those ended early, unless the template has "
                         "visits_ended_early) and cancelled (and the times a parent did not show up, unless the "
                         "template has the placeholder for those, visits_no_show); or that no visits took place"),
    "visit_place": N_("the agreed place of the visits (in the letter \u201cVisits started\u201d: as in the contract "
                      "the visits started under)"),
    "visit_frequency": N_("the agreed frequency (in the letter \u201cVisits started\u201d: as in the contract the "
                          "visits started under)"),
    "handover": N_("the agreed handover"),
    "cancellation_rules": N_("the agreement on cancelling"),
    "house_rules": N_("the house rules"),
    "schedule": N_("the planned visits, one line each (date, time, place)"),
    "outcome": N_("the outcome"),
    "outcome_reason": N_("the reason for the outcome"),
    "outcome_note": N_("the coordinator's note on the outcome"),
}

_CASE = ("case_ref", "children", "children_born", "resident_parent", "other_parent", "coordinator", "volunteer",
         "organisation", "organisation_phone", "organisation_email", "today", "registered_on", "visit_place",
         "visit_frequency")
_REFERRER = ("recipient_contact", "referrer_contact", "referrer_name", "commissioner")
_PROGRESS = ("intake_on", "contract_on", "first_visit_on", "visits_news", "evaluation_news", "closing_news",
             "next_steps", "supervision", "last_visit_on", "closed_on", "evaluation_on", "evaluation_participants",
             "evaluation_agreements", "final_agreements", "visits_total", "visits_held", "visits_ended_early",
             "visits_cancelled", "visits_no_show", "visits_planned", "visits_summary", "outcome", "outcome_reason", "outcome_note")
_FOR_REFERRER = _REFERRER + _CASE + _PROGRESS
KIND_PLACEHOLDERS = {
    "intake": _FOR_REFERRER,
    "start": _FOR_REFERRER,
    "evaluation": _FOR_REFERRER,
    "closing": _FOR_REFERRER,
    "no_response": _FOR_REFERRER,
    "schedule": ("parent_name", *_CASE, "schedule", "handover", "cancellation_rules", "house_rules", "visits_planned"),
}
