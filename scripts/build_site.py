"""Build the site strictly into a temporary folder, then swap it into place.

    python scripts/build_site.py [--site-dir site] [--config mkdocs.yml]
    python scripts/build_site.py --offline-zip dist/zh-ai-reader-offline.zip

The site build makes two strict MkDocs runs: the offline bundle (OFFLINE=true:
Material's offline plugin, file:// links), zipped into the site's
``downloads/`` folder, then the hosted site, whose home page links that zip.
A failed build (a data error, a warning under --strict) prints MkDocs' error
lines, exits 1, and leaves the previously built site untouched.
``--offline-zip`` builds only the bundle, into the given zip file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # make scripts/zhreader importable

from zhreader.offline import zip_site  # noqa: E402

ZIP_URL = "downloads/zh-ai-reader-offline.zip"   # inside the hosted site
ZIP_TOP = "zh-ai-reader"                         # the folder the zip unpacks to


class BuildError(Exception):
    """MkDocs failed; the message is its error lines."""


def build(config: Path, site_dir: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        with tempfile.TemporaryDirectory(prefix=".offline-", dir=site_dir.parent) as offline:
            _mkdocs(config, Path(offline), OFFLINE="true")
            _mkdocs(config, staging, OFFLINE_ZIP=ZIP_URL)
            zip_site(Path(offline), staging / ZIP_URL, ZIP_TOP)
    except BuildError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(error, file=sys.stderr)
        print(f"build failed; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built {site_dir} (offline bundle: {site_dir.name}/{ZIP_URL})")
    return 0


def build_offline_zip(config: Path, zip_path: Path) -> int:
    zip_path = zip_path.resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=".offline-", dir=zip_path.parent) as offline:
            _mkdocs(config, Path(offline), OFFLINE="true")
            partial = zip_path.with_name(f".{zip_path.name}.new")
            zip_site(Path(offline), partial, ZIP_TOP)
            partial.replace(zip_path)
    except BuildError as error:
        print(error, file=sys.stderr)
        print(f"build failed; {zip_path.name} was left as it was", file=sys.stderr)
        return 1
    print(f"built {zip_path}: unzip it and open {ZIP_TOP}/index.html")
    return 0


def _mkdocs(config: Path, out: Path, **env: str) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "OFFLINE_ZIP")}
    environ.update(NO_MKDOCS_2_WARNING="1", **env)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "-f", str(config), "-d", str(out)],
                            capture_output=True, text=True, env=environ)
    if result.returncode != 0:
        raise BuildError(_problems(result.stderr + result.stdout))


def _problems(output: str) -> str:
    if "Traceback (most recent call last)" in output:
        # A crash is a bug in the build code, not a data mistake: say so in one
        # line instead of showing a data author a Python traceback.
        last = [line for line in output.splitlines() if line.strip()][-1].strip()
        return (f"ERROR   -  the build crashed: {last}\n"
                "  this is a bug in the build, not in your texts; run `mkdocs build --strict` for the details")
    keep = [line for line in output.splitlines()
            if line.startswith(("ERROR", "WARNING", "  ")) or "Aborted" in line]
    return "\n".join(keep) or output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--offline-zip", type=Path, help="build only the offline bundle, into this zip")
    args = parser.parse_args(argv)
    if args.offline_zip:
        return build_offline_zip(args.config, args.offline_zip)
    return build(args.config, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
