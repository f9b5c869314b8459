"""Saving a form whose record changed since it was filled (a colleague's change through team sync, another window):
what was changed only elsewhere is kept, what was changed both there and here is put to the coordinator."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _


@dataclass(frozen=True)
class Merge:
    values: dict         # the typing, with the fields changed only elsewhere taken from the store
    clashes: list[str]   # fields changed both here and elsewhere, to different values


def merge(loaded: dict, stored: dict, typed: dict) -> Merge:
    mine = {name for name in typed if typed[name] != loaded.get(name)}
    theirs = {name for name in stored if stored[name] != loaded.get(name)}
    taken = {name: stored[name] if name in theirs - mine else value for name, value in typed.items()}
    clashes = sorted(name for name in mine & theirs if typed.get(name) != stored.get(name))
    return Merge(taken, clashes)


def save_over(parent: QWidget, loaded: dict, stored: dict, typed: dict, label_of,
              workspace) -> tuple[dict | None, bool]:
    """What to save and whether to save it now. Nothing changed elsewhere: her typing. Other fields changed
    elsewhere: her typing with those taken over. A field changed both ways: she is asked, and choosing to look
    first gives (the merged values, False): show them, with `stored` as the new starting point.

    (None, False) when the vault was locked while she was asked: the lock kept her typing as a draft and emptied
    the form, which must stay empty (the merged values, names and addresses, went back into its fields)."""
    if stored == loaded:
        return typed, True
    found = merge(loaded, stored, typed)
    overwrite = not found.clashes or ask_to_overwrite(parent, found.clashes, label_of, stored, typed)
    if workspace is None or workspace.is_locked:
        return None, False
    return found.values, overwrite


def ask_to_overwrite(parent: QWidget, clashes: list[str], label_of, stored: dict, typed: dict) -> bool:
    """True when the coordinator chooses to save her values over the ones that arrived meanwhile."""
    lines = "\n".join(_("• {field}: now “{stored}”, yours “{typed}”").format(
        field=label_of(name), stored=_short(stored[name]), typed=_short(typed[name])) for name in clashes)
    answer = QMessageBox.question(
        parent, _("Changed meanwhile"),
        _("While you were typing, these fields were changed elsewhere (by a colleague, through team "
          "sync):\n{lines}\n\nSave your values over theirs? Choose No to look first: your typing stays on "
          "screen, the other changes of this form are taken over, and Save asks no more.").format(lines=lines))
    return answer == QMessageBox.StandardButton.Yes


def _short(value) -> str:
    text = " ".join(str(value if value is not None else "").split())
    return text if len(text) <= 60 else text[:57] + "…"
