"""A template with several problems names them all at once, each with its line and the words around it: a stray
brace alone was refused "without where", and the unknown placeholders beside it showed only on a second Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.i18n import in_language
from borapp.services.documents import templates
from borapp.services.documents.template_problems import template_problems
from tests.documents.test_documents_ui import choose, tab  # noqa: F401 - fixture


def test_every_problem_is_said_at_once_with_where(qtbot, tab, workspace):
    choose(tab, "intake", "nl")
    tab.editor.setFocus()
    QTest.keyClick(tab.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.editor, "Beste {referrer_contact},")
    QTest.keyClick(tab.editor, Qt.Key.Key_Return)
    QTest.keyClick(tab.editor, Qt.Key.Key_Return)
    QTest.keyClicks(tab.editor, "Over {kinderen} en {onbekend} en {children")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text().split("\n") == [
        "Niet opgeslagen. Verbeter dit in het sjabloon:",
        "• Regel 3, bij “Over {kinderen} en {onbekend} en…”: {kinderen} is geen invulveld van deze brief: "
        "gebruik alleen de genoemde namen.",
        "• Regel 3, bij “Over {kinderen} en {onbekend} en {children”: {onbekend} is geen invulveld van deze brief: "
        "gebruik alleen de genoemde namen.",
        "• Regel 3, bij “…en {onbekend} en {children”: een accolade die niet bij een invulveld hoort "
        "(typ een accolade twee keer om hem af te drukken).",
    ]
    assert templates.is_default(workspace, "intake", "nl")


def test_a_long_line_is_cut_to_the_words_around_the_problem():
    line = "Wij hebben de aanmelding voor de kinderen goed ontvangen en { nemen binnen twee weken contact met u op."
    with in_language("en"):
        assert template_problems("Dear {referrer_contact},\n\n" + line, {"referrer_contact"}) == [
            "Line 3, at “…goed ontvangen en { nemen binnen twee…”: a brace that does not belong to a "
            "placeholder (type a brace twice to print it)."]


def test_doubled_braces_and_known_placeholders_are_no_problem():
    assert template_problems("{{50}} euro voor {children}, }}", {"children"}) == []
    with in_language("en"):
        found = template_problems("} {x!r}", None)
    assert [p.split(": ", 1)[1] for p in found] == [
        "a brace that does not belong to a placeholder (type a brace twice to print it).",
        "{x!r} is not a placeholder: use only the names listed."]
