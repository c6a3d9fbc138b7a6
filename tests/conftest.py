"""Shared test setup: no animations, and reader's state kept out of $HOME."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ.pop("NO_COLOR", None)  # snapshot-style assertions need colour on
os.environ.setdefault("READER_HOME", tempfile.mkdtemp(prefix="reader-test-home-"))

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SEED = CORPUS / "2023-11-irak-inzet.txt"


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own READER_HOME, so no test sees another's state."""
    monkeypatch.setenv("READER_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("READER_RULES", raising=False)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Three documents, one per format, written for the tests."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a-seed.txt").write_text(
        " date 2024-03-05 Patrouille bij Bagdad\n\nDe eenheid vertrok gisteren.\n\nTussenkop\n\n"
        "Het dreigingsniveau is verhoogd van significant naar hoog.\n",
        encoding="utf-8",
    )
    (root / "b-note.md").write_text(
        "---\ntitle: Briefing on exercise Nordic Shield\ndate: 2024-01-10\nsource: sample\nlanguage: en\n---\n"
        "## Summary\n\nSome **300 troops** took part. See [the plan](https://example.org/plan).\n\n"
        "- first item\n- second item\n",
        encoding="utf-8",
    )
    (root / "c-plain.txt").write_text("Notitie zonder datum\n\nEen korte tekst over Irak.\n", encoding="utf-8")
    return root
