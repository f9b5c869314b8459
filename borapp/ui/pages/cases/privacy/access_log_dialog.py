"""Who looked at or handled this case file: the access log's lines about it (when, who, what, from which device)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from borapp.formatting import date_time, local_time
from borapp.i18n import N_, _
from borapp.services.privacy import access_log
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, fit_columns, table_view
from borapp.ui.widgets.screen_fit import resize_within_screen


class LogModel(RowsModel):
    columns = (
        Column(N_("When"), lambda r: date_time(local_time(r.at)), sort_key=lambda r: r.at),
        Column(N_("Who"), lambda r: r.actor or "—"),
        Column(N_("What"), lambda r: access_log.action_label(r.action)),
        Column(N_("Record"), lambda r: access_log.record_label(r.record_type)),
        Column(N_("Device"), lambda r: r.device),
    )


class AccessLogDialog(QDialog):
    def __init__(self, workspace, case_id: int, ref: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Access log of case {ref}").format(ref=ref))
        resize_within_screen(self, 760, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Every opening, export, print, send and change of this case file, newest first. The log "
                         "holds no content and cannot be changed unnoticed."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = LogModel(self)
        self.model.set_rows(access_log.log_lines(workspace, case_id))
        self.table = table_view(self.model, _("Access log"))
        fit_columns(self.table)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
