#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring (never the user's own).
#   scripts/with-keyring.sh CMD [ARGS...]
set -euo pipefail
if [[ "${KIRO_IN_KEYRING:-}" != 1 ]]; then
    tmp="$(mktemp -d /tmp/kiro-keyring.XXXXXX)"
    trap 'rm -rf "$tmp"' EXIT
    export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run" KIRO_IN_KEYRING=1
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    exec dbus-run-session -- bash "$0" "$@"
fi
# Inside the session: start the secrets component with a throwaway password, which creates and unlocks the login keyring.
eval "$(printf 'kiro-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
"$@"
