"""The organisation's rates for the cost figures, as one form reads and saves them: a coordinator's hour (salary
and overhead), a volunteer's kilometre, and the on-call allowance each coordinator gets per month. Typed as money
("62,50"), kept as whole cents in the settings (`borapp.services.settings`, which holds their limits)."""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import _
from borapp.services import settings
from borapp.services.costs.amounts import money, parse_cents
from borapp.services.errors import UsageError, ValidationError

KEYS = {"hourly_cost": "costs.hourly_cost_cents", "kilometre_rate": "costs.kilometre_rate_cents",
        "on_call_allowance": "costs.on_call_allowance_cents"}


@dataclass(frozen=True)
class Rates:
    hourly_cost_cents: int
    kilometre_rate_cents: int
    on_call_allowance_cents: int


def read_rates(workspace) -> Rates:
    values = settings.read_all(workspace)
    return Rates(*(int(values[key]) for key in KEYS.values()))


def rates_in_session(session) -> Rates:
    return Rates(*(settings.get_int(session, key) for key in KEYS.values()))


def rate_problems(hourly_cost: str, kilometre_rate: str, on_call_allowance: str) -> dict[str, str]:
    """What is wrong with each rate as typed, by field name; empty when all three can be saved."""
    typed = {"hourly_cost": hourly_cost, "kilometre_rate": kilometre_rate, "on_call_allowance": on_call_allowance}
    problems = {}
    for name, text in typed.items():
        try:
            _cents(name, text)
        except ValidationError as exc:
            problems[name] = str(exc)
    return problems


def _cents(name: str, text: str) -> int:
    if not (text or "").strip():  # an emptied field was saved as 0, which also means "not set"
        raise ValidationError(_("Enter an amount; 0 when there is none."), name)
    low, high = settings.limits(KEYS[name])
    cents = parse_cents(text, name, maximum=high)  # its "at most" names this limit, not a thousand times it
    if not low <= cents <= high:
        raise ValidationError(_("Enter an amount from {low} to {high}.").format(low=money(low), high=money(high)), name)
    return cents


def save_rates(workspace, hourly_cost: str, kilometre_rate: str, on_call_allowance: str) -> Rates:
    """Check all three as typed, then store them together; ValidationError names the field
    ("hourly_cost", "kilometre_rate", "on_call_allowance")."""
    typed = {"hourly_cost": hourly_cost, "kilometre_rate": kilometre_rate, "on_call_allowance": on_call_allowance}
    values = {KEYS[name]: str(_cents(name, text)) for name, text in typed.items()}
    try:
        settings.write_settings(workspace, values)
    except UsageError as exc:  # the limits were checked above; this is only a safety net
        raise ValidationError(str(exc)) from None
    return read_rates(workspace)
