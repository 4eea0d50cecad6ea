"""Version numbers: the code (SemVer), the bundled data (CalVer), the JSON shape."""

__version__ = "0.2.0"
DATA_VERSION = "2026.12.0"
SCHEMA_VERSION = "1.1"
DOCUMENT_KEYS = ("schema_version", "data_version", "sources_read_until", "generated_by")
"""The Dataset document's own keys, before its collections: written, read and described
in this order by the serializer, the readers and the JSON Schema."""
SOURCES_READ_UNTIL = "2026-11-30"
"""The day up to which the sources of the bundled data (``DATA_VERSION``) were read.

What happened after it is not in this release, however new the release; a later
release moves it on (see "How a data release is made" in the docs).
"""


def schema_major(version: object) -> int | None:
    """The MAJOR of a ``"MAJOR.MINOR"`` schema version, or None if it is not one."""
    if not isinstance(version, str):
        return None
    import re

    match = re.fullmatch(r"([0-9]+)\.[0-9]+", version)
    return int(match.group(1)) if match else None


def check_schema_version(version: object) -> None:
    """Refuse a document whose schema major is not the one this cisai reads."""
    from cisai._errors import SchemaError

    ours = schema_major(SCHEMA_VERSION)
    if schema_major(version) != ours:
        raise SchemaError(
            f"schema_version {version!r} is not understood; this cisai {__version__} reads "
            f"schema {ours}.x documents (it writes {SCHEMA_VERSION})"
        )
