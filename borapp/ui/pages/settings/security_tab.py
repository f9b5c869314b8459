"""Security and language: auto-lock, VOG renewal period, the screen language, passphrase and recovery key.

The screen language is this coordinator's choice on this laptop (QSettings), not the vault's: the letters' language
is the organisation's, under Organisation (a walk: English on screen made every new letter English)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services import settings
from borapp.services.vault import passphrase_change
from borapp.ui.pages.settings.section import SettingsSection, button_row, compact_form, spin_box
from borapp.ui.unlock.recovery_sheet_box import RecoveryKeyDialog


class SecurityTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Security and language")
        layout = QVBoxLayout(self)
        form = compact_form()
        self.auto_lock = spin_box("auto_lock_minutes", " " + _("min"))
        self.vog_years = spin_box("vog_renewal_years", " " + _("years"))
        self.waiting_weeks = spin_box("waiting_alert_weeks", " " + _("weeks"))
        for spin in (self.auto_lock, self.vog_years, self.waiting_weeks):
            spin.setMinimumWidth(120)
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        for label, widget in ((_("Lock after inactivity"), self.auto_lock),
                              (_("Renew a VOG after"), self.vog_years),
                              (_("Warn when a case waits longer than"), self.waiting_weeks),
                              (_("Screen language"), self.language)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        layout.addLayout(form)
        save = QPushButton(_("Save"))
        layout.addLayout(button_row(save))
        keys = QGroupBox(_("Passphrase and recovery key"))
        box = QVBoxLayout(keys)
        change = QPushButton(_("Change passphrase…"))
        recovery = QPushButton(_("Make a new recovery key…"))
        box.addLayout(button_row(change, recovery))
        layout.addWidget(keys)
        layout.addWidget(self.status)
        layout.addStretch()
        save.clicked.connect(self._save)
        self.save_on_keys(save)
        change.clicked.connect(self._change_passphrase)
        recovery.clicked.connect(self._new_recovery_key)

    def fill(self) -> None:
        values = settings.read_all(self.workspace)
        self.auto_lock.setValue(int(values["auto_lock_minutes"]))
        self.vog_years.setValue(int(values["vog_renewal_years"]))
        self.waiting_weeks.setValue(int(values["waiting_alert_weeks"]))
        self.language.setCurrentIndex(max(self.language.findData(str(QSettings().value("ui/language", "nl"))), 0))

    def _save(self) -> None:
        language = self.language.currentData()
        values = {"auto_lock_minutes": str(self.auto_lock.value()), "vog_renewal_years": str(self.vog_years.value()),
                  "waiting_alert_weeks": str(self.waiting_weeks.value())}
        changed_language = str(QSettings().value("ui/language", "nl")) != language
        if self.attempt(lambda: settings.write_settings(self.workspace, values), _("Saved."), saves=True):
            QSettings().setValue("ui/language", language)
            window = self.window()
            if hasattr(window, "set_auto_lock_ms"):
                window.set_auto_lock_ms(self.auto_lock.value() * 60_000)
            if changed_language:
                self.status.setText(_("Saved. The new language is used from the next start of BOR Desk."))

    def _ask(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def _change_passphrase(self) -> None:
        title = _("Change passphrase")
        current = self._ask(title, _("Current passphrase:"))
        if current is None:
            return
        new = self._ask(title, _("New passphrase (at least 8 characters):"))
        if new is None:
            return
        if self._ask(title, _("Repeat the new passphrase:")) != new:
            self.status.show_problem(_("The two passphrases differ."))
            return
        self.attempt(lambda: passphrase_change.change_passphrase(self.workspace, current, new),
                     _("The passphrase was changed."))

    def _new_recovery_key(self) -> None:
        current = self._ask(_("Make a new recovery key"), _("Current passphrase:"))
        if current is None:
            return
        keys = []
        if self.attempt(lambda: keys.append(passphrase_change.new_recovery_key(self.workspace, current)),
                        _("A new recovery key was made; the old one no longer works.")):
            organisation = settings.read_setting(self.workspace, "organisation.name")
            self.recovery_dialog = RecoveryKeyDialog(keys[0], self.workspace.vault.path.name, organisation, self)
            self.recovery_dialog.exec()
