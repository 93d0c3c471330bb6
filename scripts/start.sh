#!/usr/bin/env bash
# npm start: installs what is missing and runs the whole stack on 127.0.0.1 with the demo
# configuration. Ctrl-C stops everything; `npm run stop` stops a stack left running.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
bash scripts/setup.sh
state="$here/.hotline/dev"
# A previous run's services may still hold their ports: stop them, keep the data.
for name in control workers; do
  if [ -f "$state/$name.pid" ]; then kill -TERM "$(cat "$state/$name.pid")" 2>/dev/null || true; rm -f "$state/$name.pid"; fi
done
bash scripts/stack.sh up dev
export HOTLINE_CONFIG="$state/hotline.json"
npx tsx services/control/src/cli/prepare-db.ts --demo

stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  bash "$here/scripts/stack.sh" down dev
  exit 0
}
trap stop_all INT TERM EXIT

npx tsx services/workers/src/main.ts >>"$state/workers.log" 2>&1 &
echo $! >"$state/workers.pid"
npx tsx services/control/src/server.ts >>"$state/control.log" 2>&1 &
echo $! >"$state/control.pid"
npx tsx services/control/src/cli/welcome.ts
log "logs: $state/{control,workers,asterisk}.log — Ctrl-C stops the stack"
wait
