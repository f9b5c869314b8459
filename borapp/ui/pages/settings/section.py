"""A settings tab: loads from services, clears on lock, shows a status line after saving, and knows what was typed
and not saved (kept over a lock and a visit to another page)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from borapp.i18n import _
from borapp.services import settings
from borapp.ui import kept_typing
from borapp.ui.widgets.forms import form_label
from borapp.ui.widgets.number_box import NumberBox
from borapp.ui.widgets.result_line import ResultLine


class SettingsSection(QWidget):
    saved = Signal()
    title_msgid = ""  # English; translated where shown, as a kept draft names its tab in the language of now

    @property
    def title(self) -> str:
        return _(self.title_msgid) if self.title_msgid else ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = None
        self.status = ResultLine()
        self._clean: dict[str, object] = {}

    def load(self, workspace) -> None:
        self.workspace = workspace
        self.fill()
        self.mark_clean()

    def fill(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self.workspace = None
        self.status.clear()
        self._clean = {}

    # ---- what was typed and not saved -------------------------------------------------------------------------

    def form_state(self) -> dict[str, object]:
        """Every named field as typed (kept_typing's form; no password) under its `stable_names` name, and what
        `extra_values` adds."""
        stable = self.stable_names()
        moving = set(self.navigation())
        typed = kept_typing.typing(self)
        return {**{stable.get(widget, name): typed[name] for name, widget in kept_typing.fields(self).items()
                   if widget not in moving}, **self.extra_values()}

    def stable_names(self) -> dict[QWidget, str]:
        """The fields' names that stay the same in every language: the attribute holding the field (`host`, or
        `edits.organisation.name` for one in a dict). A draft kept under the label's words ("Mailserver") was not
        found again after a restart in English, while the tab said the typing was back (a walk)."""
        names: dict[QWidget, str] = {}
        for attribute, value in vars(self).items():
            if isinstance(value, QWidget):
                names.setdefault(value, attribute)
            elif isinstance(value, dict):
                for key, widget in value.items():
                    if isinstance(widget, QWidget):
                        names.setdefault(widget, f"{attribute}.{key}")
        return names

    def navigation(self) -> tuple[QWidget, ...]:
        """Fields that choose what the form shows (a letter, a year), not what it says: `where` keeps them."""
        return ()

    def extra_values(self) -> dict[str, object]:
        """What the form holds beyond its fields (a chosen logo, say), as JSON-able values under their own names."""
        return {}

    def put_back_extra(self, values: dict[str, object]) -> None:
        """Bring back what `extra_values` gave (the names it does not know are the fields')."""

    def mark_clean(self, *fields: QWidget) -> None:
        """The form now shows what the vault holds (loaded or saved): all of it, or only `fields`."""
        now = self.form_state()
        if not fields:
            self._clean = now
            return
        stable = self.stable_names()
        names = {stable.get(widget, name) for name, widget in kept_typing.fields(self).items() if widget in fields}
        self._clean.update({name: now[name] for name in names if name in now})

    def where(self) -> dict:
        """Which row or template the form is about (to show it again before typing is put back)."""
        return {}

    def go_to(self, where: dict) -> None:
        """Show the row or template `where()` named, loaded from the vault."""

    def unsaved(self) -> dict | None:
        """What was typed since the form was loaded or saved, with where it was typed; None when nothing."""
        if self.workspace is None:
            return None
        changed = {name: value for name, value in self.form_state().items() if self._clean.get(name) != value}
        return {"where": self.where(), "typed": changed} if changed else None

    def put_back(self, kept: dict, *, after_lock: bool = False) -> None:
        """Show the form where `kept` was typed and fill in the typing (loaded first: the rest is the vault's)."""
        self.go_to(kept.get("where") or {})
        typed = kept.get("typed") or {}
        kept_typing.put_back(self, self._by_current_names(typed))
        self.put_back_extra(typed)
        if after_lock and self.unsaved() is not None:  # said only when the form now differs from the vault
            self.status.show_note(_("Not saved yet: what you typed here before BOR Desk was locked or closed is "
                                    "back. Press Save to keep it."))

    def _by_current_names(self, typed: dict[str, object]) -> dict[str, object]:
        """`typed` (by stable name, or by the field's words in a draft kept before stable names) under the names
        kept_typing knows the fields by now."""
        stable = self.stable_names()
        current = {}
        for name, widget in kept_typing.fields(self).items():
            key = stable.get(widget, name)
            if key in typed:
                current[name] = typed[key]
            elif name in typed:
                current[name] = typed[name]
        return current

    def save_on_keys(self, save: QPushButton, *fields: QLineEdit) -> None:
        """Ctrl+S anywhere in the tab presses `save`, and so does Enter in each of `fields` (where saving is what
        Enter obviously does); a greyed-out Save (no row chosen) is not pressed."""
        def press() -> None:
            if save.isVisible() and save.isEnabled():
                save.click()

        QShortcut(QKeySequence.StandardKey.Save, self, activated=press,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.setToolTip(_("Save (Ctrl+S)"))
        for field in fields:
            field.returnPressed.connect(press)

    def attempt(self, action, done_text: str, *, saves: bool = False) -> bool:
        """Run a service call; show its error in the user's language, or `done_text`. A number typed outside its
        range is said first, and nothing is saved. `saves`: the call stored the form as it is (so it is clean)."""
        for box in self.findChildren(NumberBox):
            if box.problem():
                label = form_label(box, box.accessibleName())
                self.status.show_problem(f"{label}: {box.problem()}" if label else box.problem())
                box.setFocus()
                return False
        if not self.status.attempt(action, done_text):
            return False
        if saves:
            self.mark_clean()
        self.saved.emit()
        return True


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons at their natural width, on the left, as the platform lays out a form's actions."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    return row


def compact_form() -> QFormLayout:
    """A form whose fields keep their natural width instead of running across the whole screen."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def spin_box(key: str, suffix: str = "") -> NumberBox:
    """A spin box for a whole-number setting, with the range the settings service allows."""
    minimum, maximum = settings.limits(key)
    return NumberBox(minimum, maximum, suffix)
