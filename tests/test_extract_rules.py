"""Rules files: the bundled ones, a user's own, and what happens when one is broken."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.extract import VERSION, extract, extract_document, load_rules, reload_rules, rule_problems
from reader.extract.ruleset import BUNDLED_DIR, user_rules_dir
from reader.model import Document

REPO = Path(__file__).resolve().parents[1]


def test_bundled_rules_have_no_problems():
    rules = load_rules(user=False)
    assert rules.problems == []
    assert sorted(p.name for p in BUNDLED_DIR.glob("*.yaml")) == ["common.yaml", "en.yaml", "nl.yaml"]
    assert isinstance(VERSION, str) and VERSION


def test_a_user_rules_file_teaches_a_unit_noun_and_a_threat_scale(tmp_path):
    text = ("Er vertrekken 12 snipers naar de basis. "
            "Het alarmniveau voor de basis is verhoogd van geel naar oranje.")
    before = extract(text, doc_date="2024-03", language="nl", rules=load_rules(user=False))
    assert not [f for f in before if f.kind in ("unit", "threat")]

    (tmp_path / "mine.yaml").write_text(
        "# my own words\n"
        "unit_nouns:\n"
        "  personnel: [snipers, sniper]\n"
        "threat_scales:\n"
        "  kleurcode: [groen, geel, oranje, rood]\n",
        encoding="utf-8")
    rules = load_rules([tmp_path / "mine.yaml"], user=False)
    assert rules.problems == []
    facts = extract(text, doc_date="2024-03", language="nl", rules=rules)
    unit = [f for f in facts if f.kind == "unit"]
    threat = [f for f in facts if f.kind == "threat"]
    assert [(f.text, f.get("count"), f.get("category")) for f in unit] == [("12 snipers", 12, "personnel")]
    assert [(f.get("level"), f.get("previous"), f.get("change"), f.get("scale")) for f in threat] == [
        ("oranje", "geel", "raised", "kleurcode")]


def test_user_rules_folder_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "places.yaml").write_text("places:\n  cities: [Zoutkamp]\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("unit_nouns: [oops\n", encoding="utf-8")
    (tmp_path / "wrong.yaml").write_text("- just a list\n", encoding="utf-8")
    monkeypatch.setenv("READER_RULES", str(tmp_path))
    assert user_rules_dir() == tmp_path
    try:
        reload_rules()
        problems = rule_problems()
        assert any("broken.yaml" in p and "not valid YAML" in p for p in problems)
        assert any("wrong.yaml" in p for p in problems)
        facts = extract("De boot lag in Zoutkamp.", language="nl")
        assert [(f.kind, f.value) for f in facts] == [("place", "Zoutkamp")]
    finally:
        monkeypatch.delenv("READER_RULES")
        reload_rules()


def test_unknown_keys_and_bad_shapes_are_reported_not_fatal(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("colours: [red]\nmonths: [not, a, mapping]\nunit_nouns:\n  personnel: [koks]\n", encoding="utf-8")
    rules = load_rules([path], user=False)
    assert any("unknown key 'colours'" in p for p in rules.problems)
    assert any("'months' must be a mapping" in p for p in rules.problems)
    facts = extract("Er werken 4 koks.", language="nl", rules=rules)
    assert [(f.kind, f.get("count")) for f in facts] == [("unit", 4)]


def test_spans_limit_the_scan_and_offsets_point_into_the_text():
    text = " date 2023-11 Titel over Irak\n\nGisteren landden 3 Chinooks in Bagdad."
    body = (text.index("Gisteren"), len(text))
    facts = extract(text, spans=[body], doc_date="2023-11", language="nl")
    assert all(f.start >= body[0] for f in facts)
    assert [(f.kind, f.text) for f in facts] == [("date", "Gisteren"), ("unit", "3 Chinooks"), ("place", "Bagdad")]
    assert all(text[f.start:f.end] == f.text for f in facts)
    assert [f.start for f in facts] == sorted(f.start for f in facts)


def test_extract_document_scans_title_and_body_only():
    text = "---\ntitle: Irak\ndate: 2024-03-01\n---\nIrak\n\nOp 3 maart vertrekken 145 militairen."
    doc = Document(path="x.md", title="Irak", date="2024-03-01", language="nl", format="markdown",
                   text=text, title_span=(text.index("Irak\n\n"), text.index("Irak\n\n") + 4),
                   body_span=(text.index("Op 3"), len(text)))
    facts = extract_document(doc)
    assert [(f.kind, f.text) for f in facts] == [("place", "Irak"), ("date", "3 maart"),
                                                ("unit", "145 militairen")]
    assert all(f.start >= doc.title_span[0] for f in facts)


def test_reader_facts_cli_json(tmp_path):
    out = subprocess.run([sys.executable, "-m", "reader", "facts", str(REPO / "corpus" / "2023-11-irak-inzet.txt"),
                          "--format", "json"], capture_output=True, text=True, cwd=REPO, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "READER_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")})
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    body = (REPO / "corpus" / "2023-11-irak-inzet.txt").read_text(encoding="utf-8")
    facts = records[0]["facts"]
    assert facts and all(body[f["start"]:f["end"]] == f["text"] for f in facts)
    assert {"kind": "date", "text": "1 januari volgend jaar", "value": "2024-01-01"}.items() <= \
        next(f for f in facts if f["text"] == "1 januari volgend jaar").items()


def test_a_short_text_is_also_read_with_the_other_language():
    # no Dutch or English function word: the loader would call it Dutch
    facts = extract("Troops deployed 12 June 2024.", doc_date="2024-03", language="nl")
    assert [(f.kind, f.text, f.value) for f in facts] == [("date", "12 June 2024", "2024-06-12")]
    long_text = "Troops deployed 12 June 2024. " + "Het kabinet vergadert. " * 30
    assert [f for f in extract(long_text, doc_date="2024-03", language="nl") if f.kind == "date"] == []


from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.sampled_from(["3", "maart", "2024", "mei", "Mei", "de", "van", "tot", "en", "militairen", "F-16", "'s",
                          "zo’n", "ruim", "12,5", "1.200", "km", "€", "%", "dreigingsniveau", "verhoogd", "naar",
                          "hoog", "minister", "Kajsa", "Ollongren", "in", "Irak", "vorige", "week", "gisteren", ".",
                          ",", "\n", "-", "(", ")", "Q1", "May", "the", "threat", "level", "severe", "ago", "two"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.sampled_from(["nl", "en", "de"]),
       st.sampled_from([None, "2023", "2023-11", "2024-02-29", "garbage"]))
def test_any_word_soup_gives_facts_whose_text_is_their_span(words, language, doc_date):
    text = " ".join(words)
    for fact in extract(text, doc_date=doc_date, language=language):
        assert text[fact.start:fact.end] == fact.text
        assert fact.to_dict()["kind"] in ("date", "duration", "unit", "quantity", "threat", "place", "person",
                                          "organization")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_crashes(text):
    facts = extract(text, spans=[(0, len(text) // 2), (len(text) // 2, len(text) + 5)], doc_date="2024-03")
    assert all(text[f.start:f.end] == f.text for f in facts)


def test_a_rules_file_with_a_python_tag_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    bad = tmp_path / "evil.yaml"
    bad.write_text(f"units:\n  personnel: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    rules = load_rules([bad], user=False)
    assert not marker.exists()
    assert any("evil.yaml" in problem and "not valid YAML" in problem for problem in rules.problems)


def test_the_rules_fingerprint_follows_what_they_say_not_where_they_are(tmp_path):
    rules = "unit_nouns:\n  personnel: [snipers]\n"
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mine.yaml").write_text(rules, encoding="utf-8")
    here = load_rules([tmp_path / "one" / "mine.yaml"], user=False)
    there = load_rules([tmp_path / "two" / "mine.yaml"], user=False)
    assert here.fingerprint == there.fingerprint, "the same rules elsewhere must not re-index a corpus"
    (tmp_path / "two" / "mine.yaml").write_text(rules.replace("snipers", "snipers, sniper"), encoding="utf-8")
    assert load_rules([tmp_path / "two" / "mine.yaml"], user=False).fingerprint != here.fingerprint
    assert load_rules(user=False).fingerprint != here.fingerprint


def test_names_of_one_place_share_a_key_and_a_user_may_add_some(tmp_path, monkeypatch):
    from reader.extract.place_names import place_key, place_names

    assert place_key("Iraq") == place_key("IRAK") == place_key("Irak") == "irak"
    assert place_key("The Hague") == place_key("den  haag") == "den haag"
    assert place_key("Syria") == place_key("Syrië") == place_key("Syrie")
    assert place_key("Zoutkamp") == "zoutkamp"  # unknown: its own key
    assert set(place_names("Baghdad")) == {"bagdad", "baghdad"}
    (tmp_path / "mine.yaml").write_text("same_places:\n  Zoutkamp: [Soltcamp]\n", encoding="utf-8")
    monkeypatch.setenv("READER_RULES", str(tmp_path))
    try:
        reload_rules()
        assert place_key("Soltcamp") == "zoutkamp" and place_key("Iraq") == "irak"
    finally:
        monkeypatch.delenv("READER_RULES")
        reload_rules()
    assert place_key("Soltcamp") == "soltcamp"
