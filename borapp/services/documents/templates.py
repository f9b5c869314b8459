"""Editable letter templates: each kind's text per language, with `{placeholders}` filled from the case.

The built-in texts and the placeholders are in `template_texts`. An organisation's own wording is stored in the
vault's settings under `template.<kind>.<lang>` (declared in `services.settings.SETTINGS`, default "" = built-in).
A template is refused when it names a placeholder its kind does not know, or has a stray brace; `{{` and `}}` print
a brace.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from borapp.i18n import LANGUAGES, _, in_language
from borapp.models.documents import LETTER_KINDS
from borapp.services import settings
from borapp.services.documents.template_problems import problems_message, template_problems
from borapp.services.documents.template_texts import DEFAULT_TEMPLATES, KIND_PLACEHOLDERS, PLACEHOLDERS
from borapp.services.errors import UsageError, ValidationError

MAX_TEMPLATE = 20_000
TEMPLATE_KINDS = LETTER_KINDS  # for the settings screen, which does not import the models


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str  # in the user's language

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


def template_key(kind: str, lang: str) -> str:
    _check_kind(kind)
    if lang not in LANGUAGES:
        raise UsageError(_("Unknown language '{lang}'.").format(lang=lang))
    return f"template.{kind}.{lang}"


def template_placeholders(kind: str) -> list[Placeholder]:
    """The placeholders a template of `kind` may use, with what each stands for."""
    _check_kind(kind)
    return [Placeholder(name, _(PLACEHOLDERS[name])) for name in KIND_PLACEHOLDERS[kind]]


def default_template(kind: str, lang: str) -> str:
    """The built-in text of `kind` in `lang`."""
    template_key(kind, lang)
    with in_language(lang):
        return _(DEFAULT_TEMPLATES[kind])


def template_text(session, kind: str, lang: str) -> str:
    """The text in use: the organisation's own, else the built-in one."""
    stored = settings.get(session, template_key(kind, lang))
    return stored if stored.strip() else default_template(kind, lang)


def get_template(workspace, kind: str, lang: str) -> str:
    with workspace.session() as session:
        return template_text(session, kind, lang)


def is_default(workspace, kind: str, lang: str) -> bool:
    with workspace.session() as session:
        return not settings.get(session, template_key(kind, lang)).strip()


def save_template(workspace, kind: str, lang: str, text: str) -> None:
    """Check and keep the organisation's text; the built-in text (or an empty one after "restore") stores as ""."""
    key = template_key(kind, lang)
    text = (text or "").replace("\r\n", "\n").strip()
    validate_template(kind, text)
    value = "" if text == default_template(kind, lang).strip() else text
    with workspace.session() as session:
        settings.put(session, key, value)


def restore_default(workspace, kind: str, lang: str) -> str:
    """Forget the organisation's text; returns the built-in one."""
    with workspace.session() as session:
        settings.put(session, template_key(kind, lang), "")
    return default_template(kind, lang)


def template_fields(text: str) -> list[str]:
    """The placeholder names in `text`, in order; ValidationError for a stray brace or a formatted field."""
    names = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(_("The template has a brace that does not belong to a placeholder. Type a brace "
                                "twice to print it."), "template") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValidationError(_("{token} is not a placeholder: use only the names listed.").format(
                token="{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"),
                "template")
        names.append(name)
    return names


def validate_template(kind: str, text: str) -> None:
    """Refuse an empty or too long template, a stray brace, or a placeholder `kind` does not know."""
    _check_kind(kind)
    if not (text or "").strip():
        raise ValidationError(_("The template is empty. Write the letter's text, or restore the default."),
                              "template")
    if len(text) > MAX_TEMPLATE:
        raise ValidationError(_("The template is too long (at most {n} characters).").format(n=MAX_TEMPLATE),
                              "template")
    problems = template_problems(text, set(KIND_PLACEHOLDERS[kind]))
    if problems:  # all of them, each with where: the first alone hid the rest until the next Save
        raise ValidationError(problems_message(problems), "template")


def fill_template(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{name}` replaced by `values[name]`; a name without a value stays as it was written.

    Nothing but plain replacement happens (no format specs, no attribute access), so a template cannot reach into
    the program."""
    out = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if name in values and not spec and not conversion:
            out.append(str(values[name]))
        else:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def _check_kind(kind: str) -> None:
    if kind not in LETTER_KINDS:
        raise UsageError(_("Unknown letter kind '{kind}'. Known: {kinds}.").format(
            kind=kind, kinds=", ".join(LETTER_KINDS)))
