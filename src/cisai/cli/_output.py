"""Writing output: stdout prepared per format, files replaced atomically, devices written
through, closed streams and SIGTERM handled."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from cisai.cli._errors import OutputError, Terminated

# -- output helpers ----------------------------------------------------------------------


def prepared_stdout(*, utf8: bool, csv_newlines: bool = False) -> IO[str]:
    """Prepare stdout: UTF-8 for machine formats, no newline translation for CSV."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (``cisai list >&-``)
        raise OutputError("standard output is closed: nothing can be written")
    if isinstance(stream, io.TextIOWrapper):
        try:
            if utf8:
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="replace")
            if csv_newlines:
                stream.reconfigure(newline="")
        except (ValueError, OSError):  # pragma: no cover - an unusual stream
            pass
    return stream


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def write_output(text: str, path: str | None, *, csv_newlines: bool = False) -> None:
    """Write to stdout, or to ``path``: a regular file atomically (complete or untouched);
    a device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written through,
    never replaced."""
    if path is None or path == "-":
        prepared_stdout(utf8=True, csv_newlines=csv_newlines).write(text)
        return
    if path == "":
        raise OutputError("cannot write '': an empty path names no file")
    try:
        info = _stat_or_none(path)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {path!r}: it is a folder")
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            return
        # A link to a file: replace the file it points to, and keep the link.
        _write_atomically(text, os.path.realpath(path), path)
    except OSError as exc:
        raise OutputError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise OutputError(f"cannot write {path!r}: {exc}") from None


def _stat_or_none(target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None


def _write_atomically(text: str, target: str, path: str) -> None:
    """A temporary file next to ``target``, renamed over it; removed on any failure or SIGTERM.

    The temporary name (``.cisai-*.tmp``) is one the loader never reads. A ``kill -9``
    cannot be caught: then the temporary file stays behind.
    """
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write {path!r}: no such folder {folder!r}")
    handle, temporary = tempfile.mkstemp(prefix=".cisai-", suffix=".tmp", dir=folder)
    try:
        with _terminate_as_exception(), os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
            out.close()
            if os.path.exists(target):
                shutil.copymode(target, temporary)
            else:
                os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (so ``finally`` blocks run)."""

    def terminated(signum: int, frame: Any) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def stderr_or_sink() -> IO[str]:
    """Standard error, or a sink when it is closed (an error then only sets the exit code)."""
    return sys.stderr if sys.stderr is not None else io.StringIO()


def silence_stdout() -> None:
    """After a broken pipe: point stdout at devnull so the final flush stays quiet."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # pragma: no cover
        pass
