"""A volunteer's fields in the words of her profile: the profile's form and the import's list of changes."""

from __future__ import annotations

from borapp.i18n import N_, _

FIELD_LABELS = {
    "name": N_("Name"), "email": N_("E-mail"), "phone": N_("Phone"), "address": N_("Address"),
    "region": N_("Region"), "gender": N_("Gender"), "languages": N_("Languages"),
    "availability": N_("Availability"), "vog_date": N_("VOG issued on"), "trainings": N_("Trainings"),
    "trained_on": N_("Training day"), "max_cases": N_("Maximum cases"), "active": N_("Active"),
    "joined_on": N_("Joined on"), "left_on": N_("Left on"), "notes": N_("Notes"),
}


def field_label(field: str) -> str:
    return _(FIELD_LABELS[field])
