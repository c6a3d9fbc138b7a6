"""Dates and durations in short Dutch and English sentences, against a document date."""

from __future__ import annotations

import pytest

from reader.extract import extract


def dates(text: str, doc_date: str | None = "2023-11-15", language: str = "nl", kind: str = "date"):
    facts = [f for f in extract(text, doc_date=doc_date, language=language) if f.kind == kind]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return facts


def one(text: str, doc_date: str | None = "2023-11-15", language: str = "nl", kind: str = "date"):
    facts = dates(text, doc_date, language, kind)
    assert len(facts) == 1, [(f.text, f.value) for f in facts]
    return facts[0]


NL_ABSOLUTE = [
    ("Op 3 maart 2024 vertrekt het schip.", "3 maart 2024", "2024-03-03"),
    ("De brief is gedateerd 14-02-2025.", "14-02-2025", "2025-02-14"),
    ("De brief is gedateerd 3-7-2024.", "3-7-2024", "2024-07-03"),
    ("Hij kwam op 3 mrt. 2022 aan.", "3 mrt. 2022", "2022-03-03"),
    ("Vanaf mei 2024 draagt Nederland bij.", "mei 2024", "2024-05"),
    ("Het besluit van 2023-10-07 staat.", "2023-10-07", "2023-10-07"),
    ("Sinds 2014 is de missie actief.", "2014", "2014"),
    ("Op dinsdag 5 december 2023 was het rustig.", "dinsdag 5 december 2023", "2023-12-05"),
    ("De oefening is in okt. 2024.", "okt. 2024", "2024-10"),
]


@pytest.mark.parametrize("text,span,value", NL_ABSOLUTE)
def test_dutch_absolute_dates(text, span, value):
    fact = one(text)
    assert (fact.text, fact.value) == (span, value)


EN_ABSOLUTE = [
    ("The ship left on March 3rd, 2024.", "March 3rd, 2024", "2024-03-03"),
    ("Troops arrived on 12 June 2022.", "12 June 2022", "2022-06-12"),
    ("It was signed on the 3rd of March 2021.", "3rd of March 2021", "2021-03-03"),
    ("The review ends in May 2025.", "May 2025", "2025-05"),
    ("Since 2014 the mission has grown.", "2014", "2014"),
]


@pytest.mark.parametrize("text,span,value", EN_ABSOLUTE)
def test_english_absolute_dates(text, span, value):
    fact = one(text, language="en")
    assert fact.text.endswith(span) and fact.value == value


def test_day_and_month_without_year_takes_the_nearest_year():
    assert one("Op 3 maart is de stemming.", doc_date="2024-02-20").value == "2024-03-03"
    assert one("Op 28 december was er een aanval.", doc_date="2024-01-05").value == "2023-12-28"
    assert one("Troops arrive on 12 June.", doc_date="2024-05-01", language="en").value == "2024-06-12"
    # the verb next to the date says which June
    assert one("Troops arrived on 12 June.", doc_date="2024-05-01", language="en").value == "2023-06-12"
    assert one("The battalion returned in April.", doc_date="2024-03-08", language="en").value == "2023-04"


@pytest.mark.parametrize("text,value", [
    ("Dat meldde de minister gisteren.", "2023-11-14"),
    ("Eergisteren viel het besluit.", "2023-11-13"),
    ("Morgen debatteert de Kamer.", "2023-11-16"),
    ("Vandaag landt het toestel.", "2023-11-15"),
    ("Afgelopen dinsdag was er een aanval.", "2023-11-14"),
    ("Komende vrijdag vertrekken ze.", "2023-11-17"),
    ("Vorige week zondag was het raak.", "2023-11-12"),
])
def test_dutch_relative_days(text, value):
    # 2023-11-15 is a Wednesday
    assert one(text).value == value


