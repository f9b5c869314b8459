"""The codes a synced record's fields hold (a visit's state "no_show", a parent's role "other") in the words of the
screens, for the conflicts window and the case's timeline ("Niet verschenen", "Uitwonende ouder"). Apart from
field_words: these words come from the capabilities' own labels, which reach back to the timeline, so they are
imported when first asked for."""

from __future__ import annotations

from functools import cache

from borapp.i18n import N_, _
from borapp.services.sync.field_words import shown

# Words for the codes a record's field holds (a visit's state "no_show" → "Did not show up"), per kind and field:
# every short text field of a synced record is one of these or in PLAIN_SHORT (tests/sync/test_conflict_codes.py)
PLAIN_SHORT = {("case", "ref"), ("parent", "postcode")}  # short, but typed as they are
_LETTER_LANGUAGES = {"nl": N_("Dutch"), "en": N_("English")}
_ADDRESSEES = {"": N_("the referrer"), "commissioner": N_("the commissioning party")}
_MEETING_CANCELLED = {"too_few": N_("Too few sign-ups"), "other": N_("Other")}
_WISH_GENDERS = {"": N_("No preference"), "f": N_("Female"), "m": N_("Male")}


def _table(table: dict):
    return lambda code: _(table[code]) if code in table else code


@cache
def _code_words() -> dict[tuple[str, str], object]:
    """(kind, field) → the function that gives a code's words, as the screens show them."""
    from borapp.services.cases import labels, status
    from borapp.services.cases.attachments import kind_label as attachment_kind
    from borapp.services.cases.evaluations import kind_label as evaluation_kind
    from borapp.services.costs.hours import kind_label as hours_kind
    from borapp.services.organisations.referrers import kind_label as referrer_kind
    from borapp.services.outbox.listing import kind_label as letter_kind, state_label as letter_state
    from borapp.services.reports.labels import funding_label as town_funding
    from borapp.services.visits.labels import canceller_label, state_label as visit_state
    from borapp.services.volunteers.meetings import kind_label as meeting_kind
    from borapp.services.volunteers.profiles import GENDER_LABELS, TRAINING_LABELS

    def reason(code: str) -> str:
        return next((status.reason_label(o, code) for o in status.REASONS if code in status.REASONS[o]), code)

    role = labels.role_label
    return {
        ("organisation", "kind"): referrer_kind, ("municipality_funding", "funding"): town_funding,
        ("volunteer", "gender"): _table(GENDER_LABELS), ("training", "kind"): _table(TRAINING_LABELS),
        ("meeting", "kind"): meeting_kind, ("meeting", "cancel_reason"): _table(_MEETING_CANCELLED),
        ("case", "route"): labels.route_label, ("case", "funding"): labels.funding_label,
        ("case", "status"): status.status_label, ("case", "outcome"): status.outcome_label,
        ("case", "outcome_reason"): reason, ("case", "wish_gender"): _table(_WISH_GENDERS),
        ("parent", "role"): role, ("status_change", "from_status"): status.status_label,
        ("status_change", "to_status"): status.status_label, ("status_change", "outcome"): status.outcome_label,
        ("status_change", "reason"): reason, ("visit", "state"): visit_state,
        ("visit", "cancelled_by"): canceller_label,
        ("visit", "no_show_by"): role, ("evaluation", "kind"): evaluation_kind, ("case_hours", "kind"): hours_kind,
        ("attachment", "kind"): attachment_kind, ("contract_signature", "role"): role, ("letter", "kind"): letter_kind,
        ("letter", "parent_role"): role, ("letter", "language"): _table(_LETTER_LANGUAGES),
        ("letter", "addressee"): _table(_ADDRESSEES), ("letter", "state"): letter_state,
    }


def coded(type_name: str, field: str) -> bool:
    return (type_name, field) in _code_words()


def value_shown(type_name: str, field: str, value) -> str:
    """A value of a record's field in words: a code as the screens name it ("Niet verschenen"), the rest `shown`."""
    words = _code_words().get((type_name, field))
    if words is not None and isinstance(value, str) and (value or field in _EMPTY_MEANS):
        return words(value)
    return shown(value)


_EMPTY_MEANS = ("addressee", "wish_gender")  # an empty code that says something ("the referrer", "no preference")
