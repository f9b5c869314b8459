"""The language of a document is an argument of rendering: a render on a worker thread never switches the UI's
language, and two renders at once in two languages do not mix."""

from __future__ import annotations

import threading

from borapp.i18n import _, language
from borapp.services.documents import letters as letters_module
from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import TODAY, all_text, full_case, set_organisation

UI_WORD = "Closing report"  # "Afsluitend verslag" in Dutch: what a label on screen would show meanwhile


def test_an_english_render_on_a_worker_leaves_the_ui_dutch(workspace, monkeypatch):
    set_organisation(workspace)
    case_id = full_case(workspace)
    inside, checked = threading.Event(), threading.Event()
    compose = letters_module._compose

    def compose_and_wait(*args, **kwargs):  # the worker is in the middle of an English render
        inside.set()
        checked.wait(10)
        return compose(*args, **kwargs)

    monkeypatch.setattr(letters_module, "_compose", compose_and_wait)
    done = {}
    worker = threading.Thread(target=lambda: done.update(
        en=render_letter(workspace, case_id, "closing", "en", today=TODAY)))
    worker.start()
    assert inside.wait(10)
    seen_on_screen = (language(), _(UI_WORD))
    checked.set()
    worker.join(10)
    assert seen_on_screen[0] == "nl" and seen_on_screen[1] != UI_WORD, seen_on_screen
    assert "Closing report" in all_text(done["en"].pdf) or "closing" in all_text(done["en"].pdf).lower()


def test_two_renders_at_once_each_keep_their_language(workspace):
    set_organisation(workspace)
    case_id = full_case(workspace)
    results: dict[str, list[str]] = {"nl": [], "en": []}
    problems: list[BaseException] = []

    def render(lang: str) -> None:
        try:
            for _round in range(4):
                results[lang].append(all_text(render_letter(workspace, case_id, "start", lang, today=TODAY).pdf))
        except BaseException as exc:  # said in the assertion below, not lost in a thread
            problems.append(exc)

    threads = [threading.Thread(target=render, args=(lang,)) for lang in ("nl", "en", "nl", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not problems, [repr(p) for p in problems]
    assert len(results["nl"]) == len(results["en"]) == 8
    assert all("Pagina 1 van" in text and "Page 1 of" not in text for text in results["nl"])
    assert all("Page 1 of" in text and "Pagina 1 van" not in text for text in results["en"])
    assert language() == "nl"
