"""``reader config``: which config file, what is in force and from where.

    reader config [--format text|json]

Prints where the config file is (and whether it exists), each setting in
force with where it came from (file, env or default), the key of every
action, the data and cache folders, and any notices.  Plain text, no escape
codes.  The exit status is 1 when there are notices (something in the
config was not taken), else 0.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Sequence


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="reader config",
        description="Show the config file reader reads, every setting in force and where it came from "
        "(file, env or default), the key of every action, and the folders reader keeps its data in.",
        epilog="The file is YAML: corpus, theme, keys, facts.kinds, mouse. READER_CONFIG names another "
        "file; READER_THEME and READER_CORPUS override the file.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def config_report() -> dict[str, Any]:
    """Everything ``reader config`` says, as plain data."""
    from .config import Config
    from .paths import cache_dir, config_dir, data_dir
    from .state import default_path

    config = Config.load()
    report = config.as_dict()
    report["path_from"] = "READER_CONFIG" if config.path_from_env else "default"
    report["default_corpus"] = str(config.default_corpus)
    report["actions"] = _actions(config.keys)
    state = default_path()
    report["folders"] = {
        "config": str(config_dir()),
        "data": str(data_dir()),
        "cache": str(cache_dir()),
        "state": str(state),
        "state_exists": state.exists(),
    }
    return report


def _actions(overrides: dict[str, str]) -> list[dict[str, str]]:
    try:
        from .tui.actions import MAIN_ACTIONS
    except Exception:  # pragma: no cover - textual is a dependency
        return []
    return [
        {
            "id": action.id,
            "keys": overrides.get(action.id, action.keys),
            "source": "file" if action.id in overrides else "default",
            "help": action.help,
        }
        for action in MAIN_ACTIONS
    ]


def render_text(report: dict[str, Any]) -> str:
    from .corpus.safety import display_path, one_line

    settings = report["settings"]
    where = "READER_CONFIG" if report["path_from"] == "READER_CONFIG" else "default place"
    state = "exists" if report["exists"] else "not found; defaults in force"
    lines = [f"config file   {display_path(report['path'])}  ({where}; {state})", ""]

    def row(name: str, value: str, source: str) -> None:
        lines.append(f"  {name:<12} {value:<50} {source}")

    lines.append(f"  {'setting':<12} {'value in force':<50} from")
    corpus = settings["corpus"]
    if corpus["value"]:
        shown = ", ".join(display_path(p) for p in corpus["value"])
    else:
        shown = f"the bundled corpus ({display_path(report['default_corpus'])})"
    row("corpus", shown, corpus["source"])
    row("theme", one_line(settings["theme"]["value"], 50), settings["theme"]["source"])
    kinds = settings["facts.kinds"]
    row("facts.kinds", ", ".join(kinds["value"]) or "(none)", kinds["source"])
    row("mouse", "on" if settings["mouse"]["value"] else "off", settings["mouse"]["source"])
    overrides = settings["keys"]["value"]
    row("keys", f"{len(overrides)} override{'' if len(overrides) == 1 else 's'}" if overrides else "the defaults",
        settings["keys"]["source"])
    lines.append("")
    lines.append("keys (action id, keys, from)")
    for action in report["actions"]:
        lines.append(f"  {action['id']:<18} {one_line(action['keys'], 30):<30} {action['source']}")
    folders = report["folders"]
    lines.append("")
    lines.append(f"config folder {display_path(folders['config'])}")
    state = "exists" if folders["state_exists"] else "not yet written"
    lines.append(f"data folder   {display_path(folders['data'])}  (read marks and pins: state.json, {state})")
    lines.append(f"cache folder  {display_path(folders['cache'])}  (the index; safe to delete)")
    if report["notices"]:
        lines.append("")
        lines.append("notices")
        lines.extend(f"  {one_line(notice, 300)}" for notice in report["notices"])
    return "\n".join(lines) + "\n"


def run_config(argv: Sequence[str]) -> int:
    from .cli import EXIT_OK, EXIT_PROBLEMS, _write

    args = _parser().parse_args(argv)
    report = config_report()
    if args.format == "json":
        _write(json.dumps(report, ensure_ascii=True, indent=1) + "\n")
    else:
        _write(render_text(report))
    return EXIT_PROBLEMS if report["notices"] else EXIT_OK
