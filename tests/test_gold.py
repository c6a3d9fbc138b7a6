"""Score the extractor against every gold file, with the shared scorer's own logic.

Gold files: ``../shared/gold/*.yaml`` (the seed's gold, next to the repo) and
``tests/gold/*.yaml``.  Each names its document by basename (``file:`` or a
``documents:`` list); the document is looked for under ``corpus/`` and
``tests/data/``.  For each, the facts are made as ``reader facts`` makes them
(load_document + extract_document + to_dict) and scored by
``../shared/tools/score_facts.py`` imported as it is (not copied).
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
from collections import defaultdict
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml

from reader.corpus import load_document
from reader.extract import extract_document
from reader.output import document_record

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_facts.py"
RECALL, PRECISION = 0.95, 0.90


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"scorer not found at {SCORER}")
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_files() -> list[Path]:
    files = sorted((REPO / "tests" / "gold").glob("*.yaml"))
    shared = SHARED / "gold"
    if shared.is_dir():
        files = sorted(shared.glob("*.yaml")) + files
    return files


def _find_document(name: str) -> Path | None:
    for folder in (REPO / "corpus", REPO / "tests" / "data"):
        for path in sorted(folder.rglob(name)) if folder.is_dir() else []:
            if path.is_file():
                return path
    return None


def _seed_document() -> Path | None:
    return _find_document("2023-11-irak-inzet.txt")


def _documents(gold: dict, gold_path: Path) -> list[tuple[dict, Path | None]]:
    docs = gold["documents"] if "documents" in gold else [gold]
    out = []
    for doc in docs:
        name = doc.get("file")
        if name is None:
            # a single-document gold without `file`: the seed's gold names its
            # document only by its date; find it by the gold file's own name
            path = _seed_document() if gold_path.parent == SHARED / "gold" else None
        else:
            path = _find_document(os.path.basename(name))
        out.append((doc, path))
    return out


GOLD_FILES = _gold_files()


def _score(gold_path: Path):
    scorer = _scorer()
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    tally = defaultdict(lambda: defaultdict(int))
    log = io.StringIO()
    records = []
    for gold_doc, path in _documents(gold, gold_path):
        assert path is not None, f"{gold_path.name}: document {gold_doc.get('file')!r} not found in corpus/ or tests/data/"
        doc = load_document(str(path))
        facts = extract_document(doc)
        for fact in facts:
            assert doc.text[fact.start:fact.end] == fact.text, (path.name, fact)
        record = document_record(doc, facts)
        records.append(record)
        with redirect_stdout(log):
            scorer.score_document(gold_doc, record, set(), tally)
    matched = sum(t["matched"] for k, t in tally.items() if not k.startswith("_"))
    gold_n = sum(t["gold"] for k, t in tally.items() if not k.startswith("_"))
    false = sum(t["false"] for k, t in tally.items() if not k.startswith("_"))
    recall = matched / gold_n if gold_n else 1.0
    precision = matched / (matched + false) if matched + false else 1.0
    return recall, precision, tally, log.getvalue()


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_scores(gold_path: Path) -> None:
    recall, precision, tally, log = _score(gold_path)
    assert tally["_provenance"]["bad"] == 0, log
    assert not re.search(r"gold text not found", log), log
    assert recall >= RECALL and precision >= PRECISION, (
        f"{gold_path.name}: recall {recall:.3f} precision {precision:.3f}\n{log}")


def test_there_is_gold() -> None:
    assert GOLD_FILES, "no gold files found"
