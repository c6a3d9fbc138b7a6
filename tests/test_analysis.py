"""Timeline, following a subject, comparing documents: the pure functions."""

from __future__ import annotations

from reader.analysis import by_place, changes, compare, counts_by, fit_months, follow, sparkline, subject_of, timeline
from reader.library import Entry
from reader.model import Fact


def fact(kind: str, text: str, start: int, value=None, **attrs) -> Fact:
    return Fact(kind, text, start, start + len(text), value, attrs)


A = Entry("/c/a.txt", "A", "2023-11", "nl")
B = Entry("/c/b.txt", "B", "2024-04-18", "nl")
C = Entry("/c/c.txt", "C", None, "en")


def test_timeline_orders_date_facts_by_their_value_and_skips_the_unplaceable() -> None:
    pairs = [
        (A, [fact("date", "1 januari volgend jaar", 10, "2024-01-01"), fact("date", "in december", 50, "2023-12"),
             fact("date", "ooit", 70, "XXXX-12")]),
        (B, [fact("date", "vorige week", 5, "2024-W15"), fact("place", "Irak", 30, "Irak")]),
    ]
    items = timeline(pairs)
    assert [d.fact.text for d in items] == ["in december", "1 januari volgend jaar", "vorige week"]
    assert items[0].start == "2023-12-01" and items[0].month == "2023-12"
    assert items[2].week == "2024-W15"


def test_other_kinds_are_placed_at_the_publication_date() -> None:
    pairs = [(B, [fact("threat", "verlaagd van hoog naar significant", 0, level="significant")]),
             (C, [fact("threat", "raised to severe", 0, level="severe")])]
    items = timeline(pairs, kinds=("threat",))
    assert [(d.start, d.fact.attrs["level"]) for d in items] == [("2024-04-18", "significant")]  # C has no date


def test_counts_fill_the_empty_months_and_the_sparkline_scales() -> None:
    pairs = [(A, [fact("date", "x", 0, "2023-11-02"), fact("date", "y", 5, "2023-11-20"), fact("date", "z", 9, "2024-02")])]
    counts = counts_by(timeline(pairs))
    assert counts == [("2023-11", 2), ("2023-12", 0), ("2024-01", 0), ("2024-02", 1)]
    line = sparkline(counts)
    assert len(line) == 4 and line[0] == "\u2588" and line[1] == " " and line[3] != " "


def test_follow_a_threat_subject_across_documents_and_its_changes() -> None:
    raised = fact("threat", "verhoogd van significant naar hoog", 0, level="hoog", previous="significant",
                  change="raised", subject="drones en indirect vuur")
    stays = fact("threat", "blijft hoog", 0, level="hoog", change="unchanged", subject="drones en indirect vuur")
    lowered = fact("threat", "verlaagd naar significant", 0, level="significant", previous="hoog",
                   change="lowered", subject="indirect vuur en drones")
    other = fact("threat", "niveau 4", 0, level="substantieel", subject="terrorisme")
    d = Entry("/c/d.txt", "D", "2023-12-14", "nl")
    pairs = [(B, [lowered]), (A, [raised]), (d, [stays, other])]
    mentions = follow(pairs, subject_of(raised))
    assert [m.entry.title for m in mentions] == ["A", "D", "B"]  # oldest first; terrorism not mixed in
    story = changes(mentions)
    assert [m.fact.attrs["level"] for m in story] == ["hoog", "significant"]


def test_a_units_mentions_group_by_their_place_most_mentioned_first_unplaced_last() -> None:
    def unit(count: int, start: int, place: str | None = None) -> Fact:
        attrs = {"count": count, "category": "personnel", "what": "militairen"}
        return fact("unit", f"{count} militairen", start, **(attrs | ({"place": place} if place else {})))

    d = Entry("/c/d.txt", "D", "2024-06-20", "nl")
    pairs = [(A, [unit(10, 0, "Irak"), unit(13000, 40)]), (B, [unit(145, 0, "Bagdad"), unit(450, 30, "Gao")]),
             (d, [unit(150, 0, "Baghdad")])]
    mentions = follow(pairs, subject_of(unit(1, 0)))
    groups = by_place(mentions)
    assert [(place, [m.fact.attrs["count"] for m in group]) for place, group in groups] == [
        ("Bagdad", [145, 150]), ("Gao", [450]), ("Irak", [10]), (None, [13000])]
    assert [m.value for m in changes(groups[0][1])] == ["145", "150"]


def test_follow_a_place_by_its_canonical_value() -> None:
    pairs = [(A, [fact("place", "Irak", 0, "Irak"), fact("place", "Syrië", 9, "Syrië")]),
             (B, [fact("place", "IRAK", 3, "Irak")])]
    assert [m.entry.title for m in follow(pairs, ("place", "irak"))] == ["A", "B"]


