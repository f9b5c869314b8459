"""The visits of a case as a table: date, time, state (with who cancelled, or that the report is finished),
volunteer, place."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QIcon

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services.visits.records import VisitItem
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel
from borapp.ui.pages.cases.tabs.time_field import time_text

STATE_ICONS = {"planned": "calendar-blank", "to_record": "pencil-simple", "held": "check-circle",
               "cancelled": "x-circle", "no_show": "user-minus", "finished": "lock-simple",
               "marked": "warning-circle"}  # held, but ended early or with an incident
_icons: dict[str, QIcon] = {}


def _state_icon(item: VisitItem) -> QIcon:
    key = ("to_record" if item.to_record else "marked" if item.marks else "finished" if item.report_final_on
           else item.state)
    if key not in _icons:
        _icons[key] = icon(STATE_ICONS.get(key, "circle"))
    return _icons[key]


def _state_words(item: VisitItem) -> str:
    """The state with what set a held visit apart, in words ("Held · ended early · incident")."""
    return " · ".join([item.state_text, *item.marks])


def _status(item: VisitItem) -> str:
    words = _state_words(item)
    return _("{state}, report finished").format(state=words) if item.report_final_on else words


def _status_tip(item: VisitItem) -> str:
    if item.report_final_on:
        first = _("{state}; report finished on {date}").format(state=_state_words(item),
                                                               date=long_date(item.report_final_on))
    else:
        first = _state_words(item)
    return "\n".join([first, *item.marks_tip])


def _times(item: VisitItem) -> str:
    if item.start_time and item.end_time:
        return f"{time_text(item.start_time)}–{time_text(item.end_time)}"
    return time_text(item.start_time)


def _when(item: VisitItem) -> tuple[dt.date, dt.time, int]:
    return item.on, item.start_time or dt.time.min, item.id


class VisitsModel(RowsModel):
    columns = (
        Column(N_("Date"), lambda v: long_date(v.on), sort_key=_when),
        Column(N_("Time"), _times, sort_key=lambda v: (v.start_time or dt.time.min, v.on)),
        Column(N_("Status"), _status, icon=_state_icon, tooltip=_status_tip),
        Column(N_("Volunteer"), lambda v: v.volunteer_name or "—"),
        Column(N_("Place"), lambda v: v.place, tooltip=lambda v: v.place or None),
    )
