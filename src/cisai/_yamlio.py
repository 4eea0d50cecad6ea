"""Reading YAML safely, remembering where every mapping and key came from.

Only PyYAML's safe loader is used (the C-accelerated one where libyaml is present),
so no YAML tag can construct a Python object. Mappings come back as :class:`LineMap`
(a ``dict`` that also knows its line and the line of each key), so that an error
found later - by cattrs or by a cross-record check - can name the line it is on.
Duplicate keys in one mapping, which PyYAML silently lets the last one win, are
reported as errors here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import yaml

from cisai._gc import paused
from cisai._problems import DataError

__all__ = [
    "LineList",
    "LineMap",
    "YamlDate",
    "YamlDateTime",
    "YamlFloat",
    "YamlInt",
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
        self.merged_pairs = 0
        self.merge_budget = max(MERGE_BUDGET, len(stream) // 2)

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
    if len(explicit) != len(node.value):
        _flatten_within_budget(loader, node, len(explicit))
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


def _merged_size(node: yaml.MappingNode) -> int:
    """How many pairs the merge keys of ``node`` bring in, as the merged mappings stand now."""
    size = 0
    for key_node, value_node in node.value:
        if key_node.tag != _MERGE_TAG:
            continue
        merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        size += sum(len(m.value) for m in merged if isinstance(m, yaml.MappingNode))
    return size


def _flatten_within_budget(loader: Any, node: yaml.MappingNode, explicit: int) -> None:
    """Apply the merge keys of ``node``, refusing before the copies outgrow the file.

    Each merge copies the merged mapping's pairs: a chain of mappings, each merging
    the one before, grows with the square of its length. The pairs merged so far are
    counted against a budget proportional to the file, before any copy is made.
    """
    estimate = _merged_size(node)
    loader.merged_pairs += estimate
    if loader.merged_pairs <= loader.merge_budget:
        loader.flatten_mapping(node)  # nested merges may bring more than the estimate
        loader.merged_pairs += max(0, len(node.value) - explicit - estimate)
    if loader.merged_pairs > loader.merge_budget:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"YAML merge keys (<<) expand this file to more than {loader.merge_budget:,} "
            "merged values: refusing what looks like a merge-key bomb",
            node.start_mark,
        )


def _construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList(node.start_mark.line + 1)
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=False))
        data.item_lines.append(item.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


class YamlInt(int):
    """An unquoted YAML integer that remembers the text the author wrote.

    YAML 1.1 reads ``0123`` as octal 83, ``0x1F`` as 31 and ``1:30`` as 90: where a
    string or a date is expected, the loader uses :attr:`text` instead, so nothing the
    author wrote is silently changed.
    """

    text: str


class YamlFloat(float):
    """An unquoted YAML float, with the :attr:`text` the author wrote (see :class:`YamlInt`)."""

    text: str


class YamlDate(_dt.date):
    """An unquoted YAML date, with the :attr:`text` the author wrote (see :class:`YamlInt`)."""

    text: str


class YamlDateTime(_dt.datetime):
    """An unquoted YAML date and time, with the :attr:`text` the author wrote."""

    text: str


def _with_text(value: Any, node: yaml.ScalarNode) -> Any:
    kind = {int: YamlInt, float: YamlFloat, _dt.date: YamlDate, _dt.datetime: YamlDateTime}.get(
        type(value)
    )
    if kind is None:
        return value
    if kind is YamlDateTime:
        wrapped: Any = YamlDateTime.combine(value.date(), value.timetz())
    elif kind is YamlDate:
        wrapped = YamlDate(value.year, value.month, value.day)
    else:
        wrapped = kind(value)
    wrapped.text = node.value
    return wrapped


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An unquoted date becomes a ``date``; an impossible one stays text for a clear error."""
    try:
        return _with_text(yaml.SafeLoader.construct_yaml_timestamp(loader, node), node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """An integer; one too long for Python to read is an error on its own line."""
    try:
        return _with_text(yaml.SafeLoader.construct_yaml_int(loader, node), node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number with {len(node.value):,} digits is too long", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    return _with_text(yaml.SafeLoader.construct_yaml_float(loader, node), node)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


MAX_EXPANSION = 20
MERGE_BUDGET = 50_000
"""Merge keys may copy at most this many pairs (or one per two characters of the file)."""
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


def duplicate_keys(root: Any) -> Iterator[tuple[tuple[Any, ...], int]]:
    """Every key written twice in one mapping: ``(path to the key, line of the repeat)``.

    A mapping or list reached twice through YAML aliases is visited once.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(root, ())]
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
