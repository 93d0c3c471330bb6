#!/usr/bin/env bash
# Installs whatever the stack needs and is missing: Debian packages, the Asterisk 22 chroot
# (Debian sid, built once and reused), and npm dependencies. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/scripts/lib.sh"

# chromium drives the consoles' browser tests (playwright-core, no browser download).
host_packages=(redis-server postgresql debootstrap sip-tester espeak-ng sox iproute2 procps chromium)

install_host_packages() {
  local missing=()
  for p in "${host_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The mirror comes from this machine's own apt sources, never from the repository.
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri="$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)"
  fi
  [ -n "$uri" ] || die "no Debian mirror found in the apt sources"
  echo "$uri"
}

build_chroot() {
  local marker="$HOTLINE_CHROOT/.hotline-ready"
  [ -f "$marker" ] && return 0
  local mirror tmp
  mirror="$(debian_mirror)"
  tmp="$HOTLINE_CHROOT.partial"
  log "building the Asterisk chroot (Debian sid) in $HOTLINE_CHROOT"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$HOTLINE_CHROOT")"
  debootstrap --variant=minbase \
    --include=asterisk,asterisk-modules,asterisk-core-sounds-en-gsm,asterisk-moh-opsound-gsm \
    sid "$tmp" "$mirror" >"$tmp.log" 2>&1 || { tail -20 "$tmp.log"; die "debootstrap failed"; }
  rm -f "$tmp.log"
  rm -rf "$HOTLINE_CHROOT"
  mv "$tmp" "$HOTLINE_CHROOT"
  touch "$marker"
}

install_npm_packages() {
  local stamp="$here/node_modules/.hotline-lock"
  if [ -f "$stamp" ] && cmp -s "$here/package-lock.json" "$stamp"; then return 0; fi
  log "installing npm packages"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
}

# The web console is static files served by the control service; esbuild makes them in about a second.
build_console() {
  (cd "$here" && node_modules/.bin/tsx services/console/build.ts)
}

install_host_packages
build_chroot
install_npm_packages
build_console
