"""Build the site strictly into a temporary folder, then swap it into place.

    python scripts/build_site.py [--site-dir site] [--config mkdocs.yml]
    python scripts/build_site.py --offline-zip dist/zh-ai-reader-offline.zip

The site build makes two strict MkDocs builds in one Python process (one
annotation of the texts, ``zhreader.shared``): the offline bundle (OFFLINE=true:
Material's offline plugin, file:// links), zipped into the site's
``downloads/`` folder, then the hosted site, whose home page links that zip.
A failed build (a data error, a warning under --strict) prints MkDocs' error
lines, exits 1, and leaves the previously built site untouched.
``--offline-zip`` builds only the bundle, into the given zip file.

What a reader of ``site/`` can rely on:

- It is never half-built and never missing: the new site is built beside it
  (``.site.new-<pid>-…``) and takes its place in one step, an exchange of the
  two folders (Linux ``renameat2(RENAME_EXCHANGE)``); where the system has no
  exchange, two renames that are undone if the second fails.
- It is world-readable (folders 0755, files 0644) whatever the umask.
- Nothing is left behind: staging folders are removed on success, on failure,
  on Ctrl-C and on SIGTERM/SIGHUP (the MkDocs child is stopped first, and
  dies with this process even on SIGKILL); folders left by a build that was
  killed with SIGKILL are removed by the next build.
- It never replaces anything but a site: ``--site-dir`` may not be the
  project, hold it, lie inside its sources, be a file or a mount point, or be
  an existing folder that is not a built site.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # make scripts/zhreader importable

from zhreader.offline import zip_site  # noqa: E402

ZIP_URL = "downloads/zh-ai-reader-offline.zip"   # inside the hosted site
ZIP_TOP = "zh-ai-reader"                         # the folder the zip unpacks to
# Folders of the project a site may never replace or live in.
SOURCES = ("docs", "texts", "scripts", "overrides", "tests", "bench", ".git", ".github", ".ci")
# A folder the build may replace holds these (every site built since the service worker).
SITE_MARKERS = ("index.html", "precache.json")


class BuildError(Exception):
    """The build cannot go on; the message is what the author needs to read."""


class Refused(BuildError):
    """The build would replace something that is not a site: nothing was touched."""


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: stop, clean up, exit 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


# -- the two commands ----------------------------------------------------------------

def build(config: Path, site_dir: Path) -> int:
    site_dir = Path(os.path.abspath(site_dir))
    if site_dir.is_symlink():
        site_dir = site_dir.resolve()            # a linked site folder: replace what it points to
    name = site_dir.name
    with _failures(f"{name}/ was left as it was"):
        _check_site_dir(site_dir, config)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        _sweep(site_dir.parent, name)
        with _staging(site_dir.parent, f".{name}.new-") as staging, \
                _staging(site_dir.parent, f".{name}.offline-") as offline:
            log = _mkdocs(config, (offline, {"OFFLINE": "true"}), (staging, {"OFFLINE_ZIP": ZIP_URL}))
            zip_site(offline, staging / ZIP_URL, ZIP_TOP)
            _world_readable(staging)
            _stop_if_interrupted()
            _swap_in(staging, site_dir)       # staging now holds the old site, removed on leaving
        print(f"built {site_dir} (offline bundle: {name}/{ZIP_URL})")
        for line in _summary(log):
            print(f"  {line}")
        return 0


def build_offline_zip(config: Path, zip_path: Path) -> int:
    zip_path = Path(os.path.abspath(zip_path))
    with _failures(f"{zip_path.name} was left as it was"):
        _check_zip_path(zip_path, config)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(zip_path.parent, zip_path.name)
        with _staging(zip_path.parent, f".{zip_path.name}.offline-") as offline, \
                _staging(zip_path.parent, f".{zip_path.name}.new-") as partial:
            _mkdocs(config, (offline, {"OFFLINE": "true"}))
            zip_site(offline, partial / zip_path.name, ZIP_TOP)
            os.chmod(partial / zip_path.name, 0o644)
            _stop_if_interrupted()
            os.replace(partial / zip_path.name, zip_path)
        print(f"built {zip_path}: unzip it and open {ZIP_TOP}/index.html")
        return 0


@contextmanager
def _failures(kept: str):
    """Turn every way a build can stop into one message, an exit status and no traceback."""
    try:
        yield
    except Refused as error:
        _fail(str(error), "nothing was changed")
    except BuildError as error:
        _fail(str(error), kept)
    except OSError as error:   # a read-only folder, a full disk, a vanished file
        where = f" ({error.filename})" if error.filename else ""
        _fail(f"ERROR   -  cannot write the site: {error.strerror or error}{where}", kept)
    except Interrupted as stop:
        print(f"build interrupted ({signal.Signals(stop.signum).name}); {kept}", file=sys.stderr)
        raise SystemExit(128 + stop.signum) from None


def _fail(message: str, kept: str) -> None:
    print(message, file=sys.stderr)
    print(f"build failed; {kept}", file=sys.stderr)
    raise SystemExit(1)


# -- where the site goes ---------------------------------------------------------------

def _check_site_dir(site: Path, config: Path) -> None:
    shown = _shown(site)
    _check_not_sources(site, config, f"--site-dir {shown}")
    if os.path.lexists(site) and not site.is_dir():
        raise Refused(f"ERROR   -  --site-dir {shown} is a file, not a folder; the site is a folder (the default is site)")
    if site.is_dir() and os.path.ismount(site):
        raise Refused(f"ERROR   -  --site-dir {shown} is a mount point, which cannot be swapped in one step; "
                         f"build into a folder inside it (e.g. {shown}/site) and serve that")
    if site.is_dir() and any(site.iterdir()) and not all((site / marker).is_file() for marker in SITE_MARKERS):
        raise Refused(f"ERROR   -  --site-dir {shown} is a folder that is not a site built here (it has no "
                         f"{' and no '.join(SITE_MARKERS)}), and the build would replace it; choose a new or empty folder")


def _check_zip_path(zip_path: Path, config: Path) -> None:
    shown = _shown(zip_path)
    _check_not_sources(zip_path, config, f"--offline-zip {shown}")
    if zip_path.is_dir():
        raise Refused(f"ERROR   -  --offline-zip {shown} is a folder; give the path of a .zip file")
    if os.path.lexists(zip_path) and not zipfile.is_zipfile(zip_path):
        raise Refused(f"ERROR   -  --offline-zip {shown} exists and is not a zip file, and the build would replace it; choose another path")


def _check_not_sources(target: Path, config: Path, label: str) -> None:
    root = config.resolve().parent
    target = target.resolve()
    if target == root or root.is_relative_to(target):
        raise Refused(f"ERROR   -  {label} is the project folder or holds it, and the build would replace it; "
                         "choose a folder of its own (the default is site)")
    for source in (*SOURCES, config.name, "glossary.yaml"):
        if target.is_relative_to(root / source):
            raise Refused(f"ERROR   -  {label} is {'inside ' if target != root / source else ''}{source}"
                             f"{'/' if (root / source).is_dir() else ''}, which holds the project's sources; "
                             "choose a folder of its own (the default is site)")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# -- staging, cleanup, signals ----------------------------------------------------------

@contextmanager
def _staging(parent: Path, prefix: str):
    """A new folder ``<prefix><pid>-<random>`` in ``parent``, removed when the block ends, however it ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    try:
        yield folder
    finally:
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)   # a second Ctrl-C cannot cut this short
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


