"""Extraction rules: vocabularies, scales and gazetteers from YAML.

The bundled files live next to this module (``rules/common.yaml``,
``rules/nl.yaml``, ``rules/en.yaml``).  A user may add ``*.yaml`` files in
``$READER_RULES`` (when set) or else in ``reader.paths.config_dir()/rules``;
they are merged on top of the bundled ones: lists are joined, mappings are
updated.  A user file may restrict itself to one language with a top-level
``language: nl`` (or ``en``); otherwise it applies to every language.

Files are read once and cached (:func:`get_rules`); the extraction itself
does no I/O.  A file that cannot be read or parsed, or whose keys have the
wrong shape, is skipped and reported by :func:`rule_problems`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

# PyYAML's C parser where it is built in (a tenth of the time on the bundled
# rules: the index checks their fingerprint on every refresh); the safe
# constructor either way, so tags such as !!python/object are refused.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

BUNDLED_DIR = Path(__file__).with_name("rules")
BUNDLED_FILES = ("common.yaml", "nl.yaml", "en.yaml")
LANGUAGES = ("nl", "en")

#: The keys a rules file may use and the shape of each ("list", "map", or
#: "map of lists").  Unknown keys are reported, not fatal.
KEYS: dict[str, str] = {
    "months": "map", "month_abbreviations": "map", "weekdays": "map",
    "number_words": "map", "ordinal_words": "map", "approximators": "list",
    "vague_numbers": "list", "relative_days": "map", "relative_shifts": "map",
    "periods": "map", "date_modifiers": "map", "seasons": "map", "quarters": "list",
    "halves": "list", "holidays": "map", "unit_nouns": "maplist",
    "personnel_markers": "list", "count_one_words": "list", "duration_units": "map",
    "number_halves": "map", "ago_words": "list", "in_words": "list",
    "past_cues": "list", "future_cues": "list", "threat_cues": "list",
    "threat_change": "maplist", "threat_from": "list", "threat_to": "list",
    "threat_state_verbs": "list", "threat_subject_prepositions": "list",
    "threat_scales": "maplist", "place_prepositions": "list", "roles": "list",
    "role_complements": "list", "speech_verbs": "list", "measure_units": "map",
    "currency_signs": "map", "number_scales": "map", "places": "maplist",
    "place_suffix_words": "list", "place_prefix_words": "list", "organizations": "list",
    "year_cues": "list", "range_words": "list", "range_openers": "list",
    "countries_need_preposition": "flag",
    "departments": "list", "not_places": "list", "organization_heads": "list", "locative_prepositions": "list", "place_name_endings": "list",
    "unit_place_prepositions": "list", "same_places": "maplist",
}
META_KEYS = {"language", "version", "description"}


@dataclass
class RuleSource:
    """One rules file as read: where from, its data, and for which language."""

    path: str
    data: dict[str, Any]
    language: str | None = None  # None: every language


@dataclass
class RuleSet:
    """Merged raw rules for one language (before compiling)."""

    language: str
    data: dict[str, Any] = field(default_factory=dict)


def _check(path: str, data: Any, problems: list[str]) -> dict[str, Any] | None:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path}: a rules file must be a mapping of keys, not {type(data).__name__}")
        return None
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key in META_KEYS:
            clean[key] = value
            continue
        shape = KEYS.get(key)
        if shape is None:
            problems.append(f"{path}: unknown key {key!r} ignored")
            continue
        if value is None:
            continue
        if shape == "flag":
            if not isinstance(value, bool):
                problems.append(f"{path}: {key!r} must be true or false; ignored")
                continue
            clean[key] = value
        elif shape == "list":
            if isinstance(value, (str, int, float)):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                problems.append(f"{path}: {key!r} must be a list of words; ignored")
                continue
            clean[key] = [str(v) for v in value]
        elif shape == "map":
            if not isinstance(value, dict):
                problems.append(f"{path}: {key!r} must be a mapping; ignored")
                continue
            clean[key] = {str(k): v for k, v in value.items()}
        else:  # map of lists (or of {name, value} entries for places)
            if not isinstance(value, dict):
                problems.append(f"{path}: {key!r} must be a mapping of lists; ignored")
                continue
            ok: dict[str, list[Any]] = {}
            for sub, items in value.items():
                if isinstance(items, (str, dict)):
                    items = [items]
                if not isinstance(items, list):
                    problems.append(f"{path}: {key}.{sub} must be a list; ignored")
                    continue
                good = []
                for item in items:
                    if isinstance(item, (str, int, float)):
                        good.append(str(item))
                    elif isinstance(item, dict) and "name" in item:
                        good.append({"name": str(item["name"]), "value": str(item.get("value", item["name"]))})
                    else:
                        problems.append(f"{path}: {key}.{sub}: entry {item!r} ignored")
                ok[str(sub)] = good
            clean[key] = ok
    lang = clean.get("language")
    if lang is not None and lang not in LANGUAGES:
        problems.append(f"{path}: language {lang!r} is not one of {', '.join(LANGUAGES)}; file ignored")
        return None
    return clean


def read_rules_file(path: str | os.PathLike[str], problems: list[str]) -> RuleSource | None:
    """One YAML rules file, checked; None (and a problem) if it cannot be used."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as err:
        problems.append(f"{path}: cannot read: {err}")
        return None
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        problems.append(f"{path}: not valid YAML{at}: {getattr(err, 'problem', None) or err}")
        return None
    data = _check(path, raw, problems)
    if data is None:
        return None
    lang = data.pop("language", None)
    for meta in META_KEYS:
        data.pop(meta, None)
    return RuleSource(path, data, lang)


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        shape = KEYS.get(key)
        if shape == "flag":
            into[key] = value
        elif shape == "list":
            into.setdefault(key, [])
            into[key] = into[key] + [v for v in value if v not in into[key]]
        elif shape == "map":
            into.setdefault(key, {})
            into[key] = {**into[key], **value}
        elif shape == "maplist":
            have = dict(into.get(key, {}))
            for sub, items in value.items():
                have[sub] = list(have.get(sub, [])) + list(items)
            into[key] = have


