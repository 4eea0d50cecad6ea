"""Version numbers: the code (SemVer), the bundled data (CalVer), the JSON shape."""

__version__ = "0.1.0"
DATA_VERSION = "2026.11.0"
SCHEMA_VERSION = "1.0"
