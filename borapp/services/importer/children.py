"""Reading a children cell: one child or more, each a name with an optional birth date in brackets.

Children are separated by ';' or a new line, or listed with ',' and 'en' / 'and' / '&':

    Sem de Groot (12-4-2017); Lotte de Groot (3-9-2019)
    Finn Mol (1-1-2018), Julia Mol (5-5-2020)
    Noah en Mila Bakker                      → Noah Bakker and Mila Bakker (the surname said once, after the last)

Separators inside brackets do not count. A cell that could be read more ways than one is refused, never guessed:
first names beside full names in one list ('Sem de Groot, Lotte': is she Lotte de Groot?), one-word names listed with
',' alone ('Bakker, Noah': one child, surname first, or two?), ',' besides ';', a date outside brackets or a '/' in a
name. A number alone is a name: an anonymised list says 'Kind 1'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from borapp.i18n import _
from borapp.services.importer.values import BadValue, is_empty, parse_date

_BRACKETS = re.compile(r"\([^()]*\)")
_CHILDREN = re.compile(r"[;\n]")  # between children, always
_LIST = re.compile(r",|\s+(?:en|and|&)\s+", re.IGNORECASE)  # between names of one list
_CHILD = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<born>[^()]*)\))?$")
_UNCLEAR_NAME = re.compile(r"\d+\s*[-/.]\s*\d+|\b\d{4}\b|[/+]")  # a date or year outside brackets; 'Noah/Mila'



@dataclass(frozen=True)
class ChildValue:
    name: str
    birth_date: dt.date | None
    shared_surname: bool = False  # the surname was written once, after the last name of a list ('Noah en Mila Bakker')


@dataclass(frozen=True)
class _Name:
    text: str  # the name as written
    born: dt.date | None

    @property
    def one_word(self) -> bool:
        return len(self.text.split()) == 1


def parse_children(value: object) -> list[ChildValue]:
    """The children a cell names, in its order; BadValue quoting the cell where it can be read more ways than one."""
    if is_empty(value):
        return []
    text = str(value).strip()
    masked = _mask(text)
    groups = _split(text, masked, _CHILDREN)
    if len([g for g in groups if g.strip()]) > 1 and "," in masked:
        raise BadValue(_("'{value}' separates children with both ';' and ','; separate them with ';' only, as "
                         "'Name (15-3-2018); Name (2-9-2020)'.").format(value=text))
    children: list[ChildValue] = []
    for group in groups:
        children += _list(group)
    return children


def _mask(text: str) -> str:
    """`text` with what brackets hold blanked out (same length), so a ',' in a date is no separator; unmatched or
    nested brackets are refused."""
    masked = _BRACKETS.sub(lambda m: "(" + "#" * (len(m.group()) - 2) + ")", text)
    if "(" in _BRACKETS.sub("", masked) or ")" in _BRACKETS.sub("", masked):
        raise BadValue(_("'{value}' has a bracket that is not closed or opened; write each birth date in brackets "
                         "after the name, as 'Name (15-3-2018)'.").format(value=text))
    return masked


def _split(text: str, masked: str, separator: re.Pattern) -> list[str]:
    """`text` cut where `separator` matches in `masked` (the same text with the brackets' contents blanked)."""
    parts, start = [], 0
    for match in separator.finditer(masked):
        parts.append(text[start:match.start()])
        start = match.end()
    return parts + [text[start:]]


def _list(group: str) -> list[ChildValue]:
    """One list of names ('Noah, Mila en Sam Bakker', or a single name)."""
    group = group.strip()
    if not group:
        return []
    masked = _mask(group)
    names = [_name(part.strip(), group) for part in _split(group, masked, _LIST) if part.strip()]
    if len(names) < 2 or all(not n.one_word for n in names):
        return [ChildValue(n.text, n.born) for n in names]
    last_join_is_word = _ends_with_word(masked)
    if all(n.one_word for n in names):
        if not last_join_is_word and not all(n.born for n in names):
            raise BadValue(_("'{value}': one child with the surname first, or more children? Write each child's "
                             "name as 'First name Surname', separated by ';'.").format(value=group))
        return [ChildValue(n.text, n.born) for n in names]
    if last_join_is_word and all(n.one_word for n in names[:-1]):
        surname = " ".join(names[-1].text.split()[1:])
        return [ChildValue(f"{n.text} {surname}", n.born, shared_surname=True) for n in names[:-1]] + [
            ChildValue(names[-1].text, names[-1].born)]
    raise BadValue(_("'{value}' names some children with a surname and some without; write each child's full name, "
                     "separated by ';'.").format(value=group))


def _ends_with_word(masked: str) -> bool:
    """Whether the last separator of the list is 'en' / 'and' / '&' (not ',')."""
    joins = list(_LIST.finditer(masked))
    return bool(joins) and joins[-1].group() != ","


def _name(item: str, group: str) -> _Name:
    match = _CHILD.match(item)
    if match is None:
        raise BadValue(_("'{value}': write the birth date in brackets after the name, as 'Name (15-3-2018)'.")
                       .format(value=item))
    name = match.group("name").strip()
    if not name:
        raise BadValue(_("'{value}' has a birth date but no name; write 'Name (15-3-2018)'.").format(value=item))
    if _UNCLEAR_NAME.search(name):
        raise BadValue(_("'{value}' has a date, a '/' or a '+' in a name; write each child as 'Name (15-3-2018)', "
                         "separated by ';'.").format(value=group))
    try:
        born = parse_date(match.group("born")) if match.group("born") is not None else None
    except BadValue as exc:
        raise BadValue(_("Child '{name}': {problem}").format(name=name, problem=exc)) from None
    return _Name(name, born)