@pytest.mark.parametrize("text,value", [
    ("The minister said so yesterday.", "2023-11-14"),
    ("Last Thursday the convoy was hit.", "2023-11-09"),
    ("The vote is tomorrow.", "2023-11-16"),
    ("Next Friday the ship sails.", "2023-11-17"),
])
def test_english_relative_days(text, value):
    assert one(text, language="en").value == value


def test_day_level_relatives_never_invent_a_day():
    assert one("Dat meldde de minister gisteren.", doc_date="2023-11").value == "2023-11"
    assert one("Afgelopen dinsdag was er een aanval.", doc_date="2023-11").value == "2023-11"
    assert one("The minister said so yesterday.", doc_date="2023", language="en").value == "2023"


def test_without_a_document_date_the_unknown_stays_unknown():
    assert one("De minister geeft in december een update.", doc_date=None).value == "XXXX-12"
    assert one("Dat meldde de minister gisteren.", doc_date=None).value.startswith("XXXX")
    assert one("Op 3 maart 2024 vertrekt het schip.", doc_date=None).value == "2024-03-03"


@pytest.mark.parametrize("text,value,mod", [
    ("Sinds begin vorige maand is het gespannen.", "2023-10", "start"),
    ("Dat moet eind dit jaar klaar zijn.", "2023", "end"),
    ("Het is sinds begin oktober onrustig.", "2023-10", "start"),
    ("Medio 2024 volgt een besluit.", "2024", "mid"),
    ("De minister geeft in december een update.", "2023-12", None),
    ("Vorige maand was het rustig.", "2023-10", None),
    ("Volgend jaar komt er meer geld.", "2024", None),
    ("Vorig jaar kwam er meer geld.", "2022", None),
])
def test_dutch_periods_and_modifiers(text, value, mod):
    fact = one(text, doc_date="2023-11")
    assert fact.value == value and fact.get("mod") == mod


@pytest.mark.parametrize("text,value,mod", [
    ("Earlier this year the budget grew.", "2023", None),
    ("Next month the ship sails.", "2023-12", None),
    ("In early March the unit moved.", "2023-03", "start"),
    ("In early March the unit will move.", "2024-03", "start"),
    ("Late last year the plan changed.", "2022", "end"),
    ("By mid-2025 the jets will be ready.", "2025", "mid"),
    ("At the end of the month they left.", "2023-11", "end"),
])
def test_english_periods_and_modifiers(text, value, mod):
    fact = one(text, doc_date="2023-11", language="en")
    assert fact.value == value and fact.get("mod") == mod


def test_a_compound_is_one_fact():
    fact = one("Vanaf 1 januari volgend jaar zijn er 145 militairen.", doc_date="2023-11")
    assert (fact.text, fact.value) == ("1 januari volgend jaar", "2024-01-01")
    fact = one("Op 3 maart vorig jaar begon het.", doc_date="2023-11")
    assert fact.value == "2022-03-03"


def test_vorige_week_is_a_week_or_the_month():
    assert one("Het niveau is sinds vorige week verhoogd.", doc_date="2023-11").value == "2023-11"
    assert one("Het niveau is sinds vorige week verhoogd.", doc_date="2023-11-15").value == "2023-W45"


def test_counted_offsets():
    assert one("Over twee weken volgt een brief.", doc_date="2024-06-20").value == "2024-07-04"
    assert one("Drie dagen geleden was het raak.", doc_date="2024-06-20").value == "2024-06-17"
    assert one("Two weeks ago the base was hit.", doc_date="2024-06-20", language="en").value == "2024-06-06"
    assert one("In two weeks the ship sails.", doc_date="2024-06-20", language="en").value == "2024-07-04"


@pytest.mark.parametrize("text,rng", [
    ("Van 3 tot en met 7 april is er een oefening.", ("2024-04-03", "2024-04-07")),
    ("De oefening duurt van 3 t/m 7 april.", ("2024-04-03", "2024-04-07")),
    ("Op 19-20 november is de top.", ("2023-11-19", "2023-11-20")),
    ("Van maart tot mei 2024 wordt er gebouwd.", ("2024-03", "2024-05")),
    ("Tussen 2020 en 2023 groeide het budget.", ("2020", "2023")),
])
def test_dutch_ranges(text, rng):
    fact = one(text, doc_date="2024-04-01" if "april" in text else "2023-11")
    assert tuple(fact.get("range")) == rng


