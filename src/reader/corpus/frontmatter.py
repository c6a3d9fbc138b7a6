"""YAML front matter, read safely: no tags that build objects, no aliases,
no deep nesting.  A document cannot make reader run code or eat memory.

Front matter is read with libyaml (PyYAML's C parser) when PyYAML has it:
ten times faster, which counts when a corpus of thousands of Markdown files
is indexed.  The nodes libyaml composes are checked for aliases and depth
before anything is built from them; whatever that fast path does not accept
(an alias, deep nesting, a YAML error, a tag without a constructor) is read
again by the pure-Python loader, which refuses it with the reason it always
gave.  Both build the data with the same (safe) constructors.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 20


class FrontMatterError(ValueError):
    """The front matter is not YAML that reader accepts."""


def _timestamp(loader: Any, node: Any) -> Any:
    """A date YAML cannot build (``2023-02-29``) stays text: the caller
    refuses it with a note, and the rest of the front matter still counts."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (the billion-laughs bomb) and depth."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise FrontMatterError("YAML aliases are not allowed in front matter")
        depth = getattr(self, "_depth", 0)
        if depth > MAX_DEPTH:
            raise FrontMatterError("front matter is nested too deeply")
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth

    construct_yaml_timestamp = _timestamp


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_CLoader = getattr(yaml, "CSafeLoader", None)
if _CLoader is not None:
    class _FastLoader(_CLoader):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer, the safe constructors."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# What PyYAML's reader refuses as "special characters" (libyaml's own check
# may differ): such front matter goes the pure-Python way.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _plain_tree(root: Any) -> bool:
    """No node reached twice (an alias) and none deeper than MAX_DEPTH."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH or id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return True


def _fast_load(raw: str) -> tuple[bool, Any]:
    """(True, data) when libyaml reads ``raw`` as plain safe YAML, else (False, None)."""
    if _CLoader is None or _NOT_PRINTABLE.search(raw):
        return False, None
    loader = _FastLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return True, None
        if not _plain_tree(node):
            return False, None
        return True, loader.construct_document(node)
    except Exception:  # noqa: BLE001 - the pure-Python loader says what is wrong
        return False, None
    finally:
        loader.dispose()


def load_front_matter(raw: str) -> Any:
    """The front matter's data, or :class:`FrontMatterError` saying why not."""
    done, data = _fast_load(raw)
    if done:
        return data
    try:
        return yaml.load(raw, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except FrontMatterError:
        raise
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else "invalid YAML"
        raise FrontMatterError(first) from None
    except (ValueError, TypeError, RecursionError) as err:
        raise FrontMatterError(f"invalid front matter ({type(err).__name__})") from None
