"""config.yaml, its environment overrides, save_theme and ``reader config``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader import paths
from reader.cli_config import run_config
from reader.config import (
    DEFAULT_THEME,
    MAX_CONFIG_BYTES,
    SETTINGS,
    Config,
    ConfigError,
    config_path,
    save_theme,
)
from reader.model import FACT_KINDS
from reader.resources import bundled_corpus
from reader.tui.actions import MAIN_ACTIONS


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("READER_CONFIG", "READER_THEME", "READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)


def _write_config(text: str) -> Path:
    path = paths.config_dir() / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults_and_no_notices() -> None:
    config = Config.load()
    assert config.path == paths.config_dir() / "config.yaml" == config_path()
    assert not config.exists
    assert config.notices == []
    assert config.corpus == () and config.default_corpus == bundled_corpus()
    assert config.theme == DEFAULT_THEME
    assert config.keys == {}
    assert config.fact_kinds == FACT_KINDS
    assert config.mouse is True
    assert {config.source_of(name) for name in SETTINGS} == {"default"}


def test_every_setting_from_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "nieuws").mkdir()
    path = _write_config(
        "# mine\n"
        "corpus:\n  - ~/nieuws\n  - relative/briefings\n"
        "theme: nord\n"
        "keys:\n  next-document: ctrl+n\n  focus-list: 4\n  previous-document: 'ctrl+p, f7'\n"
        "facts:\n  kinds: [threat, date]\n"
        "mouse: false\n"
    )
    config = Config.load()
    assert config.exists
    assert config.corpus == (tmp_path / "nieuws", path.parent / "relative" / "briefings")
    assert config.default_corpus == tmp_path / "nieuws"
    assert config.theme == "nord"
    assert config.keys == {"next-document": "ctrl+n", "focus-list": "4", "previous-document": "ctrl+p,f7"}
    assert config.fact_kinds == ("date", "threat")  # the panel's order
    assert config.mouse is False
    assert {config.source_of(name) for name in SETTINGS} == {"file"}
    # The only notice: the relative corpus folder does not exist.
    assert len(config.notices) == 1 and "relative/briefings does not exist" in config.notices[0]


def test_a_single_corpus_path_may_be_a_string(tmp_path: Path) -> None:
    _write_config(f"corpus: {tmp_path}\n")
    assert Config.load().corpus == (tmp_path,)


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_config("theme: nord\ncorpus: /nowhere\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv("READER_THEME", "ansi-dark")
    monkeypatch.setenv("READER_CORPUS", f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    config = Config.load()
    assert config.theme == "ansi-dark" and config.source_of("theme") == "env"
    assert config.corpus == (tmp_path / "a", tmp_path / "b") and config.source_of("corpus") == "env"
    assert config.source_of("mouse") == "default"


def test_a_bad_environment_value_keeps_the_file_value(monkeypatch: pytest.MonkeyPatch) -> None:
    _write_config("theme: nord\n")
    monkeypatch.setenv("READER_THEME", "no-such-theme")
    config = Config.load()
    assert config.theme == "nord" and config.source_of("theme") == "file"
    assert len(config.notices) == 1 and config.notices[0].startswith("READER_THEME: unknown theme no-such-theme")


def test_reader_config_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "other.yaml"
    elsewhere.write_text("theme: dracula\n", encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(elsewhere))
    _write_config("theme: nord\n")  # not read
    config = Config.load()
    assert config.path == elsewhere and config.theme == "dracula" and config.path_from_env

    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "missing.yaml"))
    config = Config.load()
    assert config.theme == DEFAULT_THEME and not config.exists
    assert len(config.notices) == 1 and "READER_CONFIG names" in config.notices[0]


@pytest.mark.parametrize(
    "content, why",
    [
        (b"theme: [unclosed\n", "not valid YAML at line"),
        (b"theme: nord\n  bad indent: x\n", "not valid YAML"),
        (b"- a list\n- of things\n", "should hold settings"),
        (b"just a string\n", "should hold settings"),
        (b"theme: \xff\xfe nord\n", "not UTF-8"),
        (b"theme: !!python/object/apply:os.system ['echo pwned']\n", "not valid YAML"),
        (b"keys: &a [*a]\n" + b"x: 1\n" * 10, "unknown setting"),
        (b"theme: nord\n" + b"# padding\n" * (MAX_CONFIG_BYTES // 10 + 1), "larger than"),
    ],
)
def test_a_broken_file_gives_defaults_and_a_one_line_notice(content: bytes, why: str) -> None:
    path = _write_config("")
    path.write_bytes(content)
    config = Config.load()
    assert config.theme == DEFAULT_THEME and config.source_of("theme") == "default"
    assert config.notices and all("\n" not in n for n in config.notices)
    assert why in " ".join(config.notices)
    assert path.read_bytes() == content  # reading never changes the file


def test_a_folder_where_the_file_should_be() -> None:
    (paths.config_dir() / "config.yaml").mkdir(parents=True)
    config = Config.load()
    assert config.theme == DEFAULT_THEME and len(config.notices) == 1


def test_an_empty_file_is_all_defaults_without_notices() -> None:
    _write_config("# nothing set yet\n")
    config = Config.load()
    assert config.exists and config.notices == [] and config.theme == DEFAULT_THEME


def test_wrong_settings_fall_back_one_by_one() -> None:
    _write_config(
        "theme: 42\nmouse: maybe\ncorpus: [1, 2]\ncolour: red\n"
        "facts:\n  kinds: [weather]\n  order: x\n"
        "keys:\n  next-document: ctrl+n\n"
    )
    config = Config.load()
    assert config.theme == DEFAULT_THEME and config.mouse is True and config.corpus == ()
    assert config.fact_kinds == FACT_KINDS
    assert config.keys == {"next-document": "ctrl+n"} and config.source_of("keys") == "file"
    text = "\n".join(config.notices)
    for expected in ("theme should be", "mouse should be true or false", "corpus should be",
                     "unknown setting colour", "unknown kind weather", "unknown setting facts.order"):
        assert expected in text
    assert len(config.notices) == 6


def test_key_overrides_are_checked_against_the_action_ids() -> None:
    ids = {action.id for action in MAIN_ACTIONS}
    assert {"next-document", "quit", "help"} <= ids
    _write_config(
        "keys:\n"
        "  next-document: ctrl+n\n"
        "  no-such-action: x\n"
        "  quit: 'two words'\n"
        "  previous-document: ''\n"
        "  toggle-facts: question_mark\n"  # help's key
    )
    config = Config.load()
    assert config.keys == {"next-document": "ctrl+n", "toggle-facts": "question_mark"}
    text = "\n".join(config.notices)
    assert "unknown action no-such-action" in text
    assert "quit: two words is not a key name" in text
    assert "previous-document" in text
    assert "question_mark is given to help and toggle-facts" in text
    assert len(config.notices) == 4


def test_a_key_and_its_name_are_the_same_key() -> None:
    _write_config("keys:\n  quit: '?'\n")
    config = Config.load()
    assert config.keys == {"quit": "?"}
    assert any("question_mark is given to help and quit" in n for n in config.notices)


def test_themes_the_app_registers_are_known() -> None:
    _write_config("theme: reader-house\n")
    assert Config.load().theme == DEFAULT_THEME
    config = Config.load(extra_themes=["reader-house"])
    assert config.theme == "reader-house" and config.notices == []


# -- save_theme ---------------------------------------------------------------


def test_save_theme_creates_the_file_and_is_loaded_back() -> None:
    config = Config.load()
    assert not config.path.exists()
    config.save_theme("gruvbox")
    assert config.theme == "gruvbox" and config.source_of("theme") == "file"
    assert config.path.read_text(encoding="utf-8") == "theme: gruvbox\n"
    again = Config.load()
    assert again.theme == "gruvbox" and again.notices == []


def test_save_theme_keeps_the_other_settings_and_simple_comments(tmp_path: Path) -> None:
    text = (
        "# my reader\n"
        f"corpus: [{tmp_path}]   # the folder\n"
        "theme: nord  # was nord\n"
        "keys:\n  next-document: ctrl+n\n"
        "mouse: false\n"
    )
    path = _write_config(text)
    save_theme("dracula")
    after = path.read_text(encoding="utf-8")
    assert after == text.replace("theme: nord  # was nord\n", "theme: dracula\n")
    config = Config.load()
    assert (config.theme, config.mouse, config.corpus, config.keys) == (
        "dracula", False, (tmp_path,), {"next-document": "ctrl+n"})


def test_save_theme_adds_a_theme_to_a_file_without_one() -> None:
    path = _write_config("mouse: false")  # no final newline
    save_theme("nord")
    assert path.read_text(encoding="utf-8") == "mouse: false\ntheme: nord\n"


def test_save_theme_rewrites_a_file_it_cannot_edit_by_line() -> None:
    path = _write_config("{mouse: false, theme: nord, keys: {quit: x}}\n")
    save_theme("monokai")
    config = Config.load()
    assert (config.theme, config.mouse, config.keys) == ("monokai", False, {"quit": "x"})
    assert "monokai" in path.read_text(encoding="utf-8")


def test_save_theme_never_touches_a_broken_file() -> None:
    path = _write_config("theme: [unclosed\n")
    with pytest.raises(ConfigError):
        save_theme("nord")
    assert path.read_text(encoding="utf-8") == "theme: [unclosed\n"
    with pytest.raises(ConfigError):
        save_theme("bad\nname")


def test_save_theme_writes_only_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    monkeypatch.setenv("READER_HOME", str(root))
    monkeypatch.chdir(tmp_path)
    save_theme("nord")
    save_theme("dracula")
    written = {Path(d) / f for d, _, files in os.walk(tmp_path) for f in files}
    assert written == {paths.config_dir() / "config.yaml"}  # no temporary files left either


def test_a_theme_from_the_environment_stays_in_force_after_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_THEME", "nord")
    config = Config.load()
    config.save_theme("dracula")
    assert config.theme == "nord" and config.source_of("theme") == "env"
    monkeypatch.delenv("READER_THEME")
    assert Config.load().theme == "dracula"


# -- reader config ---------------------------------------------------------------


def test_reader_config_says_where_and_what(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_config([]) == 0
    out = capsys.readouterr().out
    assert f"config file   {paths.config_dir() / 'config.yaml'}" in out and "not found" in out
    for name in ("corpus", "theme", "facts.kinds", "mouse", "keys"):
        assert any(line.split()[:1] == [name] and line.rstrip().endswith("default") for line in out.splitlines())
    assert f"data folder   {paths.data_dir()}" in out and "state.json" in out
    assert f"cache folder  {paths.cache_dir()}" in out
    assert "next-document" in out and "notices" not in out


def test_reader_config_reports_sources_and_notices(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _write_config("theme: nord\nkeys:\n  next-document: ctrl+n\n  bogus: x\n")
    monkeypatch.setenv("READER_CORPUS", str(bundled_corpus()))
    assert run_config([]) == 1  # notices: something in the config was not taken
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(line.split()[:2] == ["theme", "nord"] and line.endswith("file") for line in lines)
    assert any(line.split()[:1] == ["corpus"] and line.endswith("env") for line in lines)
    assert any(line.split() == ["next-document", "ctrl+n", "file"] for line in lines)
    assert "exists" in lines[0]
    assert lines[-1].strip().startswith("config.yaml: keys: unknown action bogus")


def test_reader_config_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _write_config("mouse: false\n")
    monkeypatch.setenv("READER_THEME", "ansi-dark")
    assert run_config(["--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["mouse"] == {"value": False, "source": "file"}
    assert data["settings"]["theme"] == {"value": "ansi-dark", "source": "env"}
    assert data["settings"]["facts.kinds"]["source"] == "default"
    assert data["exists"] is True and data["notices"] == []
    assert data["folders"]["data"] == str(paths.data_dir())
    assert data["folders"]["state"] == str(paths.data_dir() / "state.json")
    assert {a["id"] for a in data["actions"]} == {a.id for a in MAIN_ACTIONS}


def test_reader_config_writes_no_escape_codes(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _write_config("theme: \"\\e[31mred\\a\"\ncorpus: \"/tmp/\\e]0;title\\a\"\nkeys:\n  \"\\e[2J\": x\n  quit: \"\\e[5m\"\n")
    monkeypatch.setenv("READER_THEME", "\x1b[41mbg")
    run_config([])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\u241b" in out  # shown as a visible symbol instead


def test_reader_config_changes_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    state = paths.data_dir() / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("corrupt")  # `reader config` must not set this aside
    run_config([])
    assert "state.json, exists" in capsys.readouterr().out
    assert {p.name for p in state.parent.iterdir()} == {"state.json"}
    assert not paths.config_dir().exists() and not paths.cache_dir().exists()
