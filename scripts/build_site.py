"""Build the site strictly into a temporary folder, then swap it into place.

    python scripts/build_site.py [--site-dir site] [--config mkdocs.yml]

A failed build (a data error, a warning under --strict) prints MkDocs' error
lines, exits 1, and leaves the previously built site untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(config: Path, site_dir: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "-f", str(config), "-d", str(staging)],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(_problems(result.stderr + result.stdout), file=sys.stderr)
        print(f"build failed; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built {site_dir}")
    return 0


def _problems(output: str) -> str:
    keep = [line for line in output.splitlines()
            if line.startswith(("ERROR", "WARNING", "  ")) or "Aborted" in line]
    return "\n".join(keep) or output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build(args.config, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
