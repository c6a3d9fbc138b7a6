"""The list's title filter: the same matches however the query was typed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Entry, TitleFilter, fold

TITLES = ["Nederland verlengt missie in Irak", "Dreiging in Bagdad verhoogd", "Dutch F-35s over the Baltic",
          "Syrië: Nederlandse militairen terug", "NAVO-top in Den Haag", "Chinooks vliegen voor de VN", ""]
ENTRIES = [Entry(f"/d/{i}.txt", title, None, "nl", None, 0, None) for i, title in enumerate(TITLES)]


def expected(query: str) -> list[int]:
    words = fold(query).split()
    return [i for i, title in enumerate(TITLES) if all(w in fold(title) for w in words)]


def test_words_in_any_order_diacritics_folded() -> None:
    titles = TitleFilter(ENTRIES)
    assert titles.matches("irak nederland") == [0]
    assert titles.matches("syrie") == [3]  # Syrië, typed without the diaeresis
    assert titles.matches("") == list(range(len(TITLES)))
    assert titles.matches("zzz") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(list("nedrlaigt vbkSë ")), st.just("\b")), max_size=25))
def test_typing_and_deleting_give_what_a_fresh_search_gives(keys: list[str]) -> None:
    """Each key typed (or backspace) narrows or widens; the matches are always those of the query as it stands."""
    titles = TitleFilter(ENTRIES)
    query = ""
    for key in keys:
        query = query[:-1] if key == "\b" else query + key
        assert titles.matches(query) == expected(query), repr(query)