def test_english_ranges():
    fact = one("Between 5 and 9 May the alliance will exercise.", doc_date="2024-04", language="en")
    assert tuple(fact.get("range")) == ("2024-05-05", "2024-05-09")
    fact = one("The exercise runs May 5-9, 2024.", doc_date="2024-04", language="en")
    assert tuple(fact.get("range")) == ("2024-05-05", "2024-05-09")


@pytest.mark.parametrize("text,value", [
    ("In week 45 begint de rotatie.", "2023-W45"),
    ("In het eerste kwartaal van 2024 komt het geld.", "2024-Q1"),
    ("De cijfers over Q3 2023 zijn binnen.", "2023-Q3"),
    ("In de tweede helft van 2024 volgt de rest.", "2024-H2"),
    ("In de zomer van 2024 gaat het schip.", "2024-SU"),
    ("Deze winter blijft de eenheid.", "2024-WI"),
    ("Op Koningsdag is er extra beveiliging.", "2024-04-27"),
    ("Met Prinsjesdag wordt de begroting gepresenteerd.", "2024-09-17"),
    ("Met Pasen is de kazerne dicht.", "2024-03-31"),
    ("Rond de Kerst is het rustig.", "2023-12-25"),
])
def test_weeks_quarters_halves_seasons_holidays(text, value):
    assert one(text, doc_date="2023-11" if "Kerst" in text or "week" in text else "2024-02").value == value


def test_ordinal_day_of_the_documents_month():
    assert one("Het besluit valt op de tweeëntwintigste.", doc_date="2023-11").value == "2023-11-22"
    assert one("The vote is on the 22nd.", doc_date="2023-11", language="en").value == "2023-11-22"


@pytest.mark.parametrize("text", [
    "Zo waren de militairen op de basis.",
    "Nu is het nog te vroeg.",
    "Mei Ling zei dat het goed ging.",
    "Het gaat om 2024 militairen en 15 voertuigen.",
    "Dit is de derde keer dat het gebeurt.",
    "De Tweede Wereldoorlog eindigde lang geleden.",
    "Hij was de eerste.",
    "Op ma en do is het kantoor open.",
    "Artikel 100 van de Grondwet is van toepassing.",
])
def test_no_false_dates(text):
    assert dates(text, doc_date="2023-11") == []


def test_english_may_needs_a_date_cue():
    assert dates("We may see more attacks.", language="en") == []
    assert one("The review ends in May.", doc_date="2023-11", language="en").value == "2024-05"


def test_anaphoric_year():
    facts = dates("The attack was on 22 May 2017. Another followed that September.", doc_date=None, language="en")
    assert [(f.text, f.value) for f in facts] == [("22 May 2017", "2017-05-22"), ("that September", "2017-09")]
    facts = dates("In 2019 begon de missie. Later dat jaar kwamen er meer militairen.", doc_date="2023-11")
    assert [f.value for f in facts] == ["2019", "2019"]


