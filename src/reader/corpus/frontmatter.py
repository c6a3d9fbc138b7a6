"""YAML front matter, read safely: no tags that build objects, no aliases,
no deep nesting.  A document cannot make reader run code or eat memory."""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 20


class FrontMatterError(ValueError):
    """The front matter is not YAML that reader accepts."""


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

    def construct_yaml_timestamp(self, node: Any) -> Any:
        """A date YAML cannot build (``2023-02-29``) stays text: the caller
        refuses it with a note, and the rest of the front matter still counts."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def load_front_matter(raw: str) -> Any:
    """The front matter's data, or :class:`FrontMatterError` saying why not."""
    try:
        return yaml.load(raw, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except FrontMatterError:
        raise
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else "invalid YAML"
        raise FrontMatterError(first) from None
    except (ValueError, TypeError, RecursionError) as err:
        raise FrontMatterError(f"invalid front matter ({type(err).__name__})") from None
