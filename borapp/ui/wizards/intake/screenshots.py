"""Pictures of the intake wizard for the screenshot tool: every page at 1366×768, filled with synthetic data.

`shoot(window, save)` takes a MainWindow with an open workspace and a `save(widget, name)` callback; it leaves the
vault as it found it (the intake is discarded at the end, never created). `fill_page` is shared with the tests.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from borapp.ui.wizards.intake.organisation_picker import NEW
from borapp.ui.wizards.intake.wizard import IntakeWizard

SIZE = (1366, 768)
TODAY = dt.date.today()


def _years_ago(years: int, month: int, day: int) -> dt.date:
    return dt.date(TODAY.year - years, month, day)


def fill_page(wizard: IntakeWizard, number: int, route: str = "court") -> None:
    """Type plausible synthetic data into one page, as a coordinator would."""
    page = wizard.pages[number]
    if number == 1:
        page.registered_on.set_value(TODAY - dt.timedelta(days=3))
        page.buttons[route].setChecked(True)
    elif number == 2:
        page.referrer.set_choice(NEW)
        page.referrer.name.setText("Rechtbank Voorbeeldstad")
        page.referrer.set_kind("court")
        page.referrer.address.setPlainText("Postbus 1234\n1800 BC Voorbeeldstad")
        page.contact.setText("mr. J. de Griffier")
        page.email.setText("familiezaken@rechtbank.example")
        page.commissioner.set_choice(page.commissioner.combo.itemData(1) if page.commissioner.choices else NEW)
        if page.commissioner.choice() == NEW:
            page.commissioner.name.setText("Gemeente Voorbeeldstad, team Jeugd")
            page.commissioner.set_kind("municipality")
            page.commissioner.address.setPlainText("Postbus 53\n1800 BC Voorbeeldstad")
    elif number == 3:
        page.municipality.setCurrentIndex(min(1, page.municipality.count() - 1))
        if not any(b.isChecked() for b in page.funding.values()):
            page.funding["per_case"].setChecked(True)
    elif number in (4, 5):
        resident = number == 4
        values = (("Marieke Voorbeeld", "Lindelaan 12", "1811 KL", "Voorbeeldstad", "marieke@example.nl",
                   "06-12345678") if resident else
                  ("Ruud Proefmans", "Havenkade 3", "1781 AB", "Proefhaven", "", "06-87654321"))
        for key, value in zip(("name", "address", "postcode", "city", "email", "phone"), values):
            page.edits[key].setText(value)
        page.confidential.setChecked(resident)
    elif number == 6:
        page.editor.set_value([{"id": None, "name": "Noor Voorbeeld", "birth_date": _years_ago(7, 4, 2).isoformat()},
                               {"id": None, "name": "Daan Voorbeeld", "birth_date": _years_ago(13, 9, 20).isoformat()}])
    elif number == 7:
        page.decided_on.set_value(TODAY - dt.timedelta(days=30))
        page.frequency.setText("Eens per twee weken, twee uur")
        page.duration.setText("Zes maanden, daarna evaluatie")
        page.buildup.setPlainText("Eerst drie keer begeleid op de BOR-locatie; daarna alleen begeleiding bij de "
                                  "overdracht.")
    elif number == 8:
        page.motivation_resident.setPlainText("Wil dat de kinderen hun vader weer zien, maar wel veilig.")
        page.motivation_other.setPlainText("Mist de kinderen en wil het contact stap voor stap opbouwen.")
        page.no_contact.setChecked(True)
        page.details.setPlainText("Contactverbod tussen de ouders, opgelegd door de rechter, tot 1 juni.")
        page.must_not_meet.setText("De ouders onderling")
        page.staggered.setChecked(True)
    elif number == 9:
        page.slots.set_value({("wed", "afternoon"), ("sat", "morning"), ("sat", "afternoon")})
        page.place.setText("BOR-ruimte Voorbeeldstad")
        page.gender.setCurrentIndex(page.gender.findData("f"))
        page.languages.set_value(("nl", "tr"))
        page.other.setPlainText("Liefst steeds dezelfde begeleider.")


def shoot(window, save) -> None:
    """Open the intake wizard in the main window and save every page, filled, as "intake-N-<name>"."""
    window.resize(*SIZE)
    cases = window.shell.show_page("cases")
    cases.start_intake()
    wizard = cases.intake.wizard
    for number in range(1, 11):
        QApplication.processEvents()
        if wizard.currentId() != number:
            continue
        fill_page(wizard, number)
        save(window, wizard.currentPage().objectName())
        if number < 10:
            wizard.next()
    cases.intake.discard()
    cases.show_list()
