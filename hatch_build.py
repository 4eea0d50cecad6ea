"""Wheel build hook: compile the bundled data into ``cisai/data/_compiled.pickle``.

The YAML is loaded and fully validated by cisai's own loader (from this source tree),
and the resulting records are pickled with a digest of the YAML they came from. At
run time ``cisai.load()`` uses them only if the digest still matches the YAML next
to them; otherwise it reads the YAML. A build with invalid data fails here.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledDataHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the YAML of the source tree itself
        source = Path(self.root, "src")
        sys.path.insert(0, str(source))
        try:
            from cisai._bundle import COMPILED_NAME, bundled_files, compile_records
            from cisai._loading import build_bundled

            files = [(name, entry.read_bytes()) for name, entry in bundled_files()]
            records = list(build_bundled(files))
            compiled = compile_records(records, files)
        finally:
            sys.path.remove(str(source))
        folder = Path(tempfile.mkdtemp(prefix="cisai-build-"))
        target = folder / COMPILED_NAME
        target.write_bytes(compiled)
        build_data["force_include"][str(target)] = f"cisai/data/{COMPILED_NAME}"
        self.app.display_info(f"compiled {len(records)} bundled records into {COMPILED_NAME}")
