#!/usr/bin/env bash
# npm start: installs what is missing and runs the whole stack on 127.0.0.1 with the demo
# configuration. Ctrl-C stops everything; `npm run stop` stops a stack left running.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# npm start -- --listen ADDRESS[,ADDRESS]: agents on other machines reach the stack there (HTTPS,
# SIP over TLS with SRTP; kept for later starts, --listen none ends it); --sip-udp also opens SIP
# over UDP there; --cert FILE --key FILE gives the
# operator's own certificate instead of one from the stack's own CA; --standby PORT also runs a
# standby control instance on that port, which leads by itself when the first one dies; --workers N
# runs N worker processes.
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) export HOTLINE_LISTEN="${2:?--listen needs an address}"; shift 2 ;;
    --sip-udp) export HOTLINE_SIP_UDP=yes; shift ;;
    --cert) export HOTLINE_TLS_CERT="${2:?--cert needs a file}"; shift 2 ;;
    --key) export HOTLINE_TLS_KEY="${2:?--key needs a file}"; shift 2 ;;
    --standby) export HOTLINE_STANDBY="${2:?--standby needs a port}"; shift 2 ;;
    --workers) export HOTLINE_WORKERS="${2:?--workers needs a number}"; shift 2 ;;
    *) die "unknown option $1 (--listen ADDRESS, --sip-udp, --cert FILE --key FILE, --standby PORT, --workers N)" ;;
  esac
done
[[ "${HOTLINE_WORKERS:-1}" =~ ^[1-9][0-9]?$ ]] || die "--workers must be a number from 1 to 99"
[[ "${HOTLINE_STANDBY:-1}" =~ ^[1-9][0-9]{0,4}$ ]] || die "--standby must be a port number"
bash scripts/setup.sh
state="$here/.hotline/dev"
mkdir -p "$state"
# A previous run may still hold the ports: stop it (its own trap brings its stack down), keep the data.
if [ -f "$state/start.pid" ] && kill -0 "$(cat "$state/start.pid")" 2>/dev/null; then
  previous="$(cat "$state/start.pid")"
  log "stopping the previous run (pid $previous)"
  kill -TERM "$previous" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$previous" 2>/dev/null || break; sleep 0.2; done
fi
bash scripts/stack.sh down dev >/dev/null 2>&1 || true
echo $$ >"$state/start.pid"
bash scripts/stack.sh up dev
export HOTLINE_CONFIG="$state/hotline.json"
npx tsx services/control/src/cli/prepare-db.ts --demo

stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  bash "$here/scripts/stack.sh" down dev
  rm -f "$state/start.pid"
  exit 0
}
trap stop_all INT TERM EXIT

start_services "$state"
npx tsx services/control/src/cli/welcome.ts
log "logs: $state/{control,workers,asterisk}.log — Ctrl-C stops the stack"
wait
