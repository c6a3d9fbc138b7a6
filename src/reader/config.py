"""The user's settings: ``config.yaml`` and a few environment variables.

The file is ``paths.config_dir() / "config.yaml"`` (``READER_HOME`` moves
it), or the file named by ``READER_CONFIG``.  It is read with
``yaml.safe_load``, at most :data:`MAX_CONFIG_BYTES`; a file that is broken
in any way gives the defaults and a one-line notice, never a crash.  A
setting that is wrong on its own falls back to its default, with a notice;
the other settings still count.

    corpus: [~/news, ~/briefings]   # the first is what `reader` opens without a PATH
    theme: textual-dark             # a Textual theme name
    keys:                           # action id -> Textual key name(s), comma-separated
      next-document: ctrl+n
    facts:
      kinds: [date, unit, threat]   # which kinds the facts panel shows
    mouse: true

Environment overrides: ``READER_THEME`` (a theme name) and ``READER_CORPUS``
(paths separated by ``os.pathsep``).  Relative corpus paths in the file are
relative to the file's folder; in ``READER_CORPUS``, to the working folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from .atomic import atomic_write
from .corpus.safety import display_path, one_line
from .model import FACT_KINDS

CONFIG_FILE = "config.yaml"
MAX_CONFIG_BYTES = 1024 * 1024
DEFAULT_THEME = "textual-dark"

#: The settings, as ``source_of`` and ``reader config`` name them.
SETTINGS: tuple[str, ...] = ("corpus", "theme", "keys", "facts.kinds", "mouse")
_TOP_LEVEL = {"corpus", "theme", "keys", "facts", "mouse"}

FILE, ENV, DEFAULT = "file", "env", "default"

# One Textual key name, e.g. ``ctrl+n``, ``f5``, ``question_mark``, ``G`` or ``?``.
_KEY = re.compile(r"^[^\s,]{1,40}$")


class ConfigError(Exception):
    """The config file could not be changed; the message says why in one line."""


def config_path() -> Path:
    """The config file in force: ``$READER_CONFIG`` or ``<config dir>/config.yaml``."""
    named = os.environ.get("READER_CONFIG")
    if named:
        return Path(os.path.expanduser(named))
    from .paths import config_dir

    return config_dir() / CONFIG_FILE


def _show(value: Any, limit: int = 80) -> str:
    """A value from the file or the environment, safe for one line of a terminal."""
    return one_line(value if isinstance(value, str) else repr(value), limit)


class Config:
    """The settings in force, where each came from, and what was odd."""

    def __init__(self, path: Path | None = None) -> None:
        self.path: Path = path if path is not None else config_path()
        #: True when the file exists (it may still have been unreadable).
        self.exists = False
        #: Set by ``READER_CONFIG`` rather than the default location.
        self.path_from_env = path is None and bool(os.environ.get("READER_CONFIG"))
        #: Corpus folders or files, absolute; empty means the bundled corpus.
        self.corpus: tuple[Path, ...] = ()
        self.theme: str = DEFAULT_THEME
        #: Key overrides: action id -> keys (Textual names, comma-separated).
        self.keys: dict[str, str] = {}
        #: Fact kinds the panel shows, in the panel's order (model.FACT_KINDS).
        self.fact_kinds: tuple[str, ...] = FACT_KINDS
        self.mouse: bool = True
        #: One line each: what was odd in the file or the environment.
        self.notices: list[str] = []
        self._sources: dict[str, str] = {name: DEFAULT for name in SETTINGS}
        self._themes_extra: set[str] = set()

    # -- loading ---------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, extra_themes: Iterable[str] = ()) -> "Config":
        """The settings in force; never raises.

        ``extra_themes``: theme names the app registers beyond Textual's own,
        so that they are not reported as unknown.
        """
        config = cls(Path(path) if path is not None else None)
        config._themes_extra.update(extra_themes)
        data = config._read_file()
        if data:
            config._apply_file(data)
        config._apply_env()
        return config

    def _notice(self, text: str) -> None:
        self.notices.append(f"{self.path.name}: {text}" if not text.startswith(("READER_",)) else text)

    def _read_file(self) -> Mapping[str, Any] | None:
        path = self.path
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            if self.path_from_env:
                self.notices.append(
                    f"READER_CONFIG names {display_path(str(path))}, which does not exist; defaults are in force"
                )
            return None
        except OSError as err:
            self._notice(f"cannot be read ({err.strerror or err}); defaults are in force")
            return None
        self.exists = True
        if not path.is_file():
            self._notice("is not a regular file; defaults are in force")
            return None
        if size > MAX_CONFIG_BYTES:
            self._notice(f"is larger than {MAX_CONFIG_BYTES // 1024} KB; defaults are in force")
            return None
        import yaml

        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_CONFIG_BYTES + 1)
            text = raw.decode("utf-8-sig")
            data = yaml.safe_load(text)
        except OSError as err:
            self._notice(f"cannot be read ({err.strerror or err}); defaults are in force")
            return None
        except UnicodeDecodeError:
            self._notice("is not UTF-8 text; defaults are in force")
            return None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(err, "problem", None) or "invalid YAML"
            self._notice(f"is not valid YAML{where} ({_show(problem, 60)}); defaults are in force")
            return None
        except (ValueError, TypeError, RecursionError) as err:
            self._notice(f"could not be read as YAML ({type(err).__name__}); defaults are in force")
            return None
        if data is None:
            return None  # an empty file: all defaults, nothing odd
        if not isinstance(data, dict):
            self._notice(f"should hold settings (name: value), not a {type(data).__name__}; defaults are in force")
            return None
        return data

    def _apply_file(self, data: Mapping[str, Any]) -> None:
        for name in data:
            if name not in _TOP_LEVEL:
                self._notice(f"unknown setting {_show(name, 40)!s} (ignored)")
        if "corpus" in data:
            corpus = self._corpus_list(data["corpus"], "corpus", self.path.parent)
            if corpus is not None:
                self.corpus, self._sources["corpus"] = corpus, FILE
        if "theme" in data:
            theme = self._theme(data["theme"], "theme")
            if theme is not None:
                self.theme, self._sources["theme"] = theme, FILE
        if "keys" in data:
            keys = self._keys(data["keys"])
            if keys:
                self.keys, self._sources["keys"] = keys, FILE
        if "facts" in data:
            facts = data["facts"]
            if not isinstance(facts, dict):
                self._notice("facts should hold 'kinds: [...]' (ignored)")
            else:
                for name in facts:
                    if name != "kinds":
                        self._notice(f"unknown setting facts.{_show(name, 40)} (ignored)")
                if "kinds" in facts:
                    kinds = self._kinds(facts["kinds"])
                    if kinds is not None:
                        self.fact_kinds, self._sources["facts.kinds"] = kinds, FILE
        if "mouse" in data:
            if isinstance(data["mouse"], bool):
                self.mouse, self._sources["mouse"] = data["mouse"], FILE
            else:
                self._notice(f"mouse should be true or false, not {_show(data['mouse'], 40)} (default: on)")

    def _apply_env(self) -> None:
        theme = os.environ.get("READER_THEME", "").strip()
        if theme:
            value = self._theme(theme, "READER_THEME")
            if value is not None:
                self.theme, self._sources["theme"] = value, ENV
        corpus = os.environ.get("READER_CORPUS", "")
        if corpus.strip():
            parts = [part for part in corpus.split(os.pathsep) if part.strip()]
            value = self._corpus_list(parts, "READER_CORPUS", Path.cwd())
            if value is not None:
                self.corpus, self._sources["corpus"] = value, ENV

    # -- one setting at a time ----------------------------------------------

    def _corpus_list(self, value: Any, where: str, base: Path) -> tuple[Path, ...] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            self._notice(f"{where} should be a path or a list of paths (default: the bundled corpus)")
            return None
        out = []
        for item in items:
            path = Path(os.path.expanduser(item.strip()))
            if not path.is_absolute():
                path = base / path
            path = Path(os.path.normpath(path))
            if not path.exists():
                self._notice(f"{where}: {display_path(str(path))} does not exist")
            out.append(path)
        return tuple(out)

    def _theme(self, value: Any, where: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self._notice(f"{where} should be a theme name (default: {DEFAULT_THEME})")
            return None
        name = value.strip()
        known = _known_themes() | self._themes_extra
        if known and name not in known:
            self._notice(f"{where}: unknown theme {_show(name, 40)} (default: {DEFAULT_THEME}; "
                         f"known: {', '.join(sorted(known))})")
            return None
        return name

    def _keys(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            self._notice("keys should map action ids to keys, e.g. 'next-document: ctrl+n' (ignored)")
            return {}
        defaults = _default_keys()
        out: dict[str, str] = {}
        for action_id, keys in value.items():
            if defaults and action_id not in defaults:
                self._notice(f"keys: unknown action {_show(action_id, 40)} (ignored; 'reader config' lists the ids)")
                continue
            if isinstance(keys, int) and not isinstance(keys, bool):
                keys = str(keys)  # `focus-list: 4` reads as a number
            parts = [part.strip() for part in keys.split(",")] if isinstance(keys, str) else []
            if not parts or not all(_KEY.match(part) for part in parts):
                self._notice(f"keys: {_show(action_id, 40)}: {_show(keys, 40)} is not a key name like ctrl+n (ignored)")
                continue
            out[str(action_id)] = ",".join(parts)
        self._clashes(out, defaults)
        return out

    def _clashes(self, overrides: Mapping[str, str], defaults: Mapping[str, str]) -> None:
        """A notice for each key given to two actions (the app decides which wins)."""
        owners: dict[str, list[str]] = {}
        for action_id in list(defaults) or list(overrides):
            keys = overrides.get(action_id, defaults.get(action_id, ""))
            for key in filter(None, keys.split(",")):
                owners.setdefault(_key_name(key), []).append(action_id)
        for key, ids in owners.items():
            if len(ids) > 1 and any(i in overrides for i in ids):
                self._notice(f"keys: {_show(key, 20)} is given to {' and '.join(ids)}")

    def _kinds(self, value: Any) -> tuple[str, ...] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            self._notice("facts.kinds should be a list of fact kinds (default: all)")
            return None
        unknown = [i for i in items if i not in FACT_KINDS]
        for kind in unknown:
            self._notice(f"facts.kinds: unknown kind {_show(kind, 30)} (ignored; kinds: {', '.join(FACT_KINDS)})")
        if unknown and len(unknown) == len(items):
            return None
        return tuple(kind for kind in FACT_KINDS if kind in items)

    # -- asking ------------------------------------------------------------

    def source_of(self, setting: str) -> str:
        """Where a setting in force came from: ``"file"``, ``"env"`` or ``"default"``."""
        if setting not in self._sources:
            raise KeyError(f"no such setting: {setting} (settings: {', '.join(SETTINGS)})")
        return self._sources[setting]

    @property
    def default_corpus(self) -> Path:
        """What ``reader`` opens without a PATH: the first corpus, or the bundled one."""
        if self.corpus:
            return self.corpus[0]
        from .resources import bundled_corpus

        return bundled_corpus()

    def value_of(self, setting: str) -> Any:
        """A setting's value in force, as plain data (lists, dicts, strings)."""
        if setting == "corpus":
            return [str(p) for p in self.corpus]
        if setting == "theme":
            return self.theme
        if setting == "keys":
            return dict(self.keys)
        if setting == "facts.kinds":
            return list(self.fact_kinds)
        if setting == "mouse":
            return self.mouse
        raise KeyError(setting)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "exists": self.exists,
            "settings": {name: {"value": self.value_of(name), "source": self.source_of(name)} for name in SETTINGS},
            "notices": list(self.notices),
        }

    # -- writing -------------------------------------------------------------

    def save_theme(self, name: str) -> Path:
        """Remember ``name`` as the theme in this config's file; see :func:`save_theme`."""
        path = save_theme(name, self.path)
        self.exists = True
        if self._sources["theme"] != ENV:
            self.theme, self._sources["theme"] = name, FILE
        return path


