#!/usr/bin/env bash
# Installs whatever the stack needs and is missing: Debian packages, the Asterisk 22 chroot
# (Debian sid, built once and reused), and npm dependencies. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/scripts/lib.sh"

# Long steps report what they do, as "step k of n", and how long they have been at it.
steps_total=4
step_started=0
step() { # step <k> <what>
  step_started=$SECONDS
  log "step $1 of $steps_total: $2"
}
# run_with_clock <what> <command...>: prints the elapsed time every 15 s while a long command runs,
# on the terminal's stderr (fd 3) even where the command's own output is sent to a log file.
exec 3>&2
run_with_clock() {
  local what="$1"; shift
  "$@" &
  local pid=$! rc=0
  while kill -0 "$pid" 2>/dev/null; do
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && log "  … $what: $((SECONDS - step_started)) s" 2>&3
  done
  wait "$pid" || rc=$?
  return $rc
}

# chromium drives the consoles' browser tests (playwright-core, no browser download); fail2ban and
# nftables ban addresses that keep failing SIP authentication; openssl makes the instance's CA;
# baresip is the remote desk phone of the TLS tests, certutil gives their browser its trust store.
host_packages=(redis-server postgresql debootstrap sip-tester espeak-ng sox iproute2 procps chromium fail2ban nftables openssl baresip libnss3-tools)

install_host_packages() {
  local missing=()
  for p in "${host_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step 1 "installing Debian packages: ${missing[*]}"
  run_with_clock "reading the package lists" apt-get update -qq
  run_with_clock "installing" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "  Debian packages installed in $((SECONDS - step_started)) s"
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
  step 2 "building the Asterisk 22 chroot (Debian sid) in $HOTLINE_CHROOT, about a minute, once"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$HOTLINE_CHROOT")"
  run_with_clock "debootstrap (log: $tmp.log)" debootstrap --variant=minbase \
    --include=asterisk,asterisk-modules,asterisk-core-sounds-en-gsm,asterisk-moh-opsound-gsm \
    sid "$tmp" "$mirror" >"$tmp.log" 2>&1 || { tail -20 "$tmp.log"; die "debootstrap failed"; }
  rm -f "$tmp.log"
  rm -rf "$HOTLINE_CHROOT"
  mv "$tmp" "$HOTLINE_CHROOT"
  touch "$marker"
  log "  chroot ready in $((SECONDS - step_started)) s"
}

# The chroot's asterisk user must not share a uid or gid with a user of this machine (Debian hands
# out both from the same dynamic range), or that user could read the calls Asterisk writes.
ensure_asterisk_ids() {
  local uid gid new=7470
  uid="$(chroot "$HOTLINE_CHROOT" id -u asterisk)"
  gid="$(chroot "$HOTLINE_CHROOT" id -g asterisk)"
  getent passwd "$uid" >/dev/null || getent group "$gid" >/dev/null || return 0
  while getent passwd "$new" >/dev/null || getent group "$new" >/dev/null \
    || chroot "$HOTLINE_CHROOT" getent passwd "$new" >/dev/null || chroot "$HOTLINE_CHROOT" getent group "$new" >/dev/null; do
    new=$((new + 1))
  done
  log "giving the chroot's asterisk user ids of its own (uid $uid, gid $gid → $new)"
  chroot "$HOTLINE_CHROOT" groupmod -g "$new" asterisk
  chroot "$HOTLINE_CHROOT" usermod -u "$new" -g "$new" asterisk
  find "$HOTLINE_CHROOT" -xdev -uid "$uid" -exec chown -h "$new" {} +
  find "$HOTLINE_CHROOT" -xdev -gid "$gid" -exec chgrp -h "$new" {} +
}

install_npm_packages() {
  local stamp="$here/node_modules/.hotline-lock"
  if [ -f "$stamp" ] && cmp -s "$here/package-lock.json" "$stamp"; then return 0; fi
  step 3 "installing npm packages (npm ci)"
  (cd "$here" && run_with_clock "npm ci" npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
}

# The web console is static files served by the control service; esbuild makes them in about a second.
build_console() {
  step 4 "building the web console"
  (cd "$here" && node_modules/.bin/tsx services/console/build.ts)
}

install_host_packages
build_chroot
ensure_asterisk_ids
install_npm_packages
build_console
