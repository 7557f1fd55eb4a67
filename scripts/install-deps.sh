#!/usr/bin/env bash
# Install what the test suite needs, and only what is missing.
# Safe to run again and again: each step checks first.
#   apt:   chromium chromium-driver firefox-esr binaryen openssl zip
#   cargo: geckodriver (Firefox WebDriver)
#   npm:   the devDependencies in package.json (npm ci when a lockfile exists)
# The wasm target and wasm-bindgen-cli are installed by build.sh itself.
# Browsers are Debian's: no tool is ever allowed to download its own browser.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[install-deps] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages -------------------------------------------------------
APT_PACKAGES=(chromium chromium-driver firefox-esr binaryen openssl zip)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  log "apt: all present (${APT_PACKAGES[*]})"
fi

# --- geckodriver -------------------------------------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
if command -v geckodriver >/dev/null 2>&1; then
  log "geckodriver: present ($(geckodriver --version 2>/dev/null | head -n1))"
else
  log "geckodriver: cargo install geckodriver (about 2 minutes)"
  # --locked has failed here before (a locked dependency missing from the
  # registry); without it the install works.
  cargo install geckodriver
fi

# --- npm ---------------------------------------------------------------------
if [ -f package.json ]; then
  stamp=node_modules/.package-lock.json
  if [ -f package-lock.json ]; then
    if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt package.json ]; then
      log "npm: node_modules up to date"
    else
      log "npm: npm ci"
      npm ci --no-audit --no-fund
    fi
  else
    if [ -f "$stamp" ] && [ "$stamp" -nt package.json ]; then
      log "npm: node_modules up to date (no lockfile)"
    else
      log "npm: npm install (no lockfile)"
      npm install --no-audit --no-fund
    fi
  fi
else
  log "npm: no package.json yet, nothing to install"
fi

log "done"
