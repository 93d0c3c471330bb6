# Sourced by stack.sh: the instance's own fail2ban server, which bans addresses that keep failing
# SIP authentication (see asterisk-conf/fail2ban). Needs $here, $state, $ast_root, $instance,
# $sip_ports and the ban_* settings.
f2b_dir="$state/fail2ban"
f2b_jail=hotline-sip
nft_table="hotline_$instance"

f2b_client() { fail2ban-client -c "$f2b_dir" "$@"; }

render_fail2ban_conf() {
  rm -rf "$f2b_dir"/{filter.d,action.d}
  mkdir -p "$f2b_dir"/{filter.d,action.d}
  chmod 700 "$f2b_dir"
  # Debian's filter for Asterisk, as the fail2ban package ships it.
  cp /etc/fail2ban/filter.d/common.conf /etc/fail2ban/filter.d/asterisk.conf "$f2b_dir/filter.d/"
  local f out
  for f in "$here"/asterisk-conf/fail2ban/*.conf "$here"/asterisk-conf/fail2ban/action.d/*.conf; do
    out="$f2b_dir/${f#"$here"/asterisk-conf/fail2ban/}"
    sed -e "s#{{F2B_DIR}}#$f2b_dir#g" -e "s#{{BAN_JAIL}}#$f2b_jail#g" -e "s#{{AST_LOG_DIR}}#$ast_root/log#g" \
      -e "s#{{BAN_MAX_RETRY}}#$ban_max_retry#g" -e "s#{{BAN_FIND_SECS}}#$ban_find_secs#g" -e "s#{{BAN_SECS}}#$ban_secs#g" \
      -e "s#{{NFT_TABLE}}#$nft_table#g" -e "s#{{SIP_PORTS}}#$sip_ports#g" "$f" >"$out"
  done
}

fail2ban_up() {
  f2b_client ping >/dev/null 2>&1 && return 0
  render_fail2ban_conf
  # The jail reads Asterisk's security log; it must exist before the jail starts. A fresh state (no
  # fail2ban database) starts from an empty log: the chroot's log folder outlives the state of an
  # instance, and failures recorded for an earlier incarnation must not ban anyone now.
  [ -f "$f2b_dir/fail2ban.sqlite3" ] || : >"$ast_root/log/security.log"
  touch "$ast_root/log/security.log"
  f2b_client -x start >/dev/null
  wait_for fail2ban 30 f2b_client status "$f2b_jail"
}

fail2ban_down() {
  [ -f "$f2b_dir/fail2ban.conf" ] || return 0
  f2b_client stop >/dev/null 2>&1 || true
  nft delete table inet "$nft_table" 2>/dev/null || true
}
