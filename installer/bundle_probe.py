"""What `installer/build.py` asks of the bundle's own interpreter (launcher.py runs this with BORAPP_BUNDLE_PROBE=1):

    BORAPP_BUNDLE_PROBE=1 QT_QPA_PLATFORM=offscreen dist/borapp/borapp VAULT PASSPHRASE_FILE
    python installer/bundle_probe.py --locale-only         # the same facts from the checkout, to compare

Prints one JSON document: Dutch and English text, dates (Babel's and Qt's), amounts, Qt's collation of names with
accents, case mapping and time-zone names (the ICU that Qt links), Qt's own Dutch catalog, which ICU data library
is loaded; and, given a vault, the GUI's first screen and whether unlocking it there reaches the main window.
The build compares the locale facts with the checkout's own, so a trimmed bundle answers exactly as `python -m borapp`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

NAMES = ["Zoë", "Émile", "Eva", "Ëlla", "Ådne", "van Dijk", "IJsbrand", "Ijzerman", "Çelik", "Öztürk", "Østergaard",
         "Łukasz", "Šimon", "de Vries", "Aäron", "Eline", "Élise", "Bas 10", "Bas 9"]
DAY = date(2026, 3, 5)


def locale_facts() -> dict:
    from babel.dates import format_date
    from babel.numbers import format_currency
    from PySide6.QtCore import QCollator, QCoreApplication, QDate, QLocale, QStringDecoder, QTimeZone

    from borapp.app import make_application
    from borapp.i18n import _, set_language
    from borapp.services.visits.public_holidays import holidays_on
    from borapp.ui import qt_i18n

    make_application()
    facts: dict = {}
    for language, locale in (("nl", "nl_NL"), ("en", "en_GB")):
        qt_i18n.install(language)
        set_language(language)
        where = QLocale(locale)
        facts[language] = {
            "text": [_("Unlock your vault"), _("Unlock"), _("Passphrase")],
            "qt_text": QCoreApplication.translate("QFileDialog", "Look in:"),
            "babel_date": format_date(DAY, "full", locale=locale),
            "babel_amount": format_currency(1234.5, "EUR", locale=locale),
            "qt_date": where.toString(QDate(DAY.year, DAY.month, DAY.day), QLocale.FormatType.LongFormat),
            "collation": [str(name) for name in sorted(NAMES, key=QCollator(where).sortKey)],
            "upper": where.toUpper("ijsbrand straße"),
            "time_zone": QTimeZone(b"Europe/Amsterdam").displayName(
                QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, where),
            "holiday": [name for _day, name in holidays_on([date(2026, 12, 26)])],  # our catalog names it
        }
    facts["windows_1252"] = QStringDecoder("windows-1252").isValid()
    return facts


def icu_data() -> dict:
    """The ICU data library this process mapped, and its size (Linux; elsewhere Qt brings no ICU of its own)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return {}
    paths = sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})
    return {"path": paths[0], "mb": round(os.path.getsize(paths[0]) / 1e6, 1)} if paths else {}


def unlock(vault: Path, passphrase: str) -> dict:
    """Start the GUI on `vault` (Dutch), unlock it on its first screen as a person would, reach the main window."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QLabel

    from borapp.app import build_window, make_application

    app = make_application()
    window = build_window(vault, "nl")
    window.show()
    screen = window.unlock_screen
    page = screen.passphrase_page
    facts = {"first_screen": type(screen.stack.currentWidget()).__name__,
             "first_screen_title": page.findChild(QLabel, "pageTitle").text(),
             "icon_drawn": _icon_drawn()}

    def wait(condition, seconds: float = 120) -> bool:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        return condition()

    page.passphrase.setText(passphrase)
    page.unlock_button.click()
    if not wait(lambda: screen.stack.currentWidget() is screen.coordinator_page or page.message.isVisible()):
        facts["error"] = "no answer from unlocking"
    elif page.message.isVisible():
        facts["error"] = page.message.text()
    else:
        entered = []
        window.unlocked.connect(lambda: entered.append(True))
        if not screen.coordinator_page.combo.count():
            screen.coordinator_page.new_name.setText("Coördinator Bundel")
        screen.coordinator_page.continue_button.click()
        wait(lambda: bool(entered))
    facts["unlocked"] = getattr(window, "shell", None) is not None and window.stack.currentWidget() is window.shell
    facts["window_title"] = window.windowTitle()
    if facts["unlocked"]:
        window.lock()
    window.close()
    QApplication.processEvents()
    return facts


def _icon_drawn() -> bool:
    """Whether an icon comes out of the Phosphor font the bundle ships (borapp/ui/icons.py), with ink on it."""
    from borapp.ui.icons import icon

    image = icon("lock-simple").pixmap(24, 24).toImage()
    return any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    facts = {"locale": locale_facts(), "icu_data": icu_data()}
    if args and args[0] != "--locale-only":
        vault, passphrase_file = Path(args[0]), Path(args[1])
        facts["gui"] = unlock(vault, passphrase_file.read_text(encoding="utf-8").splitlines()[0])
    print(json.dumps(facts, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
