#!/usr/bin/env bash
# Prepare this checkout: .venv with the pinned requirements, optionally the browser
# that the browser tests drive. Safe to run again: it only does what is missing.
#
#   bash scripts/setup.sh             # .venv + requirements-dev.txt (tests, Playwright)
#   bash scripts/setup.sh --runtime   # .venv + requirements.txt only (to run the app)
#   bash scripts/setup.sh --browser   # also Debian's chromium + fonts-noto-cjk (apt-get, as root)
#                                     # (combinable: --runtime --browser)
#
# Environment: PYTHON (interpreter that creates .venv, default python3).
# Playwright's own browser download is never used: tests drive /usr/bin/chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mode=dev
browser=0
for arg in "$@"; do
    case "$arg" in
        --runtime) mode=runtime ;;
        --browser) browser=1 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done

log() { echo "setup: $*"; }

warn() {
    {
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo "!! WARNING: $*"
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo
    } >&2
}

# --- virtual environment ----------------------------------------------------------
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    command -v "$PYTHON" >/dev/null 2>&1 || { echo "setup: $PYTHON not found" >&2; exit 1; }
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "setup: Python >= 3.11 required, $PYTHON is $("$PYTHON" --version 2>&1)" >&2
        exit 1
    }
    rm -rf "$VENV"
    log "creating .venv with $("$PYTHON" --version 2>&1) ($(command -v "$PYTHON"))"
    "$PYTHON" -m venv "$VENV"
fi

# --- requirements, skipped when the stamp matches ---------------------------------
# A stamp holds the hash of the requirements files it was installed from (plus the
# interpreter version). The dev set includes the runtime set, so a current dev stamp
# also satisfies --runtime.
stamp_hash() {
    { "$VENV/bin/python" -c 'import sys; print(sys.version)'; cat "$@"; } | sha256sum | cut -d' ' -f1
}
runtime_hash="$(stamp_hash requirements.txt)"
dev_hash="$(stamp_hash requirements.txt requirements-dev.txt)"
runtime_stamp="$VENV/.requirements-runtime.sha256"
dev_stamp="$VENV/.requirements-dev.sha256"

stamp_is() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

if [ "$mode" = runtime ]; then
    if stamp_is "$runtime_stamp" "$runtime_hash" || stamp_is "$dev_stamp" "$dev_hash"; then
        log "requirements.txt already installed (stamp matches)"
    else
        log "installing requirements.txt into .venv"
        "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r requirements.txt
        echo "$runtime_hash" >"$runtime_stamp"
    fi
else
    if stamp_is "$dev_stamp" "$dev_hash"; then
        log "requirements-dev.txt already installed (stamp matches)"
    else
        log "installing requirements-dev.txt into .venv"
        "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r requirements-dev.txt
        echo "$dev_hash" >"$dev_stamp"
        echo "$runtime_hash" >"$runtime_stamp"
    fi
fi

# --- browser for the browser tests (Debian packages) -------------------------------
have_chromium() { [ -x /usr/bin/chromium ]; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }

if [ "$browser" = 1 ]; then
    missing=()
    have_chromium || missing+=(chromium)
    command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)   # fc-list, used to check fonts
    have_cjk_font || missing+=(fonts-noto-cjk)
    if [ "${#missing[@]}" -eq 0 ]; then
        log "chromium and a CJK font are present"
    elif [ "$(id -u)" != 0 ]; then
        warn "missing ${missing[*]}, and not root: cannot apt-get install them.
!! Browser tests will SKIP (or FAIL under CI=true). As root run:
!!   apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    elif ! command -v apt-get >/dev/null 2>&1; then
        warn "missing ${missing[*]}, and no apt-get on this machine.
!! Browser tests will SKIP (or FAIL under CI=true). Install Chromium at /usr/bin/chromium
!! and a Chinese font (fc-list :lang=zh must list one)."
    else
        log "installing ${missing[*]} with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        if apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; then
            log "installed ${missing[*]}"
        else
            warn "apt-get install ${missing[*]} FAILED. Browser tests will SKIP (or FAIL under CI=true)."
        fi
    fi
fi

log "done"
