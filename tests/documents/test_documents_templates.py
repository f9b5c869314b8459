"""Letter templates: the built-in text per language, an organisation's own text kept in the vault, placeholders
documented and checked, and letters made from the template in use."""

from __future__ import annotations

import pytest

from borapp.models.documents import LETTER_KINDS
from borapp.services import settings
from borapp.services.documents import templates
from borapp.services.documents.addressee import REFERRER
from borapp.services.documents.letters import render_letter
from borapp.services.documents.template_texts import DEFAULT_TEMPLATES, KIND_PLACEHOLDERS, PLACEHOLDERS
from borapp.services.errors import UsageError, ValidationError
from tests.helpers.documents_support import TODAY, all_text, full_case, set_organisation


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace)
    return full_case(workspace)


def test_every_kind_and_language_has_a_setting_and_a_valid_default():
    for kind in LETTER_KINDS:
        for lang in ("nl", "en"):
            key = templates.template_key(kind, lang)
            assert key in settings.SETTINGS and settings.SETTINGS[key].default == ""
            templates.validate_template(kind, templates.default_template(kind, lang))
        assert set(templates.template_fields(DEFAULT_TEMPLATES[kind])) <= set(KIND_PLACEHOLDERS[kind])
    assert set(n for names in KIND_PLACEHOLDERS.values() for n in names) == set(PLACEHOLDERS)


def test_the_default_follows_the_language():
    assert templates.default_template("closing", "nl").startswith("Geachte {recipient_contact},")
    assert templates.default_template("closing", "en").startswith("Dear {recipient_contact},")


def test_placeholders_are_listed_with_what_they_stand_for():
    names = {p.name: p for p in templates.template_placeholders("closing")}
    assert names["outcome"].description == "de uitkomst" and names["outcome"].token == "{outcome}"
    assert "schedule" not in names and "parent_name" not in names
    assert "schedule" in {p.name for p in templates.template_placeholders("schedule")}


@pytest.mark.parametrize("kind, name, words", [
    ("start", "evaluation_news", "de tussenevaluatie: dat die wordt gehouden"),
    ("evaluation", "closing_news", "dat wij opnieuw schrijven bij de afronding"),
    ("no_response", "next_steps", "ons verzoek om met de ouders te bespreken"),
    ("closing", "visits_summary", "of dat er geen omgangsmomenten hebben plaatsgevonden"),
])
def test_what_a_letter_says_as_the_case_stands_is_a_placeholder_of_its_template(kind, name, words):
    """The built-in texts say what comes next (or what happened) through a placeholder the editor lists."""
    listed = {p.name: p.description for p in templates.template_placeholders(kind)}
    assert words in listed[name]
    assert "{" + name + "}" in templates.default_template(kind, "nl")
    assert "{" + name + "}" in templates.default_template(kind, "en")


def test_an_edited_template_is_used_for_the_letter(workspace, case_id):
    text = "Beste {referrer_contact},\n\nOp {closed_on} is het traject voor {children} afgerond: {outcome}."
    templates.save_template(workspace, "closing", "nl", text)
    assert templates.get_template(workspace, "closing", "nl") == text
    assert not templates.is_default(workspace, "closing", "nl")
    doc = render_letter(workspace, case_id, "closing", today=TODAY, addressee=REFERRER)
    assert "Op 1 juli 2026 is het traject voor Sanne Jansen en Daan Jansen afgerond: Succesvol afgerond." in \
        all_text(doc.pdf)
    assert doc.body.startswith("Beste Anna de Vries,")
    english = all_text(render_letter(workspace, case_id, "closing", "en", today=TODAY, addressee=REFERRER).pdf)
    assert "Dear Anna de Vries," in english  # the English template is its own


def test_restore_default(workspace):
    templates.save_template(workspace, "intake", "en", "Hello {referrer_contact}.")
    restored = templates.restore_default(workspace, "intake", "en")
    assert restored == templates.default_template("intake", "en")
    assert templates.is_default(workspace, "intake", "en")
    templates.save_template(workspace, "intake", "en", restored)  # saving the default text keeps nothing
    assert templates.is_default(workspace, "intake", "en")


@pytest.mark.parametrize("text, words", [
    ("Beste {referrer_contac},", "{referrer_contac}"),
    ("Beste {schedule},", "{schedule}"),  # a schedule placeholder in a referrer letter
    ("Beste {referrer_contact,", "accolade"),
    ("Beste }", "accolade"),
    ("Beste {referrer_contact!r}", "{referrer_contact!r}"),
    ("Beste {referrer_contact:>20}", "{referrer_contact:>20}"),
    ("Beste {referrer_contact.__class__}", "{referrer_contact.__class__}"),
    ("   ", "leeg"),
])
def test_a_bad_template_is_refused(workspace, text, words):
    with pytest.raises(ValidationError) as caught:
        templates.save_template(workspace, "closing", "nl", text)
    assert words in str(caught.value)
    assert templates.is_default(workspace, "closing", "nl")


def test_unknown_kind_or_language():
    with pytest.raises(UsageError):
        templates.template_key("birthday", "nl")
    with pytest.raises(UsageError):
        templates.template_key("closing", "de")


def test_fill_template_replaces_only_known_names():
    text = "A {x} and {y}, braces {{kept}}."
    assert templates.fill_template(text, {"x": "1"}) == "A 1 and {y}, braces {kept}."
    assert templates.fill_template("{x.__class__}", {"x": "1"}) == "{x.__class__}"


def test_a_template_damaged_outside_the_editor_still_makes_a_letter(workspace, case_id):
    with workspace.session() as session:
        settings.put(session, "template.closing.nl", "Hallo {referrer_contact} en {onbekend}.")
    doc = render_letter(workspace, case_id, "closing", today=TODAY)
    assert "Hallo Anna de Vries en {onbekend}." in all_text(doc.pdf)
    assert "Het sjabloon noemt een onbekend invulveld: {onbekend}" in doc.missing
