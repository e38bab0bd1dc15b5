"""``mkdocs serve`` as a child process, for the benchmark and the tests that edit a served site.

The server runs in a session of its own, so stopping it stops everything it started (its
search-index writer among them) and nothing else: SIGTERM to its process group, SIGKILL if it
has not ended after ten seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def mkdocs_serve(mkdocs: Path, config: Path, port: int, log: Path) -> Iterator[subprocess.Popen]:
    """``mkdocs serve --dirty`` of ``config`` on 127.0.0.1:``port``, its output in ``log``."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(command(mkdocs, config, port), cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield proc
        finally:
            stop(proc)


def command(mkdocs: Path, config: Path, port: int) -> list[str]:
    """The command: ``make serve``'s (``mkdocs serve --dirty``), on a port of the caller's."""
    return [str(mkdocs), "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"]


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)      # our own child's process group, by id
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
