"""Reading YAML safely, remembering where every mapping and key came from.

Only PyYAML's safe loader is used (the C-accelerated one where libyaml is present),
so no YAML tag can construct a Python object. Mappings come back as :class:`LineMap`
(a ``dict`` that also knows its line and the line of each key), so that an error
found later - by cattrs or by a cross-record check - can name the line it is on.
Duplicate keys in one mapping, which PyYAML silently lets the last one win, are
reported as errors here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import yaml

from cisai._errors import DataError
from cisai._gc import paused

__all__ = [
    "LineList",
    "LineMap",
    "duplicate_keys",
    "expanded_size",
    "line_of",
    "parse_yaml_document",
]

_Base: type[yaml.SafeLoader]
try:
    _Base = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class LineMap(dict[Any, Any]):
    """A mapping read from YAML, with its 1-based ``line`` and each key's line.

    ``duplicates`` lists the keys written more than once (with the line of each
    repeat): PyYAML would keep the last silently; the loader reports them instead.
    """

    __slots__ = ("duplicates", "key_lines", "line")

    def __init__(self, line: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []


class LineList(list[Any]):
    """A sequence read from YAML, with its ``line`` and the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, building :class:`LineMap` s and noting duplicate keys.

    Two shortcuts make it faster than PyYAML's own safe loader without changing what
    it builds: a plain scalar's tag is resolved once per distinct value (data repeats
    the same enum values and ids), and a string scalar is returned without the
    generic constructor machinery.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.resolved: dict[tuple[str, bool], str] = {}
        self.found_duplicates = False

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            key = (value, implicit[1])
            tag = self.resolved.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                self.resolved[key] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node.__class__ is yaml.ScalarNode and node.tag == _STR_TAG:
            return node.value
        return super().construct_object(node, deep)


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[LineMap]:
    data = LineMap(node.start_mark.line + 1)
    yield data
    explicit = {id(k) for k, _ in node.value if k.tag != _MERGE_TAG}
    loader.flatten_mapping(node)
    seen_explicit: set[Any] = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=False)
        if not isinstance(key, Hashable) or isinstance(key, list | dict):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            )
        if id(key_node) in explicit:
            if key in seen_explicit:
                data.duplicates.append((key, key_node.start_mark.line + 1))
                loader.found_duplicates = True  # type: ignore[attr-defined]
                continue  # keep the first value; the loader reports the repeat
            seen_explicit.add(key)
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList(node.start_mark.line + 1)
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=False))
        data.item_lines.append(item.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An unquoted date becomes a ``date``; an impossible one stays text for a clear error."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An integer; one too long for Python to read is an error on its own line."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number with {len(node.value):,} digits is too long", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


MAX_EXPANSION = 20
"""Aliases may make the data at most this many times larger than the text (and 100,000 values)."""


def parse_yaml_document(text: str, file: str) -> tuple[Any, bool]:
    """Parse one YAML document, and say whether any mapping repeats a key.

    Any YAML problem is a :class:`DataError` with its line; data that aliases would
    expand far beyond the size of the text is refused. Repeated keys are found by
    :func:`duplicate_keys`.
    """
    data, found_duplicates = _parse(text, file)
    if "*" in text:  # only aliases can make the tree larger than the text
        limit = max(100_000, MAX_EXPANSION * len(text))
        try:
            size = expanded_size(data)
        except ValueError as exc:
            raise DataError(f"invalid YAML: {exc}", file=file) from None
        if size > limit:
            raise DataError(
                f"YAML aliases expand this file to {size:,} values (the limit is {limit:,}): "
                "refusing what looks like an alias bomb",
                file=file,
            )
    return data, found_duplicates


def _parse(text: str, file: str) -> tuple[Any, bool]:
    try:
        loader = _Loader(text)
        try:
            with paused():
                return loader.get_single_data(), loader.found_duplicates
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in str(problem):
            problem = f"{problem} (only plain YAML is accepted: no tags that build objects)"
        raise DataError(f"invalid YAML: {problem}", file=file, line=line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if exc.position is not None else None
        raise DataError(
            f"invalid YAML: unacceptable character #x{exc.character:04x} "
            "(control characters are not allowed)"
            if isinstance(exc.character, int)
            else "invalid YAML: unacceptable byte",
            file=file,
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"invalid YAML: {' '.join(str(exc).split())}", file=file) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise DataError(f"invalid YAML: {exc}", file=file) from None


def line_of(root: Any, path: Sequence[str | int]) -> int | None:
    """The line of the deepest part of ``path`` inside data read by :func:`parse_yaml_document`."""
    line: int | None = root.line if isinstance(root, LineMap) else None
    node = root
    for step in path:
        if isinstance(node, LineMap):
            if step in node.key_lines:
                line = node.key_lines[step]
            if step not in node:
                break
            node = node[step]
            if isinstance(node, LineMap) and node.line is not None:
                line = node.line
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            if isinstance(node, LineList):
                line = node.item_lines[step]
            node = node[step]
            if isinstance(node, LineMap) and node.line is not None:
                line = node.line
        else:
            break
    return line


def duplicate_keys(root: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], int]]:
    """Every key written twice in one mapping: ``(path to the key, line of the repeat)``.

    A mapping or list reached twice through YAML aliases is visited once.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(root, path)]
    while stack:
        node, where = stack.pop()
        if not isinstance(node, dict | list) or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, LineMap):
            for key, line in node.duplicates:
                yield (*where, key), line
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((value, (*where, key)) for key, value in items)


def expanded_size(root: Any) -> int:
    """How many values the data holds once aliases are expanded (counted, not expanded).

    YAML aliases let a small file describe an enormous tree ("billion laughs"); this
    counts it in time proportional to the file, so the loader can refuse it first.
    A structure that contains itself (a recursive alias) has no finite size:
    :class:`ValueError`.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list):
            continue
        key = id(node)
        children = list(node.values()) if isinstance(node, dict) else node
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(
                sizes.get(id(c), 1) if isinstance(c, dict | list) else 1 for c in children
            )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise ValueError("a YAML alias refers to the structure that contains it")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if isinstance(c, dict | list))
    return sizes.get(id(root), 1)