def user_rules_dir() -> Path:
    """Where a user's own rules files are looked for."""
    env = os.environ.get("READER_RULES")
    if env:
        return Path(env)
    from ..paths import config_dir

    return config_dir() / "rules"


def user_rule_files(folder: Path | None = None) -> list[Path]:
    folder = user_rules_dir() if folder is None else folder
    try:
        return sorted(p for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return []


def read_sources(extra: Iterable[str | os.PathLike[str]] = (), *, user: bool = True
                 ) -> tuple[list[RuleSource], list[str]]:
    """The bundled rules, then the user's folder (if ``user``), then ``extra`` files."""
    problems: list[str] = []
    sources: list[RuleSource] = []
    for name in BUNDLED_FILES:
        src = read_rules_file(BUNDLED_DIR / name, problems)
        if src is not None:
            if name != "common.yaml":
                src.language = name.split(".")[0]
            sources.append(src)
    paths: list[Any] = list(user_rule_files()) if user else []
    paths.extend(extra)
    for path in paths:
        src = read_rules_file(path, problems)
        if src is not None:
            sources.append(src)
    return sources, problems


def merge_for(language: str, sources: list[RuleSource]) -> dict[str, Any]:
    """The merged raw rules for ``language`` (unknown languages get nl and en)."""
    merged: dict[str, Any] = {}
    for src in sources:
        if src.language is None or src.language == language or (
                language not in LANGUAGES and src.language in LANGUAGES):
            _merge(merged, src.data)
    return merged


class Rules:
    """All compiled rules: one compiled set per language, built on first use."""

    def __init__(self, sources: list[RuleSource], problems: list[str]) -> None:
        self.sources = sources
        self.problems = problems
        self._compiled: dict[str, Any] = {}
        self._lock = threading.Lock()
        # What the rules say, not where they are: the same rules in another
        # install (a new virtual environment, a second checkout sharing the
        # cache) keep the index's facts instead of re-extracting every file.
        digest = hashlib.sha1()
        for src in sources:
            digest.update(os.path.basename(src.path).encode())
            digest.update(repr(sorted(src.data.items(), key=lambda kv: kv[0])).encode())
        self.fingerprint = digest.hexdigest()[:12]

    def for_language(self, language: str) -> Any:
        lang = language if language in LANGUAGES else "*"
        compiled = self._compiled.get(lang)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(lang)
                if compiled is None:
                    from .compiled import CompiledRules

                    compiled = CompiledRules(lang, merge_for(lang, self.sources))
                    self._compiled[lang] = compiled
        return compiled


def load_rules(extra: Iterable[str | os.PathLike[str]] = (), *, user: bool = True) -> Rules:
    """Read the bundled rules, the user's folder and ``extra`` files into a :class:`Rules`."""
    sources, problems = read_sources(extra, user=user)
    return Rules(sources, problems)


_default: Rules | None = None
_default_lock = threading.Lock()


def get_rules() -> Rules:
    """The default rules (bundled + user folder), read once and cached."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_rules()
    return _default


def reload_rules() -> Rules:
    """Forget the cached default rules and read them again (after editing a file)."""
    global _default
    with _default_lock:
        _default = None
    return get_rules()


def rule_problems() -> list[str]:
    """What was wrong with the rules files read by default, one line each."""
    return list(get_rules().problems)
