"""The conflicts screen (`sync.field_words`) and the access export (`privacy.access_overview`) name a field from one
table (`services.field_words`); the export keeps only its own words for the three fields a parent reads better
otherwise. The two tables used to be kept apart and drifted."""

from __future__ import annotations

from borapp.i18n import in_language
from borapp.services import field_words
from borapp.services.privacy import access_overview
from borapp.services.sync import field_words as sync_words


def test_both_readers_name_a_field_from_the_one_table():
    assert sync_words.FIELD_LABELS is field_words.FIELD_LABELS
    assert not hasattr(access_overview, "FIELD_LABELS") or access_overview.FIELD_LABELS is field_words.FIELD_LABELS
    assert set(access_overview.ACCESS_WORDS) == {"address", "visit_place", "visit_frequency"}
    with in_language("nl"):
        same = [key for key in field_words.FIELD_LABELS if key not in access_overview.ACCESS_WORDS]
        assert [access_overview._label(k) for k in same] == [sync_words.field_label(k) for k in same]


def test_each_reader_keeps_its_own_words_where_they_differ():
    with in_language("nl"):
        assert [sync_words.field_label(k) for k in ("address", "visit_place", "visit_frequency")] == [
            "Straat en huisnummer", "Plaats", "Frequentie"]
        assert [access_overview._label(k) for k in ("address", "visit_place", "visit_frequency")] == [
            "Adres", "Waar de omgang plaatsvindt", "Hoe vaak"]
        assert [access_overview._label(k) for k in ("supervised_by", "written_by", "start", "end")] == [
            "Begeleid door", "Geschreven door", "Van", "Tot"]
    with in_language("en"):
        assert access_overview._label("visit_place") == "Where the visits take place"
        assert sync_words.field_label("visit_place") == "Place"
