# Shared by the stack scripts: where things live and how to report.
HOTLINE_CHROOT="${HOTLINE_CHROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/hotline/asterisk-sid}"
export HOTLINE_CHROOT
log() { printf '[hotline] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
# start_services <state dir>: the workers and the control service in the background, logs and
# pid files in the state dir (where `stack.sh down` finds them). HOTLINE_CONFIG must be set.
# HOTLINE_STANDBY=PORT also starts a standby control instance on that port, which takes the lead
# by itself when the first one dies (services/control/src/server.ts); HOTLINE_WORKERS=N starts N
# worker processes (one by default), which share the queues in Redis.
start_services() {
  umask 077 # their logs speak of calls and people: for the owner only
  node --import tsx services/workers/src/main.ts >>"$1/workers.log" 2>&1 &
  echo $! >"$1/workers.pid"
  for n in $(seq 2 "${HOTLINE_WORKERS:-1}"); do
    node --import tsx services/workers/src/main.ts >>"$1/workers-$n.log" 2>&1 &
    echo $! >"$1/workers-$n.pid"
  done
  node --import tsx services/control/src/server.ts >>"$1/control.log" 2>&1 &
  echo $! >"$1/control.pid"
  if [ -n "${HOTLINE_STANDBY:-}" ]; then
    HOTLINE_HTTP_PORT="$HOTLINE_STANDBY" node --import tsx services/control/src/server.ts >>"$1/control-standby.log" 2>&1 &
    echo $! >"$1/control-standby.pid"
  fi
}
