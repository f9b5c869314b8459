"""Letters made late say what was so at their moment and promise only what is still to come (a walk made the start
and midway letters of a closed case, and the no-response letter of a case closed at intake): the start letter
promised news of a midway evaluation held months before, the midway letter promised to write at a closing that had
happened and counted the visits as of the day it was made, the no-response letter said "until we hear from you we
take no further steps" of a closed case, and a closing report of a case stopped at intake read "0 in all"."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from borapp.models import Case, Contract, ContractSignature, Evaluation, Visit
from borapp.services.cases import actions
from borapp.services.cases.contract_terms import case_terms, snapshot
from borapp.services.documents import templates
from borapp.services.documents.addressee import COMMISSIONER
from borapp.services.documents.letters import render_letter
from borapp.services.outbox import letters as outbox
from tests.helpers.documents_support import all_text, bare_case, closed_at_intake, full_case, set_organisation

ON_TIME, LATE = dt.date(2026, 4, 10), dt.date(2026, 12, 1)
EVALUATION_PROMISE = ("Halverwege het traject houden wij een tussenevaluatie met beide ouders, de BOR-medewerker en "
                      "de coördinator. Wij laten u weten hoe die is verlopen.")
CLOSING_PROMISE = "Wij schrijven u opnieuw bij de afronding van het traject."
WAITING = "Zolang wij niets van u of van de ouders horen, ondernemen wij geen verdere stappen."
VISITS_NOTE = "gehouden en afgezegde omgangsmomenten"


@pytest.fixture
def workspace(workspace):
    set_organisation(workspace)
    return workspace


def text(workspace, case_id, kind, today, lang=None, **kw) -> str:
    return all_text(render_letter(workspace, case_id, kind, lang, today=today, **kw).pdf)


def without_evaluation(workspace, case_id) -> int:
    with workspace.session() as session:
        session.execute(delete(Evaluation).where(Evaluation.case_id == case_id))
    return case_id


def close(workspace, case_id, on=dt.date(2026, 7, 1)) -> None:
    """Closed as a coordinator closes it: the visits still planned lapse."""
    actions.change_status(workspace, case_id, "closing", on=on - dt.timedelta(days=5))
    actions.change_status(workspace, case_id, "closed", on=on, outcome="successful")


# ---- the start letter ---------------------------------------------------------------------------------------------

def test_the_start_letter_made_on_time_promises_news_of_the_midway_evaluation(workspace):
    case_id = without_evaluation(workspace, full_case(workspace, closed=False))
    assert EVALUATION_PROMISE in text(workspace, case_id, "start", ON_TIME)
    assert "We will let you know how it went." in text(workspace, case_id, "start", ON_TIME, "en")


def test_the_start_letter_made_after_the_midway_evaluation_says_when_it_took_place(workspace):
    case_id = full_case(workspace, closed=False)
    letter = text(workspace, case_id, "start", LATE)
    assert "De tussenevaluatie vond plaats op 5 mei 2026." in letter
    assert "Wij laten u weten" not in letter and "Halverwege het traject houden wij" not in letter


def test_the_start_letter_of_a_closed_case_says_when_the_evaluation_was_and_when_the_case_closed(workspace):
    case_id = full_case(workspace)
    letter = text(workspace, case_id, "start", LATE)
    assert "De tussenevaluatie vond plaats op 5 mei 2026; het dossier is op 1 juli 2026 afgesloten." in letter
    assert "Wij laten u weten" not in letter
    english = text(workspace, case_id, "start", LATE, "en")
    assert "The midway evaluation took place on 5 May 2026; the case was closed on 1 July 2026." in english
    assert "let you know" not in english


def test_the_start_letter_of_a_case_closed_without_a_midway_evaluation_says_when_it_closed(workspace):
    case_id = without_evaluation(workspace, full_case(workspace))
    letter = text(workspace, case_id, "start", LATE)
    assert "Het dossier is op 1 juli 2026 afgesloten." in letter and "tussenevaluatie" not in letter


def test_the_start_letter_gives_the_agreements_the_visits_started_under(workspace):
    """The contract was changed after the midway evaluation: a start letter made then named the new frequency."""
    case_id = full_case(workspace, closed=False)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        contract = Contract(case_id=case_id, version=1, agreements=snapshot(case_terms(case)),
                            drawn_up_on=dt.date(2026, 3, 20))
        contract.signatures.append(ContractSignature(role="resident", name="Petra Jansen",
                                                     signed_on=dt.date(2026, 3, 22)))
        session.add(contract)
        case.visit_frequency, case.visit_place = "Elke week op zondag, 14.00 tot 16.00 uur", "Buurthuis De Kolk"
    letter = text(workspace, case_id, "start", LATE)
    assert "Afgesproken frequentie: Om de week op zaterdag, 10.00 tot 12.00 uur" in letter
    assert "Locatie: Speeltuin De Klimboom, Schagen" in letter
    assert "Elke week" not in letter and "De Kolk" not in letter
    assert "Locatie: Buurthuis De Kolk" in text(workspace, case_id, "schedule", LATE, parent_role="resident")


# ---- the midway letter --------------------------------------------------------------------------------------------

def midway_case(workspace) -> int:
    """Evaluated on 5 May 2026 after 3 visits held and one the resident parent called off; then 16 May called off,
    6 June held, and 20 June lapsed at the closing on 1 July."""
    case_id = full_case(workspace, closed=False)
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=dt.date(2026, 4, 25), state="cancelled", cancelled_by="resident"))
        session.scalar(select(Visit).where(Visit.case_id == case_id, Visit.on == dt.date(2026, 6, 6))).state = "held"
    return case_id


@pytest.mark.parametrize("today", [dt.date(2026, 5, 8), LATE])
def test_the_midway_letter_counts_the_visits_as_they_stood_on_the_evaluation_day(workspace, today):
    case_id = midway_case(workspace)
    if today == LATE:
        close(workspace, case_id)
    letter = text(workspace, case_id, "evaluation", today)
    assert ("Omgangsmomenten tot de tussenevaluatie: 3 gehouden; afgezegd: 1 (door de verzorgende ouder); nog "
            "gepland: 3.") in letter, letter
    english = text(workspace, case_id, "evaluation", today, "en")
    assert "Visits by the evaluation: 3 held; cancelled: 1 (by the resident parent); still planned: 3." in english


def called_off(workspace, case_id, on: dt.date, cancelled_on: dt.date) -> None:
    with workspace.session() as session:
        session.scalar(select(Visit).where(Visit.case_id == case_id, Visit.on == on)).cancelled_on = cancelled_on


def test_the_midway_letter_counts_a_visit_called_off_before_the_evaluation_for_a_day_after_it(workspace):
    """The visit of 16 May was called off on 1 May: on the evaluation day (5 May) it was called off, not planned."""
    case_id = midway_case(workspace)
    called_off(workspace, case_id, dt.date(2026, 5, 16), dt.date(2026, 5, 1))
    letter = text(workspace, case_id, "evaluation", LATE)
    assert ("Omgangsmomenten tot de tussenevaluatie: 3 gehouden; afgezegd: 2 (1 door de verzorgende ouder, 1 door "
            "de uitwonende ouder); nog gepland: 2.") in letter, letter
    english = text(workspace, case_id, "evaluation", LATE, "en")
    assert ("Visits by the evaluation: 3 held; cancelled: 2 (1 by the resident parent, 1 by the non-resident "
            "parent); still planned: 2.") in english, english


def test_the_midway_letter_counts_a_visit_called_off_after_the_evaluation_as_planned_then(workspace):
    case_id = midway_case(workspace)
    called_off(workspace, case_id, dt.date(2026, 5, 16), dt.date(2026, 5, 6))
    assert ("Omgangsmomenten tot de tussenevaluatie: 3 gehouden; afgezegd: 1 (door de verzorgende ouder); nog "
            "gepland: 3.") in text(workspace, case_id, "evaluation", LATE)


def test_the_midway_letter_made_before_the_closing_promises_to_write_then(workspace):
    case_id = midway_case(workspace)
    assert CLOSING_PROMISE in text(workspace, case_id, "evaluation", dt.date(2026, 5, 8))


def test_the_midway_letter_made_after_the_closing_says_when_the_case_closed(workspace):
    case_id = midway_case(workspace)
    close(workspace, case_id)
    letter = text(workspace, case_id, "evaluation", LATE)
    assert "Het dossier is op 1 juli 2026 afgesloten." in letter
    assert CLOSING_PROMISE not in letter
    english = text(workspace, case_id, "evaluation", LATE, "en")
    assert "The case was closed on 1 July 2026." in english and "write to you again" not in english


# ---- the no-response letter ---------------------------------------------------------------------------------------

def test_the_no_response_letter_of_an_open_case_asks_and_waits(workspace):
    letter = text(workspace, bare_case(workspace), "no_response", ON_TIME)
    assert "Wilt u met de ouders bespreken of zij nog begeleide omgang willen? " + WAITING in letter


def test_the_no_response_letter_of_a_closed_case_says_when_it_closed_and_speaks_of_no_visits(workspace):
    letter = text(workspace, closed_at_intake(workspace), "no_response", LATE)
    assert "Het dossier is op 20 maart 2026 afgesloten. U kunt de coördinator" in letter
    assert WAITING not in letter and "Wilt u met de ouders bespreken" not in letter
    assert "Over dit verslag: het bevat feiten (data en wat er met de aanmelding is gebeurd)" in letter
    assert VISITS_NOTE not in letter


# ---- the closing report -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("addressee", [None, COMMISSIONER])
def test_the_closing_report_of_a_case_stopped_at_intake_says_no_visits_took_place(workspace, addressee):
    case_id = closed_at_intake(workspace)
    letter = text(workspace, case_id, "closing", LATE, addressee=addressee)
    assert "Er hebben geen omgangsmomenten plaatsgevonden." in letter
    assert "in totaal" not in letter and VISITS_NOTE not in letter
    assert "Over dit verslag: het bevat feiten (data en wat er met de aanmelding is gebeurd)" in letter
    english = text(workspace, case_id, "closing", LATE, "en", addressee=addressee)
    assert "No visits took place." in english and "0 in all" not in english
    assert "visits held and cancelled" not in english


def test_the_closing_report_names_the_visits_that_lapsed_when_none_took_place(workspace):
    case_id = full_case(workspace, closed=False)
    with workspace.session() as session:
        session.execute(delete(Visit).where(Visit.case_id == case_id, Visit.state != "planned"))
    close(workspace, case_id)
    letter = text(workspace, case_id, "closing", LATE)
    assert ("Er hebben geen omgangsmomenten plaatsgevonden (2 geplande omgangsmomenten vervielen bij de "
            "afsluiting).") in letter


# ---- an organisation's own text that still promises --------------------------------------------------------------

OWN_START = "Beste {referrer_contact},\n\nDe omgang is gestart op {first_visit_on}. Wij laten u weten hoe die is\n" \
            "verlopen."


def test_an_own_template_that_promises_what_happened_makes_a_draft_that_says_why(workspace):
    templates.save_template(workspace, "start", "nl", OWN_START)
    on_time = outbox.create_letter(workspace, without_evaluation(workspace, full_case(workspace, closed=False)),
                                   "start")
    assert (on_time.state, on_time.problems) == ("ready", "")
    late = outbox.create_letter(workspace, full_case(workspace, "BOR-2026-009"), "start")
    assert late.state == "draft"
    assert ("Deze brief zegt \u201cWij laten u weten hoe die is verlopen.\u201d, maar de tussenevaluatie vond "
            "plaats op 5 mei 2026.") in late.problems
    assert "{evaluation_news}" in late.problems and "Briefsjablonen" in late.problems


@pytest.mark.parametrize("kind, sentence, what", [
    ("evaluation", CLOSING_PROMISE, "het dossier is op 1 juli 2026 afgesloten"),
    ("no_response", WAITING, "het dossier is op 20 maart 2026 afgesloten"),
    ("intake", "Wij laten u weten wanneer de begeleide omgang start, of als die niet kan starten.",
     "de begeleide omgang is gestart op 4 april 2026"),
])
def test_an_own_text_that_promises_what_happened_makes_a_draft(workspace, kind, sentence, what):
    case_id = closed_at_intake(workspace) if kind == "no_response" else full_case(workspace)
    templates.save_template(workspace, kind, "nl", "Beste {referrer_contact},\n\n" + sentence)
    made = outbox.create_letter(workspace, case_id, kind)
    assert made.state == "draft" and f"Deze brief zegt \u201c{sentence}\u201d, maar {what}." in made.problems


def test_the_reason_quotes_the_promise_as_the_letter_makes_it_in_the_users_language(workspace):
    """An English-speaking coordinator with a Dutch letter: the reason is in English, the sentence as it stands."""
    from borapp.i18n import set_language

    templates.save_template(workspace, "start", "nl", OWN_START)
    set_language("en")
    made = outbox.create_letter(workspace, full_case(workspace), "start", lang="nl")
    assert made.state == "draft"
    assert ("This letter says \u201cWij laten u weten hoe die is verlopen.\u201d, but the midway evaluation took "
            "place on 5 May 2026.") in made.problems, made.problems


# ---- the start letter made after the closing speaks of the supervision in the past tense --------------------------

SUPERVISES = "Een getrainde vrijwilliger van onze organisatie begeleidt de omgang."


def test_the_start_letter_of_an_open_case_says_the_volunteer_supervises_the_visits(workspace):
    case_id = full_case(workspace, closed=False)
    assert SUPERVISES in text(workspace, case_id, "start", ON_TIME)
    assert "A trained volunteer of our organisation supervises the visits." in text(workspace, case_id, "start",
                                                                                     ON_TIME, "en")


def test_the_start_letter_made_after_the_closing_says_the_volunteer_supervised_the_visits(workspace):
    case_id = full_case(workspace)
    letter = text(workspace, case_id, "start", LATE)
    assert "Een getrainde vrijwilliger van onze organisatie begeleidde de omgang." in letter
    assert "begeleidt" not in letter
    english = text(workspace, case_id, "start", LATE, "en")
    assert "A trained volunteer of our organisation supervised the visits." in english
    assert "supervises" not in english


def test_an_own_start_template_that_says_the_volunteer_supervises_makes_a_draft_once_the_case_closed(workspace):
    templates.save_template(workspace, "start", "nl", "Beste {referrer_contact},\n\n" + SUPERVISES)
    on_time = outbox.create_letter(workspace, without_evaluation(workspace, full_case(workspace, closed=False)),
                                   "start")
    assert (on_time.state, on_time.problems) == ("ready", "")
    late = outbox.create_letter(workspace, full_case(workspace, "BOR-2026-009"), "start")
    assert late.state == "draft"
    assert (f"Deze brief zegt \u201c{SUPERVISES}\u201d, maar het dossier is op 1 juli 2026 afgesloten."
            in late.problems), late.problems
    assert "{supervision}" in late.problems


# ---- an own closing template that counts the visits of a case stopped at intake ----------------------------------

OWN_CLOSING = ("Beste {recipient_contact},\n\nHet traject is afgesloten op {closed_on}.\n\n"
               "Omgangsmomenten: {visits_total} in totaal, {visits_held} gehouden; afgezegd: {visits_cancelled}.\n\n"
               "Uitkomst: {outcome}.")
COUNTED_NONE = "Omgangsmomenten: 0 in totaal, 0 gehouden; afgezegd: 0."


def test_an_own_template_that_counts_the_visits_of_a_case_stopped_at_intake_makes_a_draft_that_says_why(workspace):
    templates.save_template(workspace, "closing", "nl", OWN_CLOSING)
    made = outbox.create_letter(workspace, closed_at_intake(workspace), "closing")
    assert made.state == "draft"
    assert (f"Deze brief zegt \u201c{COUNTED_NONE}\u201d, maar heeft er geen omgangsmoment plaatsgevonden voordat het "
            "dossier op 20 maart 2026 werd afgesloten.") in made.problems, made.problems
    assert "{visits_summary}" in made.problems
    assert "\u201cEr hebben geen omgangsmomenten plaatsgevonden.\u201d" in made.problems


def test_an_own_template_that_counts_visits_that_took_place_goes_out(workspace):
    templates.save_template(workspace, "closing", "nl", OWN_CLOSING)
    made = outbox.create_letter(workspace, full_case(workspace), "closing")
    assert "{visits_summary}" not in made.problems
    assert "in totaal" in outbox.get_letter_text(workspace, made.id).body


def test_the_count_corrected_by_hand_in_the_letter_goes_out(workspace):
    templates.save_template(workspace, "closing", "nl", OWN_CLOSING)
    made = outbox.create_letter(workspace, closed_at_intake(workspace), "closing")
    stored = outbox.get_letter_text(workspace, made.id)
    assert COUNTED_NONE in stored.body
    outbox.set_body(workspace, made.id, stored.subject, stored.body.replace(
        COUNTED_NONE, "Er hebben geen omgangsmomenten plaatsgevonden."))
    assert "{visits_summary}" not in outbox.problems(workspace, made.id)


def test_the_reason_for_a_count_of_no_visits_is_in_the_users_language(workspace):
    from borapp.i18n import set_language

    templates.save_template(workspace, "closing", "nl", OWN_CLOSING)
    set_language("en")
    made = outbox.create_letter(workspace, closed_at_intake(workspace), "closing", lang="nl")
    assert (f"This letter says \u201c{COUNTED_NONE}\u201d, but no visit took place before the case was closed on "
            "20 March 2026.") in made.problems, made.problems
    assert "it says \u201cEr hebben geen omgangsmomenten plaatsgevonden.\u201d" in made.problems
