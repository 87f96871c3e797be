#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what Kiro Tray needs on Debian/Ubuntu when it is missing.
# Usage: scripts/deps.sh build|test|bench|package|chroot  (package: the checks of scripts/package; chroot: its --chroot)
# Idempotent and quiet when nothing is missing.
set -euo pipefail

what="${1:-build}"
build_pkgs=(cmake ninja-build g++ pkg-config ccache
            qt6-base-dev qt6-svg-dev qtkeychain-qt6-dev
            qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev)
test_pkgs=(clang-format clang-14 libfuzzer-14-dev xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools nodejs npm tint2 x11-utils xdotool imagemagick openssl
           fonts-noto-cjk socat)
bench_pkgs=(nodejs npm socat)
# systemd only for systemd-analyze: installing the package does not make it PID 1 (systemd-sysv would) and its
# postinst copes with a machine or container booted without it.
package_pkgs=(dpkg-dev lintian desktop-file-utils appstream systemd groff-base)
chroot_pkgs=(mmdebstrap curl ca-certificates)

pkgs=("${build_pkgs[@]}")
if [[ "$what" == "test" ]]; then
    pkgs+=("${test_pkgs[@]}")
elif [[ "$what" == "bench" ]]; then
    pkgs+=("${bench_pkgs[@]}")
elif [[ "$what" == "package" ]]; then
    pkgs+=("${package_pkgs[@]}")
elif [[ "$what" == "chroot" ]]; then
    pkgs=("${chroot_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: not a Debian/Ubuntu system; install these yourself: ${pkgs[*]}" >&2
    exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        # npm ships inside the nodejs package on some distributions (NodeSource); accept a working npm.
        if [[ "$p" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
        if [[ "$p" == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: missing packages (${missing[*]}) and no sudo; install them as root" >&2; exit 1
    fi
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
