"""Everything wrong with a letter template at once, each with where it is (the line and the words around it).

Refusing on the first problem said only "a brace that does not belong to a placeholder", without where, and hid the
unknown placeholders in the same text until the next Save (a walk)."""

from __future__ import annotations

import re

from borapp.i18n import _

_FIELD = re.compile(r"\{([^{}\n]*)\}")
AROUND = 24  # characters of context on each side, cut back to whole words


def template_problems(text: str, allowed: set[str] | None = None) -> list[str]:
    """Each stray brace, formatted field and (with `allowed`) unknown placeholder in `text`, in reading order.
    `{{` and `}}` print a brace and are no problem."""
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        i = 0
        while i < len(line):
            if line.startswith(("{{", "}}"), i):
                i += 2
                continue
            field = _FIELD.match(line, i) if line[i] == "{" else None
            if field is not None:
                problem = _field_problem(field.group(0), field.group(1), allowed)
                if problem:
                    problems.append(_at(line, number, field.start(), field.end(), problem))
                i = field.end()
                continue
            if line[i] in "{}":
                problems.append(_at(line, number, i, i + 1, _(
                    "a brace that does not belong to a placeholder (type a brace twice to print it)")))
            i += 1
    return problems


def unfilled_placeholders(text: str, allowed: set[str], template: str = "") -> list[str]:
    """Each placeholder a letter's own text still holds as written (`{ouder_naam}`), in reading order, with where and
    in the template editor's words: it would print as it stands. The text was made from a template stored before
    Save checked it (imported, or written into the vault), or from one the letter could not be filled from. A letter
    is no template: a lone brace in it is only a brace, so only a brace pair around a name counts, and not one the
    `template` it was made from prints on purpose (`{{name}}`)."""
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        for field in _FIELD.finditer(line):
            name = field.group(1)
            if not name.isidentifier():
                continue
            token = field.group(0)
            if "{" + token + "}" in template:
                continue
            problem = _field_problem(token, name, allowed) or _(
                "{token} was not filled in: type what it stands for over it").format(token=token)
            problems.append(_at(line, number, field.start(), field.end(), problem))
    return problems


def problems_message(problems: list[str]) -> str:
    return "\n".join([_("Not saved. Put this right in the template:"), *("• " + p for p in problems)])


def _field_problem(token: str, name: str, allowed: set[str] | None) -> str:
    if not name.isidentifier():
        return _("{token} is not a placeholder: use only the names listed").format(token=token)
    if allowed is not None and name not in allowed:
        return _("{token} is not a placeholder of this letter: use only the names listed").format(token=token)
    return ""


def _at(line: str, number: int, start: int, end: int, problem: str) -> str:
    return _("Line {line}, at “{words}”: {problem}.").format(line=number, words=_words(line, start, end),
                                                          problem=problem)


def _words(line: str, start: int, end: int) -> str:
    """The text from `start` to `end` with up to AROUND characters either side, cut at a space, "…" where cut."""
    before, after = line[max(0, start - AROUND):start], line[end:end + AROUND]
    if start > AROUND and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if len(line) - end > AROUND and " " in after:
        after = after[:after.rindex(" ")] + "…"
    return (before + line[start:end] + after).strip()
