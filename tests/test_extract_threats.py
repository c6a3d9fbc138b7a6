"""Threat levels: state, changes, scales and what the threat is about."""

from __future__ import annotations

import pytest

from reader.extract import extract


def threats(text: str, language: str = "nl"):
    facts = [f for f in extract(text, doc_date="2024-03", language=language) if f.kind == "threat"]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return [{k: f.get(k) for k in ("level", "previous", "change", "scale", "subject")} for f in facts]


def test_seed_change_with_subject():
    got = threats("Het dreigingsniveau voor drones en indirect vuur op dit soort locaties is sinds vorige week "
                  "al verhoogd van significant naar hoog.")
    assert got == [{"level": "hoog", "previous": "significant", "change": "raised", "scale": "force-protection",
                    "subject": "drones en indirect vuur"}]


@pytest.mark.parametrize("text,level,previous,change,scale", [
    ("Het dreigingsniveau is verlaagd van hoog naar significant.", "significant", "hoog", "lowered", "force-protection"),
    ("De NCTV heeft het dreigingsniveau verhoogd naar substantieel.", "substantieel", None, "raised", "nctv"),
    ("Het dreigingsniveau blijft 4 (substantieel).", "substantieel", None, "unchanged", "nctv"),
    ("Het dreigingsniveau in Nederland staat op aanzienlijk.", "aanzienlijk", None, None, "nctv"),
    ("Het dreigingsniveau is naar kritiek verhoogd.", "kritiek", None, "raised", "nctv"),
    ("De dreiging voor schepen blijft hoog.", "hoog", None, "unchanged", "force-protection"),
])
def test_dutch_threats(text, level, previous, change, scale):
    got = threats(text)
    assert len(got) == 1, got
    assert (got[0]["level"], got[0]["previous"], got[0]["change"], got[0]["scale"]) == (level, previous, change, scale)


@pytest.mark.parametrize("text,level,previous,change", [
    ("The UK threat level was raised from substantial to severe.", "severe", "substantial", "raised"),
    ("The threat level was lowered from severe to substantial on Monday.", "substantial", "severe", "lowered"),
    ("The national threat level remains unchanged at substantial.", "substantial", None, "unchanged"),
    ("The threat level is severe.", "severe", None, None),
    ("The level had been moved up. JTAC raised it to critical once more.", "critical", None, "raised"),
])
def test_english_threats(text, level, previous, change):
    got = threats(text, "en")
    assert len(got) == 1, got
    assert (got[0]["level"], got[0]["previous"], got[0]["change"]) == (level, previous, change)
    assert got[0]["scale"] == "uk"


def test_subject_in_english():
    got = threats("The threat level for Northern Ireland-related terrorism in Great Britain is substantial.", "en")
    assert got[0]["subject"] == "Northern Ireland-related terrorism"


def test_change_without_the_new_level():
    got = threats("Het dreigingsniveau voor raketten blijft laag. Het werd in april verlaagd van hoog, nadat de aanvallen stopten.")
    assert {"level": None, "previous": "hoog", "change": "lowered", "scale": "force-protection", "subject": None} in got


@pytest.mark.parametrize("text,lang", [
    ("De prijzen zijn hoog en de lonen laag.", "nl"),
    ("The risk of rain is low and the cost is substantial.", "en"),
    ("Het budget is verhoogd van 3 naar 5 miljard.", "nl"),
    ("Critical infrastructure was raised as a topic.", "en"),
])
def test_level_words_without_a_threat_are_not_threats(text, lang):
    assert threats(text, lang) == []


def test_verb_before_the_threat_word():
    got = threats("In het DTN van juni 2024 bleef het dreigingsniveau op 4.")
    assert got == [{"level": "4", "previous": None, "change": "unchanged", "scale": None, "subject": None}]


def test_change_from_the_scale_order_without_a_verb():
    got = threats("In maart 2013 ging het niveau van beperkt naar substantieel.")
    assert [(g["level"], g["previous"], g["change"], g["scale"]) for g in got] == [
        ("substantieel", "beperkt", "raised", "nctv")]


def test_level_in_emphasis_after_als():
    got = threats("De MIVD schat de dreiging voor schepen in als *hoog*.")
    assert [(g["level"], g["subject"]) for g in got] == [("hoog", "schepen")]


@pytest.mark.parametrize("text,lang,level,change", [
    ("Het dreigingsniveau staat al jaren op 'substantieel'.", "nl", "substantieel", None),
    ("De dreiging tegen Joodse instellingen blijft onverminderd hoog.", "nl", "hoog", "unchanged"),
    ("Het dreigingsniveau gaat omhoog naar niveau 5, kritiek.", "nl", "kritiek", "raised"),
    ("MI5 raised the threat level to critical after the attack.", "en", "critical", "raised"),
    ("Britain's threat level stays at 'substantial'.", "en", "substantial", "unchanged"),
])
def test_more_ways_to_write_a_threat_level(text, lang, level, change):
    got = threats(text, lang)
    assert [(g["level"], g["change"]) for g in got] == [(level, change)]


def test_letters_that_lower_case_to_two_do_not_shift_the_threat_words():
    # "İ".lower() is two characters: the threat words must still be found where they are
    got = threats("İİİ İstanbul meldt: het dreigingsniveau blijft 4 (substantieel), aldus de NCTV.")
    assert got == [{"level": "substantieel", "previous": None, "change": "unchanged", "scale": "nctv",
                    "subject": None}]
