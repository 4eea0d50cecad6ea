"""Wheel build hook: compile the bundled data into ``cisai/data/_compiled.json``.

The YAML is loaded and fully validated by cisai's own loader (from this source tree);
the dataset is written as its golden JSON (``snapshots/dataset.json``'s content, unindented),
with ``_compiled.digest`` beside it: the digest of the YAML it came from and the
BLAKE2b digest of the JSON. At run time ``cisai.load()`` uses the JSON only if the YAML
digest still matches the YAML next to it; otherwise it reads the YAML. A build with
invalid data fails here.
"""

from __future__ import annotations

import shutil
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
            from cisai._bundle import bundled_files
            from cisai._compile import compile_dataset
            from cisai._loading import build_bundled

            files = [(name, entry.read_bytes()) for name, entry in bundled_files()]
            dataset = build_bundled(files)
            compiled = compile_dataset(dataset, files)
        finally:
            sys.path.remove(str(source))
        folder = Path(tempfile.mkdtemp(prefix="cisai-build-"))
        self._compiled_folder = folder  # removed in finalize, once the wheel holds the files
        for name, content in compiled.items():
            target = folder / name
            target.write_bytes(content)
            build_data["force_include"][str(target)] = f"cisai/data/{name}"
        self.app.display_info(f"compiled {len(dataset)} bundled records into {', '.join(compiled)}")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_compiled_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
