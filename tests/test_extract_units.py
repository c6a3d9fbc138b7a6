"""Numbers, units (counts of people, formations, equipment) and quantities."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.numbers import WordNumbers, parse_digits


def kind_facts(text: str, kind: str, language: str = "nl"):
    facts = [f for f in extract(text, doc_date="2024-03", language=language) if f.kind == kind]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return facts


def units(text: str, language: str = "nl"):
    return [(f.get("count"), f.get("category"), f.get("what"), bool(f.get("approx"))) for f in kind_facts(text, "unit", language)]


@pytest.mark.parametrize("text,lang,value", [
    ("190.000", "nl", 190000), ("2,5", "nl", 2.5), ("1,200", "en", 1200), ("1.5", "en", 1.5),
    ("1.200.000", "nl", 1200000), ("1,200,000", "en", 1200000), ("3.456,78", "nl", 3456.78),
    ("3,456.78", "en", 3456.78), ("12", "nl", 12),
])
def test_digits_with_separators(text, lang, value):
    assert parse_digits(text, lang) == value


def test_number_words():
    nl = WordNumbers({"een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "tien": 10, "twintig": 20,
                      "zestien": 16, "honderd": 100, "duizend": 1000}, "nl")
    assert nl.parse("tweehonderd") == 200
    assert nl.parse("honderdzestien") == 116
    assert nl.parse("vijfentwintig") == 25
    assert nl.parse("tweeëntwintig") == 22
    assert nl.parse("drieduizend") == 3000
    assert nl.parse("één") == 1
    assert nl.parse("achten") is None
    en = WordNumbers({"one": 1, "two": 2, "three": 3, "twelve": 12, "twenty": 20, "hundred": 100,
                      "thousand": 1000, "five": 5}, "en")
    assert en.parse("three hundred") == 300
    assert en.parse("twenty-five") == 25
    assert en.parse("two thousand five hundred") == 2500
    assert en.parse("three hundred and twelve") == 312


@pytest.mark.parametrize("text,expected", [
    ("Er werken 145 Nederlandse militairen in Irak.", [(145, "personnel", "militairen", False)]),
    ("Nederland stuurt een 120-koppig detachement.", [(120, "personnel", "detachement", False)]),
    ("Er komen 3 Chinook-transporthelikopters.", [(3, "equipment", "Chinook-transporthelikopters", False)]),
    ("De NAVO krijgt vier F-35's.", [(4, "equipment", "F-35's", False)]),
    ("Polen krijgt twee Patriot-systemen.", [(2, "equipment", "Patriot-systemen", False)]),
    ("Momenteel werken zo'n 10 Nederlandse militairen daar.", [(10, "personnel", "militairen", True)]),
    ("Er gaan ruim 300 mariniers mee.", [(300, "personnel", "mariniers", True)]),
    ("Er gaan bijna tweehonderd soldaten mee.", [(200, "personnel", "soldaten", True)]),
    ("Er vertrekken twee bataljons naar Litouwen.", [(2, "formation", "bataljons", False)]),
    ("Er gaan tientallen militairen mee.", [(None, "personnel", "militairen", True)]),
    ("Er is één fregat in de Rode Zee.", [(1, "equipment", "fregat", False)]),
    ("Het gaat om 1.200 militairen.", [(1200, "personnel", "militairen", False)]),
])
def test_dutch_units(text, expected):
    assert units(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Britain will send a 300-strong battlegroup.", [(300, "personnel", "battlegroup", False)]),
    ("The navy sent one frigate.", [(1, "equipment", "frigate", False)]),
    ("Some 1,000 soldiers were deployed.", [(1000, "personnel", "soldiers", True)]),
    ("About 150 British troops arrived.", [(150, "personnel", "troops", True)]),
    ("Two F-35 squadrons will rotate.", [(2, "formation", "squadrons", False)]),
    ("Three Chinook helicopters landed.", [(3, "equipment", "helicopters", False)]),
    ("They intercepted aircraft more than 300 times.", [(300, "event", "times", True)]),
])
def test_english_units(text, expected):
    assert units(text, "en") == expected


@pytest.mark.parametrize("text,lang", [
    ("De F-16 gaat uit dienst en de NH90 blijft.", "nl"),
    ("Artikel 100 van de Grondwet geldt voor militairen.", "nl"),
    ("Resolutie 2231 gaat over Iran en zijn militairen.", "nl"),
    ("De Tweede Wereldoorlog en de derde keer.", "nl"),
    ("Bel 06-12345678 voor militairen.", "nl"),
    ("De 11 Luchtmobiele Brigade oefent.", "nl"),
    ("Het is drie keer zo groot.", "nl"),
    ("The RAF's 298 Squadron flies Chinooks.", "en"),
    ("It was three times as large.", "en"),
])
def test_type_names_and_references_are_not_counts(text, lang):
    assert units(text, lang) == []


def quantities(text: str, language: str = "nl"):
    return [(f.value, f.get("unit"), bool(f.get("approx"))) for f in kind_facts(text, "quantity", language)]


@pytest.mark.parametrize("text,lang,expected", [
    ("Het kost 2,5 miljoen euro.", "nl", [(2500000, "EUR", False)]),
    ("Het kost ruim 38 miljoen euro.", "nl", [(38000000, "EUR", True)]),
    ("De weg is 12 km lang.", "nl", [(12, "km", False)]),
    ("Het bereik is 300 kilometer.", "nl", [(300, "km", False)]),
    ("Er ging 40 ton munitie mee.", "nl", [(40, "t", False)]),
    ("Het budget steeg met 14%.", "nl", [(14, "%", False)]),
    ("Het budget steeg met 2,5 procent.", "nl", [(2.5, "%", False)]),
    ("De schade is € 190.000.", "nl", [(190000, "EUR", False)]),
    ("The budget grew by $1.2 billion.", "en", [(1200000000, "USD", False)]),
    ("The convoy drove nearly 300 miles.", "en", [(300, "mi", True)]),
    ("The load was 1,200 kg.", "en", [(1200, "kg", False)]),
])
def test_quantities(text, lang, expected):
    assert quantities(text, lang) == expected


def test_a_number_after_a_formation_name_is_no_count():
    assert units("Binnen het tankbataljon 414 rijden Nederlandse militairen.") == []


def test_two_counts_share_one_noun():
    assert units("De bijdrage groeit van ongeveer 220 naar ruim 270 militairen.") == [
        (220, "personnel", "militairen", True), (270, "personnel", "militairen", True)]


def test_vague_counts_in_english():
    assert units("The Netherlands took part with several thousand personnel.", "en") == [
        (None, "personnel", "personnel", True)]


def test_hyphenated_quantity():
    assert quantities("The 300-metre quay was closed.", "en") == [(300, "m", False)]


def test_dutch_round_counts_with_tal_are_approximate():
    assert units("Er gingen een twintigtal militairen en een tiental voertuigen mee.") == [
        (20, "personnel", "militairen", True), (10, "equipment", "voertuigen", True)]


def test_type_name_inside_a_compound():
    assert units("Er gaan vier NH90-helikopters mee.") == [(4, "equipment", "NH90-helikopters", False)]


def test_a_singular_noun_after_a_count_is_a_modifier():
    assert units("Houthi forces launched more than 40 missile and drone attacks.", "en") == [
        (40, "event", "attacks", True)]


def places(text: str, language: str = "nl"):
    return [(f.text, f.get("place")) for f in kind_facts(text, "unit", language)]


@pytest.mark.parametrize("text,lang,expected", [
    # the place after the unit, after "in"/"naar"/"at": where the unit is
    ("Vanaf mei draagt Nederland met een 120-koppig detachement bij aan de missie in Irak.", "nl",
     [("120-koppig detachement", "Irak")]),
    ("Er vertrekken twee bataljons naar Litouwen.", "nl", [("twee bataljons", "Litouwen")]),
    ("The army keeps roughly 900 troops in Estonia.", "en", [("roughly 900 troops", "Estonia")]),
    # else the place before it in the same sentence
    ("In Gao werkten ongeveer 450 militairen.", "nl", [("ongeveer 450 militairen", "Gao")]),
    # "uit"/"from" is where a unit comes from, not where it is
    ("De drie Chinooks vertrekken per schip uit Vlissingen.", "nl", [("drie Chinooks", None)]),
    ("Around 90,000 troops from Sweden took part.", "en", [("Around 90,000 troops", None)]),
    # never from the next or the previous sentence, a list item or a paragraph
    ("Het contingent telt 150 militairen. Het staat in Bagdad.", "nl", [("150 militairen", None)]),
    ("Het staat in Bagdad. Het contingent telt 150 militairen.", "nl", [("150 militairen", None)]),
    ("Het detachement bestaat uit:\n- zo'n 120 militairen;\n- drie Chinooks in Bagdad.", "nl",
     [("zo'n 120 militairen", None), ("drie Chinooks", "Bagdad")]),
    # each unit its own place
    ("Er gaan 145 militairen naar Bagdad en 20 mariniers naar Erbil.", "nl",
     [("145 militairen", "Bagdad"), ("20 mariniers", "Erbil")]),
])
def test_a_unit_is_where_its_sentence_puts_it(text, lang, expected):
    assert places(text, lang) == expected


def test_a_place_is_looked_for_near_the_unit_only():
    far = "Zij zeiden in Bagdad " + "dat het allemaal nog onduidelijk en onzeker is " * 6 + "dat er 145 militairen komen."
    assert places(far) == [("145 militairen", None)]  # same sentence, but over 200 characters back


def test_finding_units_places_costs_the_same_per_unit_however_long_the_text(monkeypatch):
    """One endless sentence of names and units: the work per unit stays
    bounded (counted in looks at a place, not timed)."""
    from reader.extract import located

    looks = []
    real = located._after_preposition
    monkeypatch.setattr(located, "_after_preposition", lambda *args: looks.append(1) or real(*args))

    def cost(n: int) -> int:
        looks.clear()
        extract("Bagdad Erbil 5 militairen " * n, language="nl")
        return len(looks)

    small, large = cost(100), cost(800)
    assert small > 0 and large < 10 * small  # 8 times the units: about 8 times the looks, not 64
