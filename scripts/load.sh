#!/usr/bin/env bash
# npm run load: Hotline and plain app_queue under the same SIPp load on one Asterisk, side by side.
# Starts a fresh "load" stack instance (its own ports and state) with the control service and the
# workers, runs scripts/load/run.ts with the given options, and stops the instance again.
#   npm run load -- --rates 1,2,4,8 --secs 60 --agents 40 --talk 8
#   npm run load -- --soak-mins 30 --soak-rate 1
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
bash scripts/setup.sh
state="$here/.hotline/load"
bash scripts/stack.sh down load >/dev/null 2>&1 || true
rm -rf "$state"
trap 'bash scripts/stack.sh down load' EXIT
bash scripts/stack.sh up load
export HOTLINE_CONFIG="$state/hotline.json"
npx tsx services/control/src/cli/prepare-db.ts --demo
start_services "$state"
control_port="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).http.port)' "$HOTLINE_CONFIG")"
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$control_port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$control_port/healthz" >/dev/null || die "the control service did not become healthy; see $state/control.log"
npx tsx scripts/load/run.ts "$@"