def test_a_place_named_in_two_languages_is_one_subject() -> None:
    english = Entry("/c/e.txt", "E", "2024-05-23", "en")
    pairs = [(A, [fact("place", "Bagdad", 0, "Bagdad")]), (english, [fact("place", "Baghdad", 4, "Baghdad")]),
             (B, [fact("place", "Erbil", 0, "Erbil")])]
    assert [m.entry.title for m in follow(pairs, subject_of(fact("place", "Baghdad", 0, "Baghdad")))] == ["A", "E"]
    rows = compare([fact("place", "Irak", 0, "Irak")], [fact("place", "Iraq", 0, "Iraq")])
    assert len(rows) == 1 and rows[0].shared  # the same place on both sides


def test_compare_counts_a_unit_per_place() -> None:
    def unit(count: int, place: str) -> Fact:
        return fact("unit", f"{count} militairen", 0, count=count, category="personnel", what="militairen",
                    place=place)

    rows = compare([unit(10, "Irak"), unit(145, "Bagdad")], [unit(10, "Iraq"), unit(150, "Baghdad")])
    assert [(r.key, r.conflict) for r in rows] == [("milita @ bagdad", True), ("milita @ irak", False)]


def test_compare_flags_the_same_unit_with_two_counts() -> None:
    left = [fact("unit", "145 militairen", 0, count=145, what="militairen", category="personnel"),
            fact("place", "Bagdad", 20, "Bagdad")]
    right = [fact("unit", "150 militairen", 0, count=150, what="militairen", category="personnel"),
             fact("place", "Bagdad", 40, "Bagdad"), fact("place", "Erbil", 50, "Erbil")]
    rows = compare(left, right)
    assert rows[0].kind == "unit" and rows[0].conflict
    bagdad = next(r for r in rows if r.key == "bagdad")
    assert bagdad.shared and not bagdad.conflict
    erbil = next(r for r in rows if r.key == "erbil")
    assert not erbil.shared and erbil.left == ()


def test_a_long_span_is_charted_whole_in_calendar_bars_that_fit() -> None:
    pairs = [(A, [fact("date", "x", 0, "1988"), fact("date", "y", 5, "2024-01-15"), fact("date", "z", 9, "2024-02"),
                  fact("date", "w", 12, "2027-01")])]
    months = counts_by(timeline(pairs))
    assert len(months) == 469  # 1988-01 .. 2027-01, every month
    assert fit_months(months, 500) == (months, 1)  # it fits: a month a bar
    bars, step = fit_months(months, 28)
    assert step == 24 and len(bars) <= 28  # two years a bar, aligned on even years
    assert bars[0] == ("1988", 1) and ("2024", 2) in bars and bars[-1] == ("2026", 1)
    assert sum(n for _, n in bars) == 4  # nothing dropped
    bars, step = fit_months(months[-15:], 10)  # 2025-11 .. 2027-01 in quarters
    assert step == 3 and bars[0][0] == "2025-10" and bars[-1] == ("2027-01", 1)


def test_bounded_stops_after_enough_facts_and_says_how_far_it_read() -> None:
    from reader.analysis import Bounded

    pairs = [(Entry(f"/c/{i}.txt", str(i), "2024-01", "nl"), [fact("date", "x", 0, "2024-01")] * 4) for i in range(10)]
    seen = []
    read = Bounded(pairs, max_facts=10, progress=seen.append, every=2)
    got = list(read)
    assert len(got) == 3 and read.documents == 3 and read.cut  # 4 + 4 + 4 >= 10: the fourth is left out
    assert seen == [2]
    whole = Bounded(pairs, max_facts=1000)
    assert len(list(whole)) == 10 and not whole.cut


def test_subject_query_finds_the_documents_a_subject_may_be_in() -> None:
    from reader.analysis import subject_query

    assert subject_query(fact("place", "Iraq", 0, "Iraq")) == 'place:"Iraq"'
    assert subject_query(fact("person", "Kajsa Ollongren", 0, "Kajsa Ollongren")) == 'person:"Kajsa Ollongren"'
    assert subject_query(fact("organization", "NAVO", 0, "NAVO")) == 'org:"NAVO"'
    assert subject_query(fact("unit", "145 militairen", 0, count=145, what="militairen")) == 'unit:"milita"'
    assert subject_query(fact("unit", "145", 0, count=145)) == "kind:unit"  # no noun to look for
    assert subject_query(fact("threat", "hoog", 0, level="hoog", subject="drones")) == "kind:threat"
    assert subject_query(fact("place", 'Say "x"', 0, 'Say "x"')) == "kind:place"  # not quotable
