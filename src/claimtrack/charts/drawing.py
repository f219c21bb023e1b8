"""Drawing a chart's pictures with vl-convert, in a process of its own.

vl-convert is Rust: on some input (a vertical tab in a label, for one) it panics and
aborts the whole process, with no Python exception to catch. So the pictures are drawn
by a worker process, started once per build and handed one chart at a time: when it
dies, the build knows which chart it was drawing, says so with the renderer's own last
words, and stops cleanly, its scratch folder removed and the charts in place untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class RenderError(Exception):
    """The renderer could not draw a chart, or died drawing it; nothing was changed."""


def draw(spec: dict, narrow: dict, scale: int) -> tuple[str, bytes, bytes]:
    """In the worker: the desktop SVG, the phone's PNG and the desktop PNG."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec), vlc.vegalite_to_png(narrow, scale=scale), vlc.vegalite_to_png(spec, scale=scale)


def _into(log: str) -> None:
    """The worker's standard error goes to ``log``, for the words of a crash."""
    handle = os.open(log, os.O_WRONLY | os.O_APPEND)
    os.dup2(handle, 2)
    os.close(handle)


class Renderer:
    """A worker process that draws charts, one at a time (see the module's text)."""

    def __enter__(self) -> Renderer:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        handle, self._log = tempfile.mkstemp(prefix="claimtrack-renderer-", suffix=".log")
        os.close(handle)
        # A fresh interpreter, not a fork: the parent may hold threads of its own.
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_into, initargs=(self._log,)
        )
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        Path(self._log).unlink(missing_ok=True)

    def draw(self, name: str, spec: dict, narrow: dict, scale: int) -> tuple[str, bytes, bytes]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(draw, spec, narrow, scale).result()
        except BrokenProcessPool:
            raise RenderError(
                f"the chart renderer (vl-convert) crashed while drawing the chart {name}{self._last_words()}; "
                "no chart was changed"
            ) from None
        except ValueError as error:  # vl-convert refuses a spec it cannot read
            raise RenderError(
                f"the chart renderer could not draw the chart {name}: {error}; no chart was changed"
            ) from None

    def _last_words(self) -> str:
        """What the renderer said as it panicked: the line after its "panicked at"."""
        try:
            lines = Path(self._log).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        for number, line in enumerate(lines[:-1]):
            if "panicked at" in line and lines[number + 1].strip():
                return f" ({lines[number + 1].strip()})"
        return ""
