#!/usr/bin/env bash
# Installs what a fresh Debian machine needs for the README's two commands: the Debian packages in
# system-packages.txt (only those missing, so a warm machine skips apt entirely) and the npm packages
# from the lockfile. Run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/../.."

mapfile -t wanted < <(grep -Ev '^\s*(#|$)' tools/setup/system-packages.txt)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# `npm install`, not `npm ci`: npm 11 here writes lockfiles without the other platforms' optional
# binaries (@swc/core-darwin-*, ...) and its own `npm ci` then refuses them as out of sync.
# `npm install` installs exactly the lockfile's versions all the same.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install (lockfile versions)"
  npm install --no-audit --no-fund
fi
echo "setup: done"
