"""The command line in Dutch has Dutch placeholders and Dutch refusals: `--vault VAULT`, `CASE_REF` and argparse's
"ongeldige int-waarde: 'abc'" stood in Dutch help and errors."""

from __future__ import annotations

import argparse
import re

import pytest

from borapp.cli import main
from borapp.cli.argparse_language import install
from borapp.cli.parser import build_parser
from borapp.i18n import set_language

ENGLISH = re.compile(r"\b(VAULT|FILE|CASE_REF|DIR|KEY|VALUE|REASON|HOST:PORT|KIND\.LANG)\b|\[--\w+ [NS]\]|int-waarde")


def every_parser(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from every_parser(sub)


def test_every_dutch_help_has_dutch_placeholders():
    set_language("nl")
    install()
    found = {p.prog: ENGLISH.findall(p.format_help()) for p in every_parser(build_parser())}
    assert not {prog: words for prog, words in found.items() if words}, found


@pytest.mark.parametrize("argv", [["demo", "--cases", "abc"], ["letters", "ready", "abc"],
                                  ["sync", "resolve", "--keep", "mine", "abc"]])
def test_a_number_that_is_none_is_refused_in_dutch(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "'abc' is geen heel getal" in err and "int" not in err and "argument " not in err, err


@pytest.mark.parametrize("argv, usage", [(["letters", "list", "--bogus"], "gebruik: borapp letters list "),
                                         (["check", "--snel"], "gebruik: borapp check ")])
def test_an_unknown_option_is_refused_with_the_usage_of_its_command(capsys, argv, usage):
    """'borapp letters list --bogus' showed the usage of borapp itself, which names none of the command's options."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and f"fout: onbekende argumenten: {argv[-1]}" in err, err


def test_a_parent_and_an_audience_are_given_in_dutch_words(capsys):
    """`--parent resident|other` and `--audience internal|external` were codes only, and refused in them."""
    set_language("nl")
    install()
    help_text = " ".join(p.format_help() for p in every_parser(build_parser()))
    assert "{verzorgend,uitwonend}" in help_text and "{intern,extern}" in help_text
    assert "{resident,other}" not in help_text and "{internal,external}" not in help_text
    assert main(["documents", "letter", "BOR-2026-001", "--kind", "schedule", "--parent", "ouder", "--out",
                 "x.pdf"]) == 2
    assert "'ouder' is niet een van: verzorgend, uitwonend." in capsys.readouterr().err


def test_the_dutch_words_give_the_codes():
    from borapp.cli.command import AUDIENCE_WORDS, PARENT_WORDS, word_choice

    assert [word_choice(PARENT_WORDS)(w) for w in ("verzorgend", "Uitwonend", "other")] == \
        ["resident", "other", "other"]
    assert word_choice(AUDIENCE_WORDS)("extern") == "external"


def test_the_letter_kinds_are_named_in_dutch_in_the_help():
    """`--kind` listed codes only ("closing", "no_response"): which one is the Eindverslag had to be guessed."""
    set_language("nl")
    install()
    parsers = {p.prog: p for p in every_parser(build_parser())}
    for prog in ("borapp letters new", "borapp documents letter"):
        text = " ".join(parsers[prog].format_help().split())
        assert "closing (Eindverslag)" in text and "no_response (Ouders reageerden niet)" in text, text


def test_a_conflict_is_settled_with_words_of_the_users_language():
    """`--keep mine|theirs` were English codes only in the Dutch command line."""
    from borapp.cli.command import KEEP_WORDS, word_choice

    set_language("nl")
    install()
    parsers = {p.prog: p for p in every_parser(build_parser())}
    text = " ".join(parsers["borapp sync resolve"].format_help().split())
    assert "--keep {later,server}" in text and "later: de waarde die later is verstuurd" in text, text
    assert [word_choice(KEEP_WORDS)(w) for w in ("later", "Server", "mine", "theirs")] == \
        ["mine", "theirs", "mine", "theirs"]


@pytest.mark.parametrize("argv", [["match", ""], ["match", "  "], ["letters", "new", "", "--kind", "intake"],
                                  ["documents", "contract", ""], ["privacy", "log", "--case", ""]])
def test_an_empty_case_number_is_a_wrong_use_not_a_case_not_found(capsys, argv):
    """`borapp match ""` opened the vault and said no such case (exit 6)."""
    assert main(argv) == 2
    assert "Geef een dossiernummer, bijvoorbeeld BOR-2026-014." in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_help_gives_one_example_case_number(lang):
    """The helps gave BOR-2025-014, BOR-2026-014 and BOR-2026-004 as examples of a case number."""
    set_language(lang)
    install()
    found = {ref for p in every_parser(build_parser()) for ref in re.findall(r"BOR-\d{4}-\d+", p.format_help())}
    assert found == {"BOR-2026-014"}, found


def test_the_vault_from_the_environment_is_documented(capsys):
    """`BORAPP_VAULT` worked but no help and no README named it."""
    from pathlib import Path

    assert main(["--lang", "en", "--help"]) == 0
    epilog = capsys.readouterr().out.split("exit codes:")[1]
    assert "BORAPP_VAULT the vault file when --vault is not given" in epilog
    assert main(["check", "--lang", "en", "--help"]) == 0
    assert "(default: BORAPP_VAULT, else" in " ".join(capsys.readouterr().out.split())
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    command_line = readme.split("## Command line")[1].split("\n## ")[0]
    assert "`BORAPP_VAULT`" in command_line
