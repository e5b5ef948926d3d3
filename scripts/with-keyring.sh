#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service: gnome-keyring on a private D-Bus session
# with a throwaway HOME, so tests use the OS keychain without touching the user's own.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "with-keyring: CI needs dbus-run-session and gnome-keyring-daemon (apt install gnome-keyring dbus-x11)" >&2
    exit 1
  fi
  echo "with-keyring: no dbus-run-session or gnome-keyring-daemon (apt install gnome-keyring dbus-x11); keychain tests will say they are skipped" >&2
  exec "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export KEYRING_HOME="$keyring_home"
dbus-run-session -- bash -c '
  export HOME="$KEYRING_HOME" XDG_DATA_HOME="$KEYRING_HOME/.local/share" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf "deckhand-test" | gnome-keyring-daemon --unlock --components=secrets)"
  export DECKHAND_TEST_KEYRING=1
  "$@"
' with-keyring "$@"
