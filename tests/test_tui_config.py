"""The config file at work in the app: keys by action id, theme, fact kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.widgets.facts_panel import FactsPanel

from .conftest import SEED
from .pilot import WIDE, ready, settle
from .pilot import plain_screen as _plain_screen


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.yaml"
    monkeypatch.setenv("READER_CONFIG", str(path))
    return path


async def test_keys_are_remapped_by_action_id(config_file: Path, small_corpus: Path) -> None:
    config_file.write_text("keys:\n  next-document: ctrl+n\n", encoding="utf-8")
    app = ReaderApp(str(small_corpus), Config.load())
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+n")
        await ready(pilot)
        assert screen.document.title == "Briefing on exercise Nordic Shield"
        await pilot.press("n")  # the old key no longer does it
        await ready(pilot)
        assert screen.document.title == "Briefing on exercise Nordic Shield"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "ctrl+n" in _plain_screen(app)


async def test_theme_from_config_and_a_new_choice_is_remembered(config_file: Path, small_corpus: Path) -> None:
    config_file.write_text("# my settings\ntheme: nord\n", encoding="utf-8")
    app = ReaderApp(str(small_corpus), Config.load())
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # as the palette's theme picker does
        await settle(pilot)
    saved = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "gruvbox"
    assert "# my settings" in config_file.read_text(encoding="utf-8")


async def test_facts_panel_shows_only_the_configured_kinds(config_file: Path) -> None:
    config_file.write_text("facts:\n  kinds: [date]\n", encoding="utf-8")
    app = ReaderApp(str(SEED), Config.load())
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        facts = screen.query_one(FactsPanel).facts
        assert facts and {f.kind for f in facts} == {"date"}