@pytest.mark.parametrize("text,values,lang", [
    ("The last exercise of this size was in 1988. In the first quarter of the year the focus was on the Atlantic.",
     ["1988", "XXXX-Q1"], "en"),
    ("The last exercise of this size was in 1988. In the second half of the year the ships return.",
     ["1988", "XXXX-H2"], "en"),
    ("The last exercise of this size was in 1988. In the first quarter of this year the focus was on the Atlantic.",
     ["1988", "XXXX-Q1"], "en"),
    ("The last exercise of this size was in 1988. At the end of the year the ships returned.",
     ["1988", "XXXX"], "en"),
    ("De vorige oefening was in 1988. In het eerste kwartaal van het jaar lag de nadruk op de Atlantische Oceaan.",
     ["1988", "XXXX-Q1"], "nl"),
    ("De vorige oefening was in 1988. In de tweede helft van het jaar keren de schepen terug.",
     ["1988", "XXXX-H2"], "nl"),
    ("De vorige oefening was in 1988. Het eerste kwartaal van dit jaar was rustig.",
     ["1988", "XXXX-Q1"], "nl"),
    ("De vorige oefening was in 1988. Dit jaar komt er meer geld.", ["1988", "XXXX"], "nl"),
    # a back-reference does take the year named before it
    ("The last exercise of this size was in 1988. That November the ships returned.", ["1988", "1988-11"], "en"),
    ("De vorige oefening was in 1988. Die november keerden de schepen terug.", ["1988", "1988-11"], "nl"),
])
def test_without_a_document_date_the_year_is_the_documents_own(text, values, lang):
    """"the year", "dit jaar": the document's year, which an undated document does not give."""
    assert [f.value for f in dates(text, doc_date=None, language=lang)] == values


@pytest.mark.parametrize("text,value,lang", [
    ("In 1988 it was larger. In the first quarter of the year the focus was on the Atlantic.", "2024-Q1", "en"),
    ("In 1988 was het groter. In de tweede helft van het jaar keren de schepen terug.", "2024-H2", "nl"),
])
def test_with_a_document_date_the_year_is_the_documents(text, value, lang):
    assert dates(text, doc_date="2024-02", language=lang)[-1].value == value


@pytest.mark.parametrize("text,value,lang", [
    ("De missie duurt drie maanden.", "P3M", "nl"),
    ("De bouw kost anderhalf jaar.", "P18M", "nl"),
    ("Het duurde ruim twee weken.", "P2W", "nl"),
    ("They trained for six weeks.", "P6W", "en"),
    ("The jets stay for 48 hours.", "PT48H", "en"),
    ("Een half jaar later was het klaar.", None, "nl"),
    ("It was set for four days after the bombing.", "P4D", "en"),
])
def test_durations(text, value, lang):
    facts = dates(text, language=lang, kind="duration")
    if value is None:
        assert facts == []
    else:
        assert [f.value for f in facts] == [value]


def test_a_date_offset_is_not_also_a_duration():
    facts = extract("Twee weken geleden viel het besluit.", doc_date="2023-11-15", language="nl")
    assert [(f.kind, f.text) for f in facts] == [("date", "Twee weken geleden")]


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert one("Op Koningsdag is de stad vol.", doc_date="2025-03-01").value == "2025-04-26"
    assert one("Op Koningsdag is de stad vol.", doc_date="2024-03-01").value == "2024-04-27"


def test_a_weekday_after_an_article_is_no_particular_day():
    assert [f.text for f in dates("Het viel dit jaar op een zondag.", doc_date="2025-03-01")] == ["dit jaar"]


def test_in_month_with_present_tense_is_the_coming_one():
    assert one("In december volgt een evaluatie.", doc_date="2025-02-17").value == "2025-12"
    assert one("In december werd de missie afgerond.", doc_date="2025-02-17").value == "2024-12"


def test_fraction_of_a_year_ago_gives_a_month():
    assert one("Dat begon anderhalf jaar geleden.", doc_date="2025-04-22").value == "2023-10"


def test_hyphenated_durations():
    assert [f.value for f in dates("They began a six-month rotation.", language="en", kind="duration")] == ["P6M"]
    assert [f.value for f in dates("It lasted between two and six weeks.", language="en", kind="duration")] == ["P6W"]


def test_a_year_named_in_the_sentence_holds_for_its_other_dates():
    facts = dates("Vorig jaar vierde de familie Koningsdag in Emmen.", doc_date="2025-04-22")
    assert [(f.text, f.value) for f in facts] == [("Vorig jaar", "2024"), ("Koningsdag", "2024-04-27")]


def test_weekday_with_part_of_day():
    assert one("Het centrum is vanaf vrijdagavond dicht.", doc_date="2025-04-22").value == "2025-04-25"