def save_theme(name: str, path: str | os.PathLike[str] | None = None) -> Path:
    """Set ``theme`` in the config file (created if absent), atomically.

    The other settings are kept.  When the file already has a one-line
    ``theme:`` entry (or none), only that line changes and comments survive;
    otherwise the file is written anew from its data and comments are lost.
    A file that cannot be read as settings is not touched: :class:`ConfigError`.
    """
    import yaml

    if not isinstance(name, str) or not name.strip() or any(c in name for c in "\r\n"):
        raise ConfigError(f"not a theme name: {_show(name, 40)}")
    name = name.strip()
    target = Path(path) if path is not None else config_path()
    try:
        raw = target.read_bytes() if target.exists() else b""
    except OSError as err:
        raise ConfigError(f"{target.name} cannot be read ({err.strerror or err}); theme not saved") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{target.name} is too large; theme not saved")
    try:
        text = raw.decode("utf-8-sig")
        data = yaml.safe_load(text) if text.strip() else None
    except (UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        raise ConfigError(f"{target.name} is not valid YAML; fix it first, theme not saved") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{target.name} does not hold settings; theme not saved")
    wanted = dict(data)
    wanted["theme"] = name
    line = yaml.safe_dump({"theme": name}, allow_unicode=True, default_flow_style=False, width=1000)
    new_text = _replace_theme_line(text, line)
    try:
        ok = new_text is not None and yaml.safe_load(new_text) == wanted
    except yaml.YAMLError:
        ok = False
    if not ok:
        new_text = yaml.safe_dump(wanted, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    atomic_write(target, new_text.encode("utf-8"), mode=0o644)
    return target


def _replace_theme_line(text: str, line: str) -> str | None:
    """``text`` with its top-level ``theme:`` line replaced, or ``line`` appended."""
    lines = text.splitlines(keepends=True)
    found = [i for i, item in enumerate(lines) if re.match(r"^theme\s*:", item)]
    if len(found) > 1:
        return None
    if found:
        lines[found[0]] = line
        return "".join(lines)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + line


def _known_themes() -> set[str]:
    try:
        from textual.theme import BUILTIN_THEMES
    except Exception:  # pragma: no cover - textual is a dependency
        return set()
    return set(BUILTIN_THEMES)


def _default_keys() -> dict[str, str]:
    """Action id -> default keys, from the one list of actions (imported lazily)."""
    try:
        from .tui.actions import MAIN_ACTIONS
    except Exception:  # pragma: no cover - textual is a dependency
        return {}
    return {action.id: action.keys for action in MAIN_ACTIONS}


def _key_name(key: str) -> str:
    """A key as Textual compares it: ``?`` and ``question_mark`` are one key."""
    if len(key) == 1 and not key.isalnum():
        try:
            from textual.keys import _character_to_key

            return _character_to_key(key)
        except Exception:  # pragma: no cover
            return key
    return key
