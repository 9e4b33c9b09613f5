"""Write files atomically: a complete file appears, or nothing (never a half-written file).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_path(target) as tmp:
...     _ = tmp.write_text("done")
>>> target.read_text()
'done'
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path"]


@contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside *path*; on success rename it to *path*, on error remove it.

    "On error" means any exception, ``KeyboardInterrupt`` included, and SIGTERM (turned into
    ``SystemExit`` while the file is written, when nothing else handles SIGTERM), so no hidden
    ``.name.XXXX.tmp.ext`` is ever left behind by an interrupted export. The temporary file is in the same folder (so the rename is atomic), keeps the target's
    extension (writers such as pandas' ``ExcelWriter`` choose the format from it) and gets the usual
    0644 permissions before the rename.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "kept.txt"
    >>> _ = target.write_text("old")
    >>> try:
    ...     with atomic_path(target) as tmp:
    ...         _ = tmp.write_text("half")
    ...         raise RuntimeError("writer failed")
    ... except RuntimeError:
    ...     pass
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('old', ['kept.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ext = suffix if suffix is not None else path.suffix
    restore = _terminate_as_exit()
    tmp = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{ext}")
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:  # any exception, KeyboardInterrupt and (see below) SIGTERM included
        try:
            if tmp is not None and tmp.exists():
                tmp.unlink()
        finally:
            restore()


def _terminate_as_exit() -> Callable[[], None]:
    """While a file is being written, turn SIGTERM into ``SystemExit`` so the partial file is removed.

    Only when SIGTERM would otherwise kill the process without clean-up (the default action) and only
    in the main thread (where Python runs signal handlers); an application's own handler is left alone.
    Returns the function that puts the previous handler back.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    try:
        previous = signal.getsignal(signal.SIGTERM)
        if previous is not signal.SIG_DFL:
            return lambda: None

        def on_term(signum, frame):
            raise SystemExit(128 + signum)

        signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):  # no signals here (embedded interpreter, Windows)
        return lambda: None
    return lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL)
