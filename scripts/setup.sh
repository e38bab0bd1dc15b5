#!/usr/bin/env bash
# Set up a fresh machine: a virtual environment with the pinned packages and,
# with --browser, Debian's chromium for the browser tests. Safe to re-run:
# it only reinstalls when requirements.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned packages from requirements.txt"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r requirements.txt
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--browser" ]; then
  # Debian packages the tests drive: chromium (browser tests, Lighthouse), Java (the Nu
  # HTML Checker), Node and npm (the pinned checkers in package.json).
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
  if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
  # The quality gates' Node tools (vnu-jar, lighthouse), exactly as package-lock.json pins them.
  # --ignore-scripts: vnu-jar ships its jar; nothing needs to run at install time.
  node_stamp="node_modules/.package-lock.sha"
  node_want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$node_stamp" 2>/dev/null)" != "$node_want" ]; then
    echo "setup: installing the pinned Node tools (npm ci)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$node_want" > "$node_stamp"
  fi
fi