_STAGED = re.compile(r"\.(?:new|offline|old)-(\d+)-[a-z0-9_]+$")
_LEGACY = re.compile(r"^\.(?:offline-|.+\.new-)[a-z0-9_]{8}$|^\..+\.old$")   # builds before staging names carried a pid


def _sweep(parent: Path, name: str) -> None:
    """Remove staging folders that builds killed with SIGKILL (or a power cut) left in ``parent``."""
    for path in parent.glob(".*"):
        found = _STAGED.search(path.name)
        ours = path.name.startswith(f".{name}.") and found is not None
        legacy = _LEGACY.match(path.name) is not None and (path.name.startswith(f".{name}.") or path.name.startswith(".offline-"))
        if (ours and not _alive(int(found.group(1)))) or legacy:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_file() or path.is_symlink():
                path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True      # someone else's process
    return True


def _on_signal(signum, frame):
    if getattr(_on_signal, "caught", None):
        return           # already stopping: let the cleanup finish
    _on_signal.caught = signum
    raise Interrupted(signum)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop_if_interrupted() -> None:
    """Before the swap: a signal whose ``Interrupted`` Python could not raise here (it landed in a
    finaliser, where an exception is only reported: ``_unraisable``) still stops the build."""
    if getattr(_on_signal, "caught", None):
        raise Interrupted(_on_signal.caught)


def _unraisable(unraisable) -> None:
    """Python's report of an exception in a finaliser, but not of our ``Interrupted``: the build
    stops at its next check (``_stop_if_interrupted``) and says so in its one line."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def _die_with_parent() -> None:
    """In the MkDocs child: be killed when this process dies, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))   # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass


