"""Letter words that follow the case. The intake letter's last line says what the referrer hears next about the start
of the visits: Today owes the intake letter for eight weeks, and the visits may start within them, so a letter made
late promised news of a start that had happened. The midway letter says its participants as a sentence."""

from __future__ import annotations

import pytest

from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import TODAY, all_text, bare_case, closed_at_intake, full_case, set_organisation

PROMISE = "Wij laten u weten wanneer de begeleide omgang start, of als die niet kan starten."


@pytest.fixture
def workspace(workspace):
    set_organisation(workspace)
    return workspace


def intake_letter(workspace, case_id, lang=None) -> str:
    return all_text(render_letter(workspace, case_id, "intake", lang, today=TODAY).pdf)


def test_before_the_visits_the_letter_promises_news_of_their_start(workspace):
    assert PROMISE in intake_letter(workspace, bare_case(workspace))


def test_made_after_the_first_visit_it_says_when_the_visits_started(workspace):
    case_id = full_case(workspace)
    text = intake_letter(workspace, case_id)
    assert PROMISE not in text
    assert "De begeleide omgang is gestart op 4 april 2026; daarover berichten wij u in een aparte brief." in text
    english = intake_letter(workspace, case_id, "en")
    assert "The visits started on 4 April 2026; we report on them in a separate letter." in english
    assert "let you know when the visits start" not in english


def test_made_after_the_case_closed_before_any_visit_it_says_so(workspace):
    text = intake_letter(workspace, closed_at_intake(workspace))
    assert PROMISE not in text
    assert "Het traject is op 20 maart 2026 afgesloten, voordat de begeleide omgang startte" in text


def test_the_midway_letter_says_the_participants_as_a_sentence(workspace):
    """Typed as a list, the letter read "met Maartje de Man, Sil Sarneel, Emma van Nus" with no "en"."""
    from sqlalchemy import select

    from borapp.models import Evaluation

    case_id = full_case(workspace)
    with workspace.session() as session:
        session.scalar(select(Evaluation).where(Evaluation.case_id == case_id, Evaluation.kind == "midway")) \
            .participants = "Maartje de Man, Sil Sarneel,Sanne Çelik-de Wit\nEmma van Nus"
    text = all_text(render_letter(workspace, case_id, "evaluation", None, today=TODAY).pdf)
    assert "met Maartje de Man, Sil Sarneel, Sanne Çelik-de Wit en Emma van Nus." in text
    english = all_text(render_letter(workspace, case_id, "evaluation", "en", today=TODAY).pdf)
    assert "with Maartje de Man, Sil Sarneel, Sanne Çelik-de Wit and Emma van Nus." in english
