"""Qt's own texts in the user's language: a QTranslator answering from our gettext catalog plus Qt's qtbase_nl.qm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from borapp import i18n


class GettextTranslator(QTranslator):
    """Answers Qt's translate() calls from our catalog; None (not "") for unknown strings so Qt keeps its own."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        if not source_text:
            return None
        translated = i18n._(source_text)
        return translated if translated != source_text else None


_installed: list[QTranslator] = []


def install(language: str) -> None:
    """(Re)install the translators for `language` on the running application."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    i18n.set_language(language)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch if language == "nl" else QLocale.Language.English,
                               QLocale.Country.Netherlands if language == "nl" else QLocale.Country.UnitedKingdom))
    if language == "nl":
        qt = QTranslator(app)
        if any(qt.load("qtbase_nl", folder) for folder in _qt_translation_folders()):
            app.installTranslator(qt)
            _installed.append(qt)
    ours = GettextTranslator(app)
    app.installTranslator(ours)
    _installed.append(ours)


def _qt_translation_folders() -> list[str]:
    """Where Qt's own catalogs are: Qt's configured place, else beside PySide6 (a bundle may not say where)."""
    import PySide6

    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).parent / "Qt" / "translations")]
