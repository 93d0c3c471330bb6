#!/usr/bin/env bash
# npm test: installs what is missing, starts a fresh test stack (its own ports and state), runs
# every test with tap against it, and stops it again.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
bash scripts/setup.sh
bash scripts/stack.sh down test >/dev/null 2>&1 || true
rm -rf .hotline/test
trap 'bash scripts/stack.sh down test; bash scripts/test-net.sh down' EXIT
# Agents "on another machine" sit in a network namespace; the stack listens for them on the host's
# end of its veth pair, over TLS, and over UDP too so that the ban tests can speak plain SIP.
HOTLINE_LISTEN="$(bash scripts/test-net.sh up)" HOTLINE_SIP_UDP=yes bash scripts/stack.sh up test
export HOTLINE_CONFIG="$here/.hotline/test/hotline.json"
npx tsx services/control/src/cli/prepare-db.ts
npx tap "$@"
