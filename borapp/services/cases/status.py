"""The case status state machine: which step may follow which, with what outcome and reason.

registered → waiting → intake → contract → matching → visits ⇄ evaluation → closing → closed, with an early stop
(stopped at intake) from intake, contract or matching, and a reopen of a closed case to where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import N_, _

STATUSES = ("registered", "waiting", "intake", "contract", "matching", "visits", "evaluation", "closing", "closed")
OPEN_STATUSES = STATUSES[:-1]  # in a query, an IN list the status index serves (`!= "closed"` reads every case)
ACTIVE_STATUSES = ("intake", "contract", "matching", "visits", "evaluation", "closing")
NO_VISITS_AHEAD = ("closing", "closed")  # planned visits lapse with the outcome: none is shown as the next one
OUTCOMES = ("successful", "stagnated", "stopped_at_intake")

STATUS_LABELS = {
    "registered": N_("Registered"), "waiting": N_("Waiting list"), "intake": N_("Intake"),
    "contract": N_("Contract"), "matching": N_("Matching"), "visits": N_("Visits"),
    "evaluation": N_("Midway evaluation"), "closing": N_("Closing"), "closed": N_("Closed"),
}
OUTCOME_LABELS = {
    "successful": N_("Successful"), "stagnated": N_("Stagnated"), "stopped_at_intake": N_("Stopped at intake"),
}
# The reasons the 2019 annual report gives; "other" always allowed with a note.
REASONS = {
    "stagnated": {
        "resident_resistance": N_("Too much resistance from the resident parent; the child gets stuck"),
        "problems_too_heavy": N_("The problems proved too heavy; the family guardian takes over"),
        "non_resident_unstable": N_("The non-resident parent's functioning is too unstable"),
        "other": N_("Other reason"),
    },
    "stopped_at_intake": {
        "contract_rejected": N_("A parent does not agree to the contract"),
        "referred_too_early": N_("Referred too early; BOR is not the right help"),
        "wrong_expectations": N_("Wrong expectations of parent or referrer"),
        "parents_reconciled": N_("The parents reconciled"),
        "no_volunteer_match": N_("No volunteer could be matched to a parent's demands"),
        "no_response": N_("The parents did not respond"),
        "other": N_("Other reason"),
    },
    "successful": {},
}

# Ordinary steps forward (and back from evaluation to more visits).
_NEXT = {
    "registered": ("waiting", "intake"),
    "waiting": ("intake",),
    "intake": ("contract",),
    "contract": ("matching",),
    "matching": ("visits",),
    "visits": ("evaluation", "closing"),
    "evaluation": ("visits", "closing"),
    "closing": (),
    "closed": (),
}
# Which outcome may close a case from which status.
_CLOSE_FROM = {
    "stopped_at_intake": ("intake", "contract", "matching"),
    "successful": ("closing",),
    "stagnated": ("closing",),
}


class TransitionRefused(Exception):
    """An illegal step; the message says why in the user's language."""


@dataclass(frozen=True)
class Step:
    to: str
    outcome: str = ""
    reason: str = ""


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def outcome_label(outcome: str) -> str:
    return _(OUTCOME_LABELS.get(outcome, outcome)) if outcome else ""


def reason_label(outcome: str, reason: str) -> str:
    text = REASONS.get(outcome, {}).get(reason)
    return _(text) if text else reason


def allowed_steps(status: str) -> list[Step]:
    """Every step a case in `status` may take next (closing steps once per outcome)."""
    steps = [Step(to) for to in _NEXT.get(status, ())]
    steps += [Step("closed", outcome) for outcome, sources in _CLOSE_FROM.items() if status in sources]
    if status == "closed":
        steps.append(Step("reopen"))
    return steps


def check_step(status: str, to: str, outcome: str = "", reason: str = "") -> None:
    """Raise TransitionRefused unless moving from `status` to `to` (with outcome and reason) is allowed."""
    if status not in STATUSES:
        raise TransitionRefused(_("Unknown status '{status}'.").format(status=status))
    if to == "closed":
        if outcome not in OUTCOMES:
            raise TransitionRefused(_("Closing a case needs an outcome."))
        if status not in _CLOSE_FROM[outcome]:
            raise TransitionRefused(_("A case in '{status}' cannot close as '{outcome}'.").format(
                status=status_label(status), outcome=outcome_label(outcome)))
        if REASONS[outcome] and reason not in REASONS[outcome]:
            raise TransitionRefused(_("Closing as '{outcome}' needs a reason.").format(outcome=outcome_label(outcome)))
        return
    if outcome:
        raise TransitionRefused(_("Only closing a case takes an outcome."))
    if to == "reopen":
        if status != "closed":
            raise TransitionRefused(_("Only a closed case can be reopened."))
        return
    if to not in _NEXT.get(status, ()):
        raise TransitionRefused(_("A case cannot go from '{frm}' to '{to}'.").format(
            frm=status_label(status), to=status_label(to)))
