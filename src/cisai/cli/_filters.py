"""The filter options of ``list`` and ``export``, built from ``cisai.Criteria``, and the
criteria they give back to ``Selection.filter()``."""

from __future__ import annotations

import argparse
from typing import Any

from cisai.cli._errors import UsageError


def non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, not {value!r}")
    return number


# (option, criterion, multiple values allowed, comma-separated lists split, help)
_FILTERS: tuple[tuple[str, str, bool, bool, str], ...] = (
    (
        "--since",
        "since",
        False,
        False,
        "dated on or after DATE (2025, 2025-03, 2025-03-26, 'March 2025')",
    ),
    ("--until", "until", False, False, "dated on or before DATE (inclusive)"),
    ("--topic", "topic", True, True, "a topic id or alias; its sub-topics are included"),
    (
        "--kind",
        "kind",
        True,
        True,
        "the record's kind, e.g. decree, law, concept (bodies: ministry, ...)",
    ),
    (
        "--jurisdiction",
        "jurisdiction",
        True,
        True,
        "a jurisdiction code or name: BY, KZ, CIS, Belarus, Беларусь, ...",
    ),
    ("--issuer", "issuer", True, True, "the id of a body among an instrument's issuers"),
    ("--status", "status", True, True, "an instrument status: adopted, in_force, draft, ..."),
    (
        "--text",
        "text",
        True,
        False,
        "words or word starts in titles, names, id, number, summary, notes (any case)",
    ),
    (
        "--in-force-on",
        "in_force_on",
        False,
        False,
        "in force on that day (YYYY-MM-DD), as dated events show",
    ),
    (
        "--changed-since",
        "changed_since",
        False,
        False,
        "added or changed after that data VERSION, e.g. 2026.11.0",
    ),
    ("--instrument", "instrument", True, True, "the id of the instrument a part belongs to"),
    ("--body", "body", True, True, "the body holding a competency, or a body's parent body"),
    (
        "--attestation",
        "attestation",
        True,
        True,
        "official_text, official_report or secondary_report",
    ),
    ("--confidence", "confidence", True, True, "high, medium or low"),
    ("--part", "part", True, True, "a provision part, e.g. principles, prohibitions"),
    ("--concept", "concept", True, True, "a principle concept id or alias, e.g. transparency"),
    ("--holder", "holder", True, True, "the id of the body holding a competency"),
)

_METAVARS = {
    "since": "DATE",
    "until": "DATE",
    "in_force_on": "DAY",
    "changed_since": "VERSION",
    "text": "TEXT",
}


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter, sort and limit options shared by ``list`` and ``export``."""
    group = parser.add_argument_group("filters")
    for option, dest, multiple, _split, text in _FILTERS:
        metavar = _METAVARS.get(dest, "VALUE")
        if multiple:
            group.add_argument(option, dest=dest, action="append", metavar=metavar, help=text)
        else:
            group.add_argument(option, dest=dest, metavar=metavar, help=text)
    group.add_argument(
        "--include-unknown",
        dest="include_unknown",
        action="store_const",
        const=True,
        help="with --in-force-on: also list instruments whose being in force that day is "
        "unknown (e.g. in force by status, entry into force undated)",
    )
    out = parser.add_argument_group("order")
    out.add_argument("--sort", metavar="FIELD", help="sort by a field (date, id, title, kind, ...)")
    out.add_argument("--reverse", action="store_true", help="reverse the order")
    out.add_argument("--limit", type=non_negative, metavar="N", help="at most N records")


def criteria_from(args: argparse.Namespace) -> dict[str, Any]:
    """The ``filter()`` criteria given on the command line (only those given)."""
    criteria: dict[str, Any] = {}
    if getattr(args, "include_unknown", None):
        criteria["include_unknown"] = True
    for _option, dest, multiple, split, _help in _FILTERS:
        value = getattr(args, dest, None)
        if value is None:
            continue
        if multiple:
            values: list[str] = []
            for item in value:
                parts = item.split(",") if split else [item]
                values.extend(p.strip() for p in parts if p.strip())
            if not values:
                raise UsageError(f"argument --{dest.replace('_', '-')}: no value given")
            criteria[dest] = values[0] if len(values) == 1 else values
        else:
            criteria[dest] = value
    return criteria


def option_values(given: list[str] | None) -> Any:
    """Repeated or comma-separated option values: None, one value, or a list."""
    values = [v.strip() for item in given or [] for v in item.split(",") if v.strip()]
    return None if not values else values[0] if len(values) == 1 else values
