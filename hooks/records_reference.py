"""The reference of every record type's fields, generated from the attrs classes at build time.

Field names, types, whether they are required and their defaults come from the
classes themselves; each field's description is the docstring written under it in
``cisai/_model.py``. So the reference cannot drift from the code.
"""

from __future__ import annotations

import ast
import enum
import inspect
import itertools
import types
import typing
from typing import Any

import attrs

from cisai import _model as model
from cisai._dates import PartialDate

PAGE = "reference/records.md"

VALUE_TYPES = (
    model.Source,
    model.Title,
    model.Unknown,
    model.Event,
    model.Relation,
    model.Locator,
)


def field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under each field in the class body (and its bases')."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ != model.__name__:
            continue
        tree = ast.parse(inspect.getsource(klass))
        body = tree.body[0].body  # type: ignore[attr-defined]
        for statement, following in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.target.id] = " ".join(following.value.value.split())
    return docs


def type_name(tp: Any) -> str:
    """A reader's name for a field type, with links to the types it is made of."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [type_name(a) for a in typing.get_args(tp) if a is not type(None)]
        return " or ".join(inner) + " or null"
    if origin is tuple:
        return f"list of {type_name(typing.get_args(tp)[0])}"
    if tp is PartialDate:
        return "date (`2025`, `2025-07` or `2025-07-11`)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    if attrs.has(tp):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", int: "whole number", bool: "true or false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def _default(attribute: Any) -> str:
    if attribute.default is attrs.NOTHING:
        return "**required**"
    default = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    if isinstance(default, enum.Enum):
        return f"`{default.value}`"
    if default is None:
        return "null"
    if default == ():
        return "empty list"
    return f"`{str(default).lower() if isinstance(default, bool) else default}`"


def class_section(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    collection = getattr(cls, "collection", "")
    lines = [f"## {cls.__name__}", ""]
    summary = (cls.__doc__ or "").strip().split("\n\n")[0]
    lines += [" ".join(summary.split()), ""]
    if collection:
        lines += [f"In data files: the `{collection}` list.", ""]
    lines += ["| field | type | default | meaning |", "|---|---|---|---|"]
    for attribute in attrs.fields(cls):
        meaning = docs.get(attribute.name, "").replace("|", "\\|")
        lines.append(
            f"| `{attribute.name}` | {type_name(hints[attribute.name])} | {_default(attribute)} | "
            f"{meaning} |"
        )
    return [*lines, ""]


def enum_section(cls: type[enum.Enum]) -> list[str]:
    summary = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
    values = ", ".join(f"`{member.value}`" for member in cls)
    return [f"### {cls.__name__}", "", summary, "", values, ""]


def criteria_section() -> list[str]:
    """The query criteria of ``filter()``, from ``cisai.CRITERIA``: what each keeps, and where."""
    from cisai._criteria import CRITERIA

    lines = [
        "# Query criteria",
        "",
        "The keywords of `Selection.filter()` and `cisai.instruments()` (and the CLI's filter "
        "flags), from `cisai.CRITERIA`. A criterion given to a selection of a type it does not "
        "apply to raises `cisai.QueryError`.",
        "",
        "| criterion | keeps | applies to |",
        "|---|---|---|",
    ]
    for criterion in CRITERIA.values():
        types_ = ", ".join(c.__name__ for c in model.RECORD_TYPES if criterion.applies_to(c))
        meaning = criterion.description.replace("|", "\\|")
        lines.append(f"| `{criterion.name}` | {meaning} | {types_} |")
    return [*lines, ""]


def generate_page() -> str:
    lines = [
        "# Record reference",
        "",
        "Every field of every record type, generated from the classes in `cisai._model` when "
        "the site is built. The YAML and JSON formats use exactly these field names; see "
        "[the data format](../data-format.md) for how files are laid out.",
        "",
    ]
    for cls in model.RECORD_TYPES:
        lines += class_section(cls)
    lines += ["# Parts of records", ""]
    for value_type in VALUE_TYPES:
        lines += class_section(value_type)
    lines += ["# Vocabularies", ""]
    enums = [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == model.__name__
    ]
    for enum_type in enums:
        lines += enum_section(enum_type)
    lines += criteria_section()
    return "\n".join(lines)


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=generate_page()))
    return files