def _mkdocs(config: Path, *builds: tuple[Path, dict]) -> str:
    """``mkdocs build --strict`` of each (folder, environment) in turn, in one child process; its log.

    One process, so the builds share one annotated corpus (``zhreader.shared``): the
    texts are annotated once for the hosted site, the offline bundle, the search
    records and the downloads.
    """
    environ = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "OFFLINE_ZIP")}
    environ.update(NO_MKDOCS_2_WARNING="1")
    args = [sys.executable, str(Path(__file__).resolve()), "--config", str(config)]
    for out, env in builds:
        args += ["--build-into", str(out), ",".join(f"{k}={v}" for k, v in env.items())]
    # Its own session: Ctrl-C reaches this process only, which stops the child and cleans up.
    child = subprocess.Popen(args,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environ,
                             start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    try:
        stdout, stderr = child.communicate()
    except BaseException:
        _stop(child)
        raise
    if child.returncode != 0:
        raise BuildError(_problems(stderr + stdout))
    return stderr + stdout


def _summary(log: str) -> list[str]:
    """What a good build's log says of the hosted site's search index and precache, for the author."""
    # The hook's lines, whatever MkDocs names its logger (the hook's path up to its first dot).
    lines = [found.group(1) for line in log.splitlines()
             if line.startswith("INFO") and (found := re.search(r": ((?:search index|service worker): .*)$", line))]
    return list(dict.fromkeys(lines))       # once each (a site whose two builds both write one)


def _stop(child: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            break
        try:
            child.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def _problems(output: str) -> str:
    if "Traceback (most recent call last)" in output:
        last = [line for line in output.splitlines() if line.strip()][-1].strip()
        if re.match(r"^(\w+Error|OSError): \[Errno \d+\]", last):
            # The machine, not the code: a full disk, a read-only or vanished folder.
            return f"ERROR   -  the build could not write its files: {last.split(': ', 1)[1]}"
        # A crash is a bug in the build code, not a data mistake: say so in one
        # line instead of showing a data author a Python traceback.
        return (f"ERROR   -  the build crashed: {last}\n"
                "  this is a bug in the build, not in your texts; run `mkdocs build --strict` for the details")
    keep = [line for line in output.splitlines()
            if line.startswith(("ERROR", "WARNING", "  ")) or "Aborted" in line]
    return "\n".join(keep) or output


# -- the swap --------------------------------------------------------------------------

def _world_readable(folder: Path) -> None:
    """Folders 0755 and files 0644: mkdtemp makes 0700, and a web server runs as another user."""
    os.chmod(folder, 0o755)
    for parent, dirs, files in os.walk(folder):
        for name in dirs:
            if not os.path.islink(os.path.join(parent, name)):
                os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            if not os.path.islink(os.path.join(parent, name)):
                os.chmod(os.path.join(parent, name), 0o644)


def _swap_in(staging: Path, site: Path) -> None:
    """Put ``staging`` at ``site`` in one step; afterwards ``staging`` holds the old site (or nothing)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)   # no half-done swap
    try:
        if not site.exists():
            os.rename(staging, site)
            staging.mkdir()                  # for the caller's cleanup, like the exchange below
            return
        try:
            _exchange(staging, site)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            _rename_twice(staging, site)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _exchange(a: Path, b: Path) -> None:
    """Atomically exchange two paths (Linux 3.15+, glibc 2.28+); OSError(ENOSYS) elsewhere."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        raise OSError(errno.ENOSYS, "renameat2 is not available") from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def _rename_twice(staging: Path, site: Path) -> None:
    """Without an exchange: old site aside, new site in (undone if the second rename fails)."""
    aside = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-{os.getpid()}-", dir=site.parent))
    os.rename(site, aside / "site")
    try:
        os.rename(staging, site)
    except OSError:
        os.rename(aside / "site", site)
        shutil.rmtree(aside, ignore_errors=True)
        raise
    os.rename(aside, staging)


def _builds_in_process(config: Path, builds: list[tuple[str, str]]) -> int:
    """The child of ``_mkdocs``: each ``mkdocs build --strict`` in this process, as the CLI runs it."""
    from click import ClickException
    from mkdocs import config as mkdocs_config
    from mkdocs.__main__ import State
    from mkdocs.commands import build as mkdocs_build

    import logging

    state = State()        # MkDocs' console log lines ("ERROR   -  …"), once; removed when it is deleted
    state.stream.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))   # as --no-color: read by _problems
    for out, env in builds:
        for name in ("OFFLINE", "OFFLINE_ZIP"):
            os.environ.pop(name, None)
        os.environ.update(dict(pair.split("=", 1) for pair in env.split(",") if pair))
        try:
            cfg = mkdocs_config.load_config(config_file=str(config), site_dir=out, strict=True)
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except ClickException as error:      # MkDocs' Abort: the errors are logged already
            error.show()
            return 1
    del state
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--offline-zip", type=Path, help="build only the offline bundle, into this zip")
    parser.add_argument("--build-into", nargs=2, action="append", help=argparse.SUPPRESS)   # the child's builds
    args = parser.parse_args(argv)
    if args.build_into:
        return _builds_in_process(args.config, args.build_into)
    sys.unraisablehook = _unraisable
    for sig in STOP_SIGNALS:
        signal.signal(sig, _on_signal)
    if args.offline_zip:
        return build_offline_zip(args.config, args.offline_zip)
    return build(args.config, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
