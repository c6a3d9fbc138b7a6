"""The query language (reader.query): parsing, SQL with parameters, the pure-Python matcher."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Document, Fact
from reader.query import Filter, Term, compile_sql, fact_matches, fts_expression, matches_document, parse
from reader.store.normalize import date_interval, fold, query_interval, threat_rank


def test_words_filters_and_quotes():
    q = parse('Chinook place:Irak threat:hoog unit:militairen date:2024-01 lang:nl')
    assert [t.text for t in q.terms] == ["Chinook"]
    assert q.filters == (
        Filter("place", "Irak"), Filter("threat", "hoog"), Filter("unit", "militairen"),
        Filter("date", "2024-01"), Filter("lang", "nl"),
    )
    q = parse('place:"Den Haag" "blauwe ooievaar" helikop* -drone -place:Mali')
    assert q.filters == (Filter("place", "Den Haag"), Filter("place", "Mali", negated=True))
    assert q.groups == ((Term("blauwe ooievaar", phrase=True),), (Term("helikop", prefix=True),))
    assert q.negated == (Term("drone", negated=True),)


def test_dutch_aliases_and_case_of_keys():
    q = parse("plaats:Irak DREIGING:hoog eenheid:militairen datum:2024 taal:nl")
    assert [f.key for f in q.filters] == ["place", "threat", "unit", "date", "lang"]


def test_unknown_key_and_empty_value_are_words():
    q = parse("foo:bar 10:30 place:")
    assert q.filters == ()
    assert [t.tokens for t in q.terms] == [["foo", "bar"], ["10", "30"], ["place"]]


def test_empty_and_punctuation_queries():
    assert parse("").empty and parse(None).empty and parse("   ").empty
    assert parse('" - * --').empty
    assert compile_sql("").where == "1" and compile_sql("").match is None


def test_or_groups():
    q = parse("drone OR raket Irak")
    assert q.groups == ((Term("drone"), Term("raket")), (Term("Irak"),))
    assert fts_expression(q) == '("drone" OR "raket") AND "Irak"'
    assert parse("OR Irak").groups == ((Term("Irak"),),)


def test_fts_expression_quotes_user_text():
    q = parse('NEAR(a b) AND xylo* say"hi')
    expr = fts_expression(q)
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    con.execute("INSERT INTO t VALUES ('say hi near a b and xylophone')")
    assert con.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()[0] == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_valid_sql_and_fts(text):
    """Whatever a user types: the SQL runs, the FTS5 expression parses, no crash."""
    compiled = compile_sql(text)
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, language, source_key, date_lo, date_hi, threat_rank)")
    con.execute("CREATE TABLE fact_keys (key, doc_id)")
    con.execute("CREATE TABLE fact_dates (span, lo, hi, doc_id)")
    con.execute("CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    con.execute(f"SELECT d.id FROM documents d WHERE {compiled.where}", compiled.params).fetchall()
    if compiled.match:
        con.execute("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?", (compiled.match,)).fetchall()


def test_user_text_never_becomes_sql():
    compiled = compile_sql("""place:"x' OR 1=1 --" lang:"'; DROP TABLE documents; --" unit:"a%_b" """)
    assert "DROP" not in compiled.where and "1=1" not in compiled.where and "%" not in compiled.where
    assert "place:x' or 1=1 --" in compiled.params
    assert "'; drop table documents; --" in compiled.params


@pytest.mark.parametrize("value, interval", [
    ("2024", ("2024-01-01", "2024-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-02", ("2023-02-01", "2023-02-28")),
    ("2024-01-15", ("2024-01-15", "2024-01-15")),
    ("2024-01-15T10:00", ("2024-01-15", "2024-01-15")),
    ("2023-W45", ("2023-11-06", "2023-11-12")),
    ("2024-Q2", ("2024-04-01", "2024-06-30")),
    ("2024-SU", ("2024-06-01", "2024-08-31")),
    ("2024-WI", ("2024-12-01", "2025-02-28")),
    ("202", ("2020-01-01", "2029-12-31")),
    ("2024-13", None), ("2024-02-30", None), ("gisteren", None), ("PRESENT_REF", None), (None, None),
])
def test_date_intervals(value, interval):
    assert date_interval(value) == interval


def test_query_date_ranges():
    assert query_interval("2024-01..2024-03") == ("2024-01-01", "2024-03-31")
    assert query_interval("2024..") == ("2024-01-01", "9999-12-31")
    assert query_interval("..2023") == ("0000-01-01", "2023-12-31")
    assert query_interval("2024..nope") is None
    assert parse("date:nope").problems and not parse("date:2024").problems


def test_fold_and_threat_rank():
    assert fold("  Syrië ") == "syrie" and fold("CURAÇAO") == "curacao" and fold("Den  Haag") == "den haag"
    assert threat_rank("Kritiek") == 5 and threat_rank("hoog") == 4 and threat_rank("beperkt") == 2
    assert threat_rank("zeer hoog") == 5 and threat_rank("onbekend") == 0 and threat_rank("x", rank=3) == 3


# ------------------------------------------------------- pure-Python matcher

DOC = Document(path="/x/irak.txt", title="Inzet in Irak", date="2023-11", language="nl", format="seed",
               text="Inzet in Irak\n\nHet dreigingsniveau is hoog in Syrië. De blauwe ooievaar vliegt.",
               title_span=(0, 13), body_span=(15, 82), source="Sample")
FACTS = [
    Fact("place", "Irak", 9, 13, "Irak"),
    Fact("threat", "dreigingsniveau is hoog", 19, 42, None, {"level": "hoog", "change": "unchanged"}),
    Fact("place", "Syrië", 46, 51, "Syrië"),
    Fact("unit", "145 militairen", 0, 0, None, {"count": 145, "category": "personnel", "what": "militairen"}),
    Fact("date", "van 20 december tot 10 januari", 0, 0, "2023-12-20", {"range": ("2023-12-20", "2024-01-10")}),
]


@pytest.mark.parametrize("query, expected", [
    ("", True), ("Irak", True), ("irak syrie", True), ("SYRIË", True), ("zebra", False),
    ('"blauwe ooievaar"', True), ('"ooievaar blauwe"', False), ("ooiev*", True), ('"blauwe ooie"*', True),
    ("dreig* -zebra", True), ("Irak -syrie", False), ("zebra OR Irak", True),
    ("place:irak", True), ("place:SYRIE", True), ("place:Syr*", True), ("place:Mali", False), ("-place:Mali", True),
    ("threat:hoog", True), ("threat:unchanged", True), ("threat:laag", False), ("threat:>=hoog", True),
    ("threat:>hoog", False), ("unit:militair", True), ("unit:personnel", True), ("unit:equipment", False),
    ("date:2024-01", True), ("date:2024-01-11", False), ("date:2023-11", True), ("published:2023", True),
    ("published:2024", False), ("lang:nl", True), ("lang:en", False), ("kind:unit", True),
    ("kind:quantity", False), ("source:sample", True), ("Irak place:Irak threat:hoog lang:nl date:2023-12", True),
    ("foo:bar", False),
])
def test_matches_document(query, expected):
    assert matches_document(query, DOC, FACTS) is expected


def test_fact_matches_for_highlighting_a_panel():
    q = parse("place:irak threat:hoog")
    marked = [f.text for f in FACTS if any(fact_matches(flt, f) for flt in q.filters)]
    assert marked == ["Irak", "dreigingsniveau is hoog"]


def test_compile_sql_scan_only_tests_the_filter_sets():
    """scan=True: the same conditions, with the sets only tested (+d.id IN), so a
    caller walking documents newest first is not made to sort every match."""
    from reader.query import compile_sql

    for text in ("place:Irak unit:militair date:2024-01 -kind:unit", "Chinook* threat:hoog"):
        plain, scan = compile_sql(text), compile_sql(text, scan=True)
        assert scan.params == plain.params and scan.match == plain.match
        assert "+d.id IN (" in scan.where and scan.where.replace("+d.id IN (", "d.id IN (") == plain.where
        assert "+d.id" not in plain.where
