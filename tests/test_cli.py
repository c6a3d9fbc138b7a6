"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from reader.corpus import load_document

from .conftest import CORPUS, REPO, SEED


def run(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m reader ARGS`` with stdout and stderr captured (so not a terminal)."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"reader {reader.__version__}"
    helped = run("--help")
    assert helped.returncode == 0
    assert "usage: reader" in helped.stdout and "--no-mouse" in helped.stdout and "reader facts" in helped.stdout
    facts_help = run("facts", "--help")
    assert "--format" in facts_help.stdout


def test_into_a_pipe_reader_prints_a_plain_listing_of_the_bundled_corpus(tmp_path: Path) -> None:
    result = run(cwd=tmp_path, timeout=30)  # from another folder: the bundled corpus is found by the package
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    documents = [p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md") and p.name.lower() != "readme.md"]
    assert len(lines) == len(documents)
    assert "\x1b" not in result.stdout
    assert any("Kabinet past huidige en geplande Nederlandse inzet in Irak" in line for line in lines)
    dates = [line.split()[0] for line in lines if line[:4].isdigit()]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_listing_of_one_file_and_a_missing_path(tmp_path: Path) -> None:
    one = run(str(SEED))
    assert one.returncode == 0
    assert one.stdout.startswith("2023-11")
    missing = run(str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_facts_json_follows_the_contract(small_corpus: Path) -> None:
    result = run("facts", str(small_corpus), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in records] == ["a-seed.txt", "b-note.md", "c-plain.txt"]  # sorted by path
    first = records[0]
    assert first["title"] == "Patrouille bij Bagdad"
    assert first["date"] == "2024-03-05"
    assert first["language"] == "nl"
    assert records[1]["language"] == "en" and records[1]["date"] == "2024-01-10"
    assert records[2]["date"] is None
    for record in records:
        text = Path(record["path"]).read_text(encoding="utf-8")
        for fact in record["facts"]:
            assert text[fact["start"] : fact["end"]] == fact["text"]
            assert fact["kind"] in {"date", "duration", "unit", "quantity", "threat", "place", "person", "organization"}


def test_facts_of_the_seed_keep_the_file_offsets() -> None:
    result = run("facts", str(SEED))
    records = json.loads(result.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert records[0]["facts"], "the seed has facts"
    for fact in records[0]["facts"]:
        assert text[fact["start"] : fact["end"]] == fact["text"]


def test_facts_yaml_and_text_formats(small_corpus: Path) -> None:
    import yaml

    as_yaml = run("facts", str(small_corpus / "a-seed.txt"), "--format", "yaml")
    data = yaml.safe_load(as_yaml.stdout)
    assert data[0]["title"] == "Patrouille bij Bagdad"
    as_text = run("facts", str(small_corpus / "a-seed.txt"), "--format", "text")
    assert "Patrouille bij Bagdad" in as_text.stdout and "2024-03-05" in as_text.stdout


def test_facts_reports_bad_files_on_stderr_and_still_prints_the_good(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Goede titel\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    result = run("facts", str(tmp_path), str(tmp_path / "missing.md"))
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert [r["title"] for r in records] == ["Goede titel"]
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2
    assert any("binary.txt" in line and "binary" in line for line in problems)
    assert any("missing.md" in line for line in problems)
    assert "Traceback" not in result.stderr


def test_markup_and_escapes_in_a_document_never_reach_the_output_raw(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text("Titel [@click=app.quit]x[/] \x1b]0;PWNED\x07\n\nBody \x1b[2J here.\n")
    listing = run(str(tmp_path))
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    assert "[@click=app.quit]x[/]" in listing.stdout  # shown literally
    doc = load_document(tmp_path / "evil.txt")
    assert "\x1b" not in doc.text and "\u241b" in doc.text
    assert any("control characters" in note for note in doc.notes)


def test_python_dash_m_and_the_console_script_agree() -> None:
    script = Path(sys.executable).with_name("reader")
    assert script.exists(), "pip install must give a reader command"
    via_script = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=30)
    assert via_script.stdout == run("--version").stdout


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert command in readme


@pytest.mark.parametrize("argv", [[], ["corpus"], ["some folder/with space"], ["--no-mouse"], ["--no-mouse", "x"], ["x", "--no-mouse"]])
def test_the_parser_free_start_reads_arguments_as_the_parser_does(argv):
    from reader.cli import _tui_args, _tui_parser

    assert vars(_tui_args(argv)) == vars(_tui_parser().parse_args(argv))
