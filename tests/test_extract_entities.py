"""Places, people (with the role before the name) and organizations."""

from __future__ import annotations

import pytest

from reader.extract import extract


def ents(text: str, language: str = "nl"):
    facts = [f for f in extract(text, doc_date="2024-03", language=language)
             if f.kind in ("place", "person", "organization")]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return [(f.kind, f.value, f.get("role")) for f in facts]


def test_seed_sentence():
    got = ents("Dat meldde minister Kajsa Ollongren eveneens gisteren aan de Kamer.")
    assert got == [("person", "Kajsa Ollongren", "minister")]


@pytest.mark.parametrize("text,expected", [
    ("Zij leveren force protection in Bagdad.", [("place", "Bagdad", None)]),
    ("De situatie in het Midden-Oosten is gespannen.", [("place", "Midden-Oosten", None)]),
    ("Zo waren militairen op de Ain al-Asad Airbase.", [("place", "Ain al-Asad Airbase", None)]),
    ("Het bijdrage aan de NAVO-missie groeit.", [("organization", "NAVO", None)]),
    ("Volgens de MIVD en de AIVD is de dreiging reëel.", [("organization", "MIVD", None), ("organization", "AIVD", None)]),
    ("De aanval in Noord-Irak was gericht.", [("place", "Noord-Irak", None)]),
    ("Enkele dagen eerder werd in het Franse Arras een leraar gedood.", [("place", "Arras", None)]),
    ("Het fregat voer door het Suezkanaal.", [("place", "Suezkanaal", None)]),
])
def test_dutch_places_and_organizations(text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Minister van Defensie Ruben Brekelmans bezocht de troepen.",
     [("organization", "Defensie", None), ("person", "Ruben Brekelmans", "Minister van Defensie")]),
    ("Dat zei minister Kajsa Ollongren van Defensie.",
     [("person", "Kajsa Ollongren", "minister"), ("organization", "Defensie", None)]),
    ("De NCTV, Pieter-Jaap Aalbersberg, maakte het bekend.",
     [("organization", "NCTV", None), ("person", "Pieter-Jaap Aalbersberg", None)]),
    ("Generaal Onno Eichelsheim sprak de militairen toe.", [("person", "Onno Eichelsheim", "Generaal")]),
])
def test_dutch_people(text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Defence Secretary Grant Shapps visited the troops.", [("person", "Grant Shapps", "Defence Secretary")]),
    ("Security Minister Dan Jarvis has said so.", [("person", "Dan Jarvis", "Security Minister")]),
    ("\"We are ready,\" said Mark Rutte.", [("person", "Mark Rutte", None)]),
    ("This is the first rotation from Šiauliai with the F-35.", [("place", "Šiauliai", None)]),
    ("NATO and the UN met in Brussels.",
     [("organization", "NATO", None), ("organization", "UN", None), ("place", "Brussels", None)]),
])
def test_english_entities(text, expected):
    assert ents(text, "en") == expected


def test_later_mentions_of_a_person_carry_the_full_name():
    got = ents("Minister Kajsa Ollongren sprak. Daarna zei Ollongren dat het goed ging.")
    assert got == [("person", "Kajsa Ollongren", "Minister"), ("person", "Kajsa Ollongren", None)]


@pytest.mark.parametrize("text", [
    "Het kabinet ziet geen aanleiding.",
    "De Nederlandse militairen zijn uitgerust.",
    "Dit staat in Resolutie 2722.",
    "A major NATO exercise began.",
])
def test_no_false_people_or_places(text):
    got = ents(text, "en" if "major" in text else "nl")
    assert all(kind != "person" for kind, _, _ in got)
    assert all(value not in ("Resolutie", "Nederlandse") for _, value, _ in got)


def test_names_with_arabic_particles_and_hyphenated_roles():
    got = ents("De Iraakse premier Mohammed Shia al-Sudani sprak met NAVO-secretaris-generaal Jens Stoltenberg.")
    assert ("person", "Mohammed Shia al-Sudani", "premier") in got
    assert ("person", "Jens Stoltenberg", "secretaris-generaal") in got


def test_role_after_the_name():
    assert ents("Volgens Jan de Vries, woordvoerder van de landmacht, is alles rustig.") == [
        ("person", "Jan de Vries", "woordvoerder van de landmacht")]


def test_languages_are_not_places():
    assert ents("The statement was published in English and in Dutch.", "en") == []


def test_organizations_named_with_their_acronym():
    got = ents("Het Nationaal Cyber Security Centrum (NCSC) adviseert. Later zegt het NCSC meer. "
               "Het Dreigingsbeeld Terrorisme Nederland (DTN) verschijnt.")
    assert got[:3] == [("organization", "Nationaal Cyber Security Centrum", None), ("organization", "NCSC", None),
                       ("organization", "NCSC", None)]
    assert ("organization", "DTN", None) not in got
