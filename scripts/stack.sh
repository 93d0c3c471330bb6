#!/usr/bin/env bash
# Runs the infrastructure of one stack instance: PostgreSQL, Redis and Asterisk (in the sid
# chroot), each bound to 127.0.0.1 on the instance's own ports, with state under .hotline/<instance>.
#   stack.sh up <instance>     start what is not running (reuses data, secrets and the chroot)
#   stack.sh down <instance>   stop everything the instance started
#   stack.sh env <instance>    print the instance's settings as shell assignments
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/scripts/lib.sh"
# What the stack writes (logs, Asterisk's recordings, configuration) is for its owner alone.
umask 077

action="${1:?usage: stack.sh up|down|env <instance>}"
instance="${2:-dev}"
case "$instance" in
  dev) base=7400 rtp=20000 rtp_ports=1000 ;;
  test) base=7500 rtp=21000 rtp_ports=1000 ;;
  load) base=7600 rtp=22000 rtp_ports=8000 ;; # scripts/load.sh: also gets the app_queue baseline
  *) die "unknown instance '$instance' (dev, test or load)" ;;
esac

state="$here/.hotline/$instance"
ast_dir="/var/lib/hotline/$instance"      # inside the chroot
ast_root="$HOTLINE_CHROOT$ast_dir"         # the same folder seen from the host
control_port=$((base + 80)) ari_port=$((base + 88)) ami_port=$((base + 38)) sip_port=$((base + 60))
redis_port=$((base + 79)) pg_port=$((base + 32))
stasis_app=hotline trunk_match=127.0.0.2 baseline_trunk_match=127.0.0.3
# Callbacks leave through this address; in the demo and the tests a SIPp customer listens there.
callback_trunk=127.0.0.1:$((base + 61))
# SIP authentication failures from one address before it is banned, within how long, and for how long.
ban_max_retry=5 ban_find_secs=600 ban_secs=3600
# The addresses agents reach (npm start -- --listen ADDRESS): none keeps everything on loopback.
# There the console, API and stream are HTTPS, desk phones register over TLS (and UDP only with
# HOTLINE_SIP_UDP=yes). ARI, AMI, PostgreSQL and Redis stay on 127.0.0.1 whatever is set here.
# The choice is kept with the instance, so restarting a part of it (tests do) keeps it;
# `--listen none` goes back to loopback only.
network_file="$state/network.env"
if [ -z "${HOTLINE_LISTEN:-}" ] && [ -f "$network_file" ]; then
  # shellcheck disable=SC1090
  source "$network_file"
fi
listen="${HOTLINE_LISTEN:-}"
[ "$listen" = none ] && listen=""
listen="${listen//,/ }"
sip_udp_remote="${HOTLINE_SIP_UDP:-no}"
sip_tls_port=$((base + 62))
sip_ports="$sip_port"
[ -n "$listen" ] && sip_ports="$sip_port, $sip_tls_port"
# shellcheck source=scripts/fail2ban.sh
source "$here/scripts/fail2ban.sh"
# shellcheck source=scripts/tls.sh
source "$here/scripts/tls.sh"

