"""Letter templates: each letter kind's wording per language, with the placeholders it may use.

Save checks the text (an unknown placeholder or a stray brace is refused, with the reason under the editor);
"Restore default" brings back the built-in text. Every letter of the kind is made from what is saved here (the
intake's proposed letter too); the PDF adds one closing and the signature. Switching kind or language with unsaved
changes asks first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services.documents import templates
from borapp.services.outbox.listing import kind_label
from borapp.ui.pages.settings.section import SettingsSection

LANGUAGE_NAMES = (("nl", "Nederlands"), ("en", "English"))


class LetterTemplatesTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Letter templates")
        self._shown: tuple[str, str] | None = None
        self._loaded_text = ""
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in templates.TEMPLATE_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        for label, widget in ((_("Letter"), self.kind), (_("Language"), self.language)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(_("Template text"))
        self.editor.setTabChangesFocus(True)
        row.addWidget(self.editor, 3)
        self.placeholders = QLabel()
        self.placeholders.setWordWrap(True)
        self.placeholders.setTextInteractionFlags(self.placeholders.textInteractionFlags()
                                                  | self.placeholders.textInteractionFlags().TextSelectableByMouse)
        self.placeholders.setAccessibleName(_("Placeholders you can use"))
        self.placeholders.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()  # the list is long; on a small screen it scrolls beside the editor
        scroll.setWidget(self.placeholders)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(280)
        row.addWidget(scroll, 2)
        layout.addLayout(row, 1)
        self.note = QLabel(_("A placeholder such as {children} is filled in from the case when a letter is made. "
                             "What is not known yet becomes a line to fill in by hand.") + " " +
                           _("The closing and the signature are added under the text; a template that ends with a "
                             "closing of its own keeps that one instead."))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save"))
        self.restore_button = QPushButton(_("Restore default"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.save_button.clicked.connect(self._save)
        self.save_on_keys(self.save_button)
        self.restore_button.clicked.connect(self._restore)
        self.kind.currentIndexChanged.connect(self._switch)
        self.language.currentIndexChanged.connect(self._switch)

    # ---- loading ------------------------------------------------------------------------------------------------

    def current(self) -> tuple[str, str]:
        return self.kind.currentData(), self.language.currentData()

    def fill(self) -> None:
        self._show(*self.current())

    def clear(self) -> None:
        super().clear()
        self.editor.clear()
        self.placeholders.clear()
        self._shown, self._loaded_text = None, ""

    def _show(self, kind: str, lang: str) -> None:
        text = templates.get_template(self.workspace, kind, lang)
        self.editor.setPlainText(text)
        self._loaded_text = text
        self._shown = (kind, lang)
        self.placeholders.setText(_placeholder_list(kind))
        self.status.clear()
        self.mark_clean()

    def navigation(self) -> tuple:
        return self.kind, self.language

    def where(self) -> dict:
        kind, lang = self._shown or self.current()
        return {"kind": kind, "lang": lang}

    def go_to(self, where: dict) -> None:
        kind, lang = where.get("kind"), where.get("lang")
        if self.kind.findData(kind) >= 0 and self.language.findData(lang) >= 0:
            self._select(kind, lang)
            self._show(kind, lang)

    @property
    def dirty(self) -> bool:
        return self._shown is not None and self.editor.toPlainText() != self._loaded_text

    def _switch(self) -> None:
        if self.workspace is None or self._shown is None or self.current() == self._shown:
            return
        if self.dirty and not self._discard_ok():
            if self.workspace is not None and self._shown is not None:  # a lock while asked emptied the tab
                self._select(*self._shown)
            return
        if self.workspace is not None:
            self._show(*self.current())

    def _discard_ok(self) -> bool:
        answer = QMessageBox.question(self, _("Letter templates"), _("Discard the changes to this template?"))
        return answer == QMessageBox.StandardButton.Yes

    def _select(self, kind: str, lang: str) -> None:
        for combo, value in ((self.kind, kind), (self.language, lang)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

    # ---- saving -------------------------------------------------------------------------------------------------

    def _save(self) -> None:
        kind, lang = self._shown or self.current()
        text = self.editor.toPlainText()
        if self.attempt(lambda: templates.save_template(self.workspace, kind, lang, text), _("Saved."), saves=True):
            self._loaded_text = text

    def _restore(self) -> None:
        kind, lang = self._shown or self.current()
        default = templates.default_template(kind, lang)
        if self.editor.toPlainText() != default and QMessageBox.question(
                self, _("Letter templates"), _("Put the default text back? Your own text for this letter is "
                                               "removed.")) != QMessageBox.StandardButton.Yes:
            return  # it removed a saved own text at once; switching letters asks, so this asks too
        if self.workspace is None:  # locked while asked
            return
        restored = []
        if self.attempt(lambda: restored.append(templates.restore_default(self.workspace, kind, lang)),
                        _("The default text is back.")):
            self.editor.setPlainText(restored[0])
            self._loaded_text = restored[0]
            self.mark_clean()


def _placeholder_list(kind: str) -> str:
    heading = _("Placeholders you can use")
    lines = [f"<b>{heading}</b>"]
    lines += [f"<code>{p.token}</code> {_escape(p.description)}" for p in templates.template_placeholders(kind)]
    return "<br>".join(lines)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
