"""The filter options of ``list`` and ``export``, built from ``cisai.Criteria``, and the
criteria they give back to ``Selection.filter()``."""

from __future__ import annotations

import argparse
import dataclasses
import re
import typing
from collections.abc import Sequence
from typing import Any

import cisai
from cisai.cli._errors import UsageError


def non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, not {value!r}")
    return number


def _help(criterion: str) -> str:
    """A criterion's help text: its description in cisai.CRITERIA, said as the CLI takes it
    (a comma-separated list, or the option repeated, means any of the values)."""
    text = cisai.CRITERIA[criterion].description.replace("; a list means any", "")
    text = text.removeprefix("True, ")  # said of a switch's value; the CLI's switch has none
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", _as_option, text)


def _as_option(word: re.Match[str]) -> str:
    """A criterion named in a description, as the CLI spells it: ``--in-force-on``."""
    name = word.group(0)
    return "--" + name.replace("_", "-") if name in cisai.CRITERIA else name


_METAVARS = {
    "since": "DATE",
    "until": "DATE",
    "in_force_on": "DAY",
    "changed_since": "VERSION",
    "text": "TEXT",
}

_NOT_SPLIT = frozenset({"text"})
"""Criteria whose values are free text, which may hold a comma: never split at commas."""


@dataclasses.dataclass(frozen=True)
class Filter:
    """One filter option, read from a criterion of ``cisai.Criteria`` and its value type."""

    criterion: str
    switch: bool  # a flag without a value (``--include-unknown``)
    multiple: bool  # may be repeated; each value may be a comma-separated list

    @property
    def option(self) -> str:
        return "--" + self.criterion.replace("_", "-")


def _takes_many(hint: Any) -> bool:
    """Whether a criterion's type accepts a sequence of values (``OneOrMore``, ...)."""
    return any(typing.get_origin(arg) is Sequence for arg in typing.get_args(hint))


FILTERS: tuple[Filter, ...] = tuple(
    Filter(name, switch=bool in typing.get_args(hint), multiple=_takes_many(hint))
    for name, hint in typing.get_type_hints(cisai.Criteria).items()
)
"""Every criterion of ``Selection.filter()``, in the order of ``cisai.Criteria``."""


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter, sort and limit options shared by ``list`` and ``export``."""
    group = parser.add_argument_group("filters")
    for item in FILTERS:
        text = _help(item.criterion)
        if item.switch:
            group.add_argument(
                item.option, dest=item.criterion, action="store_const", const=True, help=text
            )
            continue
        metavar = _METAVARS.get(item.criterion, "VALUE")
        action = "append" if item.multiple else "store"
        group.add_argument(
            item.option, dest=item.criterion, action=action, metavar=metavar, help=text
        )
    out = parser.add_argument_group("order")
    out.add_argument("--sort", metavar="FIELD", help="sort by a field (date, id, title, kind, ...)")
    out.add_argument("--reverse", action="store_true", help="reverse the order")
    out.add_argument("--limit", type=non_negative, metavar="N", help="at most N records")


def criteria_from(args: argparse.Namespace) -> dict[str, Any]:
    """The ``filter()`` criteria given on the command line (only those given)."""
    criteria: dict[str, Any] = {}
    for item in FILTERS:
        value = getattr(args, item.criterion, None)
        if value is None:
            continue
        if item.multiple and not item.switch:
            criteria[item.criterion] = _given_values(item, value)
        else:
            criteria[item.criterion] = value
    return criteria


def _given_values(item: Filter, given: list[str]) -> Any:
    """A repeated option's values (each split at commas, but free text): one, or a list."""
    values: list[str] = []
    for entry in given:
        parts = [entry] if item.criterion in _NOT_SPLIT else entry.split(",")
        values.extend(p.strip() for p in parts if p.strip())
    if not values:
        raise UsageError(f"argument {item.option}: no value given")
    return values[0] if len(values) == 1 else values


def option_values(given: list[str] | None, option: str) -> Any:
    """Repeated or comma-separated option values: None (not given), one value, or a list.

    An option given with nothing in it (``--topic ""``, ``--topic ,``) is a usage error,
    not "no filter": a script passing an empty variable must not get everything.
    """
    if given is None:
        return None
    values = [v.strip() for item in given for v in item.split(",") if v.strip()]
    if not values:
        raise UsageError(f"argument {option}: no value given")
    return values[0] if len(values) == 1 else values
