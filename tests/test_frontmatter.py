"""The libyaml fast path of the front matter gives what the pure-Python loader gives."""

from __future__ import annotations

import pytest
import yaml

from reader.corpus import frontmatter
from reader.corpus.frontmatter import FrontMatterError, _StrictLoader, load_front_matter

SAMPLES = [
    'title: "Nieuwe inzet in Irak"\ndate: 2022-06-02\nsource: sample\nlanguage: nl\ntags: [budget, marine]\n',
    "title: 2023\ndate: 2023-11\nsource: yes\ntags: a, b\n",
    "title: Schrikkeldag\ndate: 2023-02-29\n",
    "title: Tijd\ndate: 2024-01-05 10:30:00\nnested: {a: [1, 2, {b: c}]}\n",
    "",
    "- een\n- twee\n",
    "title: 'Curaçao'\nurl: https://example.org/a?b=c\n",
]


@pytest.mark.parametrize("raw", SAMPLES)
def test_fast_path_reads_as_the_strict_loader(raw: str) -> None:
    assert load_front_matter(raw) == yaml.load(raw, Loader=_StrictLoader)  # noqa: S506


@pytest.mark.parametrize("raw, words", [
    ("a: &x [1, 2]\nb: *x\n", "aliases are not allowed"),
    ("x: " + "[" * 30 + "]" * 30 + "\n", "nested too deeply"),
    ("x: !!python/name:os.system\n", "could not determine a constructor"),
    ("title: [niet gesloten\n", ""),
])
def test_what_the_fast_path_refuses_is_refused_as_before(raw: str, words: str) -> None:
    done, _ = frontmatter._fast_load(raw)
    assert not done
    with pytest.raises(FrontMatterError) as err:
        load_front_matter(raw)
    assert words in str(err.value)
