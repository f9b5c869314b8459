"""The steps a case file offers: the one main step forward (the header's button) and the others (its menu).

Built on `status.allowed_steps`, so nothing here can offer a step the state machine refuses. Three steps are work,
not a status to pick: drawing up the contract, matching a volunteer and recording the midway evaluation. Their
option names the work (`work`) that the case file opens; the status follows once that work is done (see
`WORK_STEPS`), and the status dialog never offers them.
"""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import N_, _
from borapp.services.cases.status import OUTCOMES, REASONS, allowed_steps, outcome_label, reason_label

# The main step forward from each status, and the words on the header's button (UI.md: "Koppelen", "Afronden"…).
NEXT_STEP = {
    "registered": "intake",
    "waiting": "intake",
    "intake": "contract",
    "contract": "matching",
    "matching": "visits",
    "visits": "evaluation",
    "evaluation": "closing",
    "closing": "closed",
}
NEXT_STEP_LABELS = {
    "registered": N_("Start intake"),
    "waiting": N_("Start intake"),
    "intake": N_("Draw up contract"),
    "contract": N_("Match a volunteer"),
    "matching": N_("Start visits"),
    "visits": N_("Record midway evaluation"),
    "evaluation": N_("Close the case"),
    "closing": N_("Record outcome"),
}
# Words for the other steps, keyed by the target status (closing early is keyed by its outcome).
OTHER_STEP_LABELS = {
    "waiting": N_("Put on the waiting list"),
    "intake": N_("Start intake"),
    "contract": N_("Draw up contract"),
    "matching": N_("Match a volunteer"),
    "visits": N_("Back to visits"),
    "evaluation": N_("Record midway evaluation"),
    "closing": N_("Close the case"),
    "stopped_at_intake": N_("Stop early (intake phase)"),
    "successful": N_("Record outcome"),
    "stagnated": N_("Record outcome"),
    "reopen": N_("Reopen the case"),
}


# Target status → the work that takes a case there: "contract" (draw up the contract), "match" (the matching
# wizard; the case stays in matching until a volunteer is matched), "evaluation" (record the midway evaluation).
WORK_STEPS = {"contract": "contract", "matching": "match", "evaluation": "evaluation"}
MATCH = N_("Match a volunteer")
STOP_EARLY = OTHER_STEP_LABELS["stopped_at_intake"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class StepOption:
    """A step the case may take: its target, its words, and the outcomes to choose from when it closes the case."""

    to: str
    label: str
    outcomes: tuple[Choice, ...] = ()
    primary: bool = False
    work: str = ""  # "contract", "match" or "evaluation": the work that moves the case, not a status to pick


def step_options(status: str, matched: bool = False, visits_ahead: bool = False,
                 evaluated: bool = False) -> list[StepOption]:
    """Every step allowed from `status`, the main one first; closing steps grouped by their outcomes. A case in
    matching without a volunteer (`matched` False) has matching as its main step; visits start once one is matched.
    After the midway evaluation the visits go on while some are planned ahead (`visits_ahead`): back to visits is
    then the main step, and closing the case one of the others. Back in visits once the midway evaluation was held
    (`evaluated`), closing is the main step: recording the midway evaluation again stays in the menu."""
    if status == "matching" and not matched:
        closing = [s.outcome for s in allowed_steps(status) if s.to == "closed"]
        return [StepOption("matching", _(MATCH), primary=True, work="match"),
                _closing_option(closing, _(STOP_EARLY))]
    steps = allowed_steps(status)
    main = NEXT_STEP.get(status)
    if status == "evaluation" and visits_ahead:
        main = "visits"
    elif status == "visits" and evaluated:
        main = "closing"
    options: list[StepOption] = []
    closing = [s.outcome for s in steps if s.to == "closed"]
    if main == "closed" and closing:
        options.append(_closing_option(closing, _(NEXT_STEP_LABELS[status]), primary=True))
        closing = []
    for step in steps:
        if step.to == "closed":
            continue
        primary = step.to == main
        usual = primary and main == NEXT_STEP.get(status)
        text = NEXT_STEP_LABELS[status] if usual else OTHER_STEP_LABELS.get(step.to, step.to)
        options.append(StepOption(step.to, _(text), primary=primary, work=WORK_STEPS.get(step.to, "")))
    if closing:
        key = closing[0] if len(closing) == 1 else "successful"
        options.append(_closing_option(closing, _(OTHER_STEP_LABELS[key])))
    return sorted(options, key=lambda o: not o.primary)


def _closing_option(outcomes: list[str], text: str, primary: bool = False) -> StepOption:
    ordered = [o for o in OUTCOMES if o in outcomes]
    return StepOption("closed", text, tuple(Choice(o, outcome_label(o)) for o in ordered), primary)


def next_step(status: str, matched: bool = False, visits_ahead: bool = False,
              evaluated: bool = False) -> StepOption | None:
    options = step_options(status, matched, visits_ahead, evaluated)
    return options[0] if options and options[0].primary else None


def reason_choices(outcome: str) -> list[Choice]:
    """The reasons the domain asks for with `outcome` (empty when it asks none)."""
    return [Choice(code, reason_label(outcome, code)) for code in REASONS.get(outcome, {})]
