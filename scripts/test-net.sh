#!/usr/bin/env bash
# The test run's "remote machine": a network namespace joined to this one by a veth pair, so tests
# can put a desk phone, a browser or an attacker on an address of its own. Only the two addresses
# below are ever used (test/helpers/remote.ts names them too), and `down` removes everything.
#   test-net.sh up | down
set -euo pipefail
ns=hotline-remote host_if=hl-host remote_if=hl-remote
host_addr=10.231.0.1 remote_addr=10.231.0.2

down() {
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
}

case "${1:-}" in
  up)
    down
    ip netns add "$ns"
    ip link add "$host_if" type veth peer name "$remote_if"
    ip link set "$remote_if" netns "$ns"
    ip addr add "$host_addr/30" dev "$host_if"
    ip link set "$host_if" up
    ip -n "$ns" addr add "$remote_addr/30" dev "$remote_if"
    ip -n "$ns" link set "$remote_if" up
    ip -n "$ns" link set lo up
    echo "$host_addr"
    ;;
  down) down ;;
  *) echo "usage: test-net.sh up|down" >&2; exit 2 ;;
esac