# Each listen address must be one of this machine's own, and not loopback or a wildcard.
check_listen() {
  local address
  for address in $listen; do
    [[ "$address" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "--listen $address: an IPv4 address of this machine is needed"
    case "$address" in 127.*|0.0.0.0) die "--listen $address: give the address agents reach, not loopback or a wildcard" ;; esac
    ip -4 -o addr show | grep -q " $address/" || die "--listen $address is not an address of this machine (ip -4 addr)"
  done
}

random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' ; }

load_secrets() {
  mkdir -p "$state"
  # Others may pass through (PostgreSQL's own user must reach its folders) but not list or read.
  chmod 711 "$state" "$(dirname "$state")"
  local file="$state/secrets.env"
  if [ ! -f "$file" ]; then
    (umask 077; {
      echo "ari_password=$(random_secret)"
      echo "ami_secret=$(random_secret)"
      echo "pg_password=$(random_secret)"
      echo "redis_password=$(random_secret)"
      echo "session_secret=$(random_secret)$(random_secret)"
      echo "admin_password=$(random_secret)"
    } >"$file")
  fi
  # shellcheck disable=SC1090
  source "$file"
}

# Alive and not a zombie: a killed process nobody has reaped yet still answers kill -0.
pid_alive() {
  local pid
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status"
}

wait_for() { # wait_for <what> <seconds> <command...>
  local what="$1" secs="$2"; shift 2
  for _ in $(seq 1 $((secs * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$what did not come up within ${secs}s"
}

pg_up() {
  local data="$state/pg"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    rm -rf "$data"; mkdir -p "$data"; chown postgres:postgres "$data"; chmod 700 "$data"
    local pw; pw="$(mktemp)"; echo "$pg_password" >"$pw"; chown postgres "$pw"
    runuser -u postgres -- initdb -D "$data" -U hotline --auth=scram-sha-256 --pwfile="$pw" >"$state/pg-init.log" 2>&1 \
      || { rm -f "$pw"; cat "$state/pg-init.log"; die "initdb failed"; }
    rm -f "$pw"
  fi
  if ! pid_alive "$state/pg.pid"; then
    # The server runs as the postgres user, so its socket and log live in a folder it owns.
    mkdir -p "$state/pg-run"; chown postgres "$state/pg-run"
    runuser -u postgres -- pg_ctl -D "$data" -l "$state/pg-run/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$state/pg-run" start >/dev/null
    head -1 "$data/postmaster.pid" >"$state/pg.pid"
  fi
  export PGPASSWORD="$pg_password"
  wait_for PostgreSQL 30 psql -h 127.0.0.1 -p "$pg_port" -U hotline -d postgres -c 'select 1'
  psql -h 127.0.0.1 -p "$pg_port" -U hotline -d postgres -tAc "select 1 from pg_database where datname='hotline'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$pg_port" -U hotline -d postgres -qc 'create database hotline' >/dev/null
}

redis_up() {
  pid_alive "$state/redis.pid" && return 0
  mkdir -p "$state/redis"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis" --requirepass "$redis_password" \
    --appendonly yes --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" \
    --maxmemory-policy noeviction >/dev/null
  wait_for Redis 15 redis-cli -p "$redis_port" -a "$redis_password" --no-auth-warning ping
}

# "<address> => 127.0.0.1" for each global IPv4 address but the listen addresses, which browsers
# elsewhere reach as they are: see asterisk-conf/rtp.conf.
ice_host_candidates() {
  ip -4 -o addr show scope global 2>/dev/null | awk -v keep=" $listen " '{split($4, a, "/"); if (index(keep, " " a[1] " ") == 0) printf "%s => 127.0.0.1\\n", a[1]}'
}

# The transports on the listen addresses, and the certificate they present (readable by Asterisk only).
render_remote_transports() {
  local out="$ast_root/etc/pjsip-remote.conf" n=0 address template
  [ -n "$listen" ] || return 0
  mkdir -p "$ast_root/etc/tls"
  install -m 0600 "$tls_dir/server.crt" "$ast_root/etc/tls/server.crt"
  install -m 0600 "$tls_dir/server.key" "$ast_root/etc/tls/server.key"
  : >"$out"
  for address in $listen; do
    for template in pjsip-tls.conf $([ "$sip_udp_remote" = yes ] && echo pjsip-udp.conf); do
      sed -e "s#{{N}}#$n#g" -e "s#{{LISTEN}}#$address#g" -e "s#{{SIP_TLS_PORT}}#$sip_tls_port#g" -e "s#{{SIP_PORT}}#$sip_port#g" \
        -e "s#{{AST_DIR}}#$ast_dir#g" "$here/asterisk-conf/remote/$template" >>"$out"
    done
    n=$((n + 1))
  done
}

render_asterisk_conf() {
  rm -rf "$ast_root/etc"
  local ice
  ice="$(ice_host_candidates)"
  mkdir -p "$ast_root"/{etc,spool/recording,spool/monitor,run,log,lib,cache}
  chmod 755 "$(dirname "$ast_root")" # /var/lib/hotline in the chroot: Asterisk's user passes through
  chmod 700 "$ast_root" "$ast_root"/{etc,spool,spool/recording,spool/monitor,run,log,lib,cache} # folders made by an older stack too
  local f files=("$here"/asterisk-conf/*.conf)
  if [ "$instance" = load ]; then files+=("$here"/asterisk-conf/app-queue-baseline/*.conf); fi
  for f in "${files[@]}"; do
    sed -e "s#{{AST_DIR}}#$ast_dir#g" -e "s#{{ARI_PORT}}#$ari_port#g" -e "s#{{AMI_PORT}}#$ami_port#g" \
      -e "s#{{SIP_PORT}}#$sip_port#g" -e "s#{{RTP_START}}#$rtp#g" -e "s#{{RTP_END}}#$((rtp + rtp_ports - 1))#g" \
      -e "s#{{PG_PORT}}#$pg_port#g" -e "s#{{PG_DATABASE}}#hotline#g" -e "s#{{PG_USER}}#hotline#g" \
      -e "s#{{PG_PASSWORD}}#$pg_password#g" -e "s#{{ARI_USER}}#hotline#g" -e "s#{{ARI_PASSWORD}}#$ari_password#g" \
      -e "s#{{AMI_USER}}#hotline#g" -e "s#{{AMI_SECRET}}#$ami_secret#g" -e "s#{{CONTROL_PORT}}#$control_port#g" \
      -e "s#{{STASIS_APP}}#$stasis_app#g" -e "s#{{TRUNK_MATCH}}#$trunk_match#g" -e "s#{{BASELINE_TRUNK_MATCH}}#$baseline_trunk_match#g" \
      -e "s#{{CALLBACK_TRUNK}}#$callback_trunk#g" \
      -e "s#{{ICE_HOST_CANDIDATES}}#$ice#g" "$f" >"$ast_root/etc/$(basename "$f")"
  done
  render_remote_transports
  chmod 600 "$ast_root"/etc/*.conf
  chroot "$HOTLINE_CHROOT" chown -R asterisk:asterisk "$ast_dir"
}

# Prompts are spoken by espeak-ng and kept in the chroot, where every instance reads them: one
# folder per language (asterisk-conf/prompts/<language>.txt), each file rendered again only when
# its text changes (the text is kept beside it).
render_prompts() {
  local language voice dir name text tmp
  for language in en zh; do
    case "$language" in en) voice=en-us ;; zh) voice=cmn ;; esac
    dir="$HOTLINE_CHROOT/var/lib/hotline/prompts/$language"
    mkdir -p "$dir"
    chmod 755 "$HOTLINE_CHROOT/var/lib/hotline/prompts" "$dir"
    while IFS='|' read -r name text; do
      case "$name" in ''|'#'*) continue ;; esac
      [ -s "$dir/$name.wav" ] && [ "$(cat "$dir/$name.txt" 2>/dev/null)" = "$text" ] && continue
      tmp="$(mktemp --suffix=.wav)"
      espeak-ng -v "$voice" -s 150 -w "$tmp" "$text"
      sox "$tmp" -r 8000 -c 1 -b 16 "$dir/$name.wav"
      printf '%s' "$text" >"$dir/$name.txt"
      chmod 644 "$dir/$name.wav" "$dir/$name.txt" # prompts are no secret, and Asterisk's own user plays them
      rm -f "$tmp"
    done <"$here/asterisk-conf/prompts/$language.txt"
  done
}

asterisk_cli() { chroot "$HOTLINE_CHROOT" asterisk -C "$ast_dir/etc/asterisk.conf" -rx "$1"; }

asterisk_up() {
  if pid_alive "$state/asterisk.pid"; then return 0; fi
  render_asterisk_conf
  render_prompts
  setsid chroot "$HOTLINE_CHROOT" asterisk -f -U asterisk -G asterisk -C "$ast_dir/etc/asterisk.conf" \
    </dev/null >"$state/asterisk.log" 2>&1 &
  echo $! >"$state/asterisk.pid"
  wait_for Asterisk 60 asterisk_cli 'core waitfullybooted'
}

# The settings for what agents reach: nothing on a loopback-only stack.
remote_settings() {
  [ -n "$listen" ] || { echo '"network": { "listen": [] },'; return 0; }
  local addresses="" address ca=""
  for address in $listen; do addresses="$addresses${addresses:+, }\"$address\""; done
  [ -s "$tls_dir/ca.key" ] && ca=", \"caFile\": \"$tls_dir/ca.crt\""
  echo "\"network\": { \"listen\": [$addresses], \"sipTlsPort\": $sip_tls_port, \"sipUdp\": $([ "$sip_udp_remote" = yes ] && echo true || echo false) },"
  echo "\"tls\": { \"certFile\": \"$tls_dir/server.crt\", \"keyFile\": \"$tls_dir/server.key\"$ca },"
}

write_service_config() {
  touch "$state/hotline.json"; chmod 600 "$state/hotline.json"
  cat >"$state/hotline.json" <<JSON
{
  "instance": "$instance",
  "http": { "host": "127.0.0.1", "port": $control_port },
  "ari": { "url": "http://127.0.0.1:$ari_port", "username": "hotline", "password": "$ari_password", "app": "$stasis_app" },
  "ami": { "host": "127.0.0.1", "port": $ami_port, "username": "hotline", "secret": "$ami_secret" },
  "redis": { "host": "127.0.0.1", "port": $redis_port, "password": "$redis_password" },
  "postgres": { "host": "127.0.0.1", "port": $pg_port, "database": "hotline", "user": "hotline", "password": "$pg_password" },
  "sip": { "host": "127.0.0.1", "port": $sip_port, "trunkAddress": "$trunk_match", "callbackTrunk": "$callback_trunk" },
  "auth": { "sessionSecret": "$session_secret", "adminPassword": "$admin_password" },
  "paths": { "state": "$state", "asteriskRoot": "$ast_root", "chroot": "$HOTLINE_CHROOT" },
  "recordings": { "dir": "$state/recordings", "retentionDays": 180 },
  "outbound": {
    "numberPlan": [
      { "name": "mobile", "pattern": "^1[3-9][0-9]{9}\$", "roles": ["agent", "supervisor", "admin"] },
      { "name": "landline", "pattern": "^0[1-9][0-9]{8,10}\$", "roles": ["agent", "supervisor", "admin"] },
      { "name": "demo customers", "pattern": "^55[0-9]{5,8}\$", "roles": ["agent", "supervisor", "admin"] }
    ]
  },
  $(remote_settings)
  "sipBan": { "fail2banConfig": "$f2b_dir", "jail": "$f2b_jail", "maxRetry": $ban_max_retry, "findTimeSecs": $ban_find_secs, "banTimeSecs": $ban_secs }
}
JSON
}

stop_pidfile() { # stop_pidfile <name> <pidfile>
  local pidfile="$2"
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$action" in
  up)
    [ -f "$HOTLINE_CHROOT/.hotline-ready" ] || die "no Asterisk chroot; run scripts/setup.sh first"
    check_listen
    load_secrets
    printf 'HOTLINE_LISTEN=%q\nHOTLINE_SIP_UDP=%q\n' "${listen:-none}" "$sip_udp_remote" >"$network_file"
    [ -z "$listen" ] || tls_up
    pg_up
    redis_up
    asterisk_up
    fail2ban_up
    write_service_config
    log "$instance stack up: PostgreSQL :$pg_port, Redis :$redis_port, SIP :$sip_port, ARI :$ari_port, AMI :$ami_port; SIP bans after $ban_max_retry failures in $ban_find_secs s, for $ban_secs s${listen:+; agents reach $listen (HTTPS :$control_port, SIP TLS :$sip_tls_port$([ "$sip_udp_remote" = yes ] && echo ", UDP :$sip_port"))}"
    ;;
  down)
    # The standby first: stopped after the leader, it would take the lead on the way down.
    stop_pidfile control-standby "$state/control-standby.pid"
    stop_pidfile control "$state/control.pid"
    for pidfile in "$state"/workers*.pid; do stop_pidfile workers "$pidfile"; done
    fail2ban_down
    stop_pidfile asterisk "$state/asterisk.pid"
    stop_pidfile redis "$state/redis.pid"
    if [ -f "$state/pg/postmaster.pid" ]; then
      runuser -u postgres -- pg_ctl -D "$state/pg" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -f "$state/pg.pid"
    log "$instance stack down"
    ;;
  env)
    echo "HOTLINE_CONFIG=$state/hotline.json"
    ;;
  *) die "unknown action '$action'" ;;
esac
