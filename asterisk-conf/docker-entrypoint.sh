#!/bin/sh
# Container start: render the same templates scripts/stack.sh renders, from environment variables.
set -eu
ast_dir=/var/lib/hotline/compose
mkdir -p "$ast_dir/etc" "$ast_dir/spool/recording" "$ast_dir/run" "$ast_dir/log" "$ast_dir/lib" "$ast_dir/cache" /var/lib/hotline/prompts
for f in /opt/hotline/asterisk-conf/*.conf; do
  sed -e "s#{{AST_DIR}}#$ast_dir#g" -e "s#{{ARI_PORT}}#$ARI_PORT#g" -e "s#{{AMI_PORT}}#$AMI_PORT#g" \
    -e "s#{{SIP_PORT}}#$SIP_PORT#g" -e "s#{{RTP_START}}#$RTP_START#g" -e "s#{{RTP_END}}#$RTP_END#g" \
    -e "s#{{PG_PORT}}#$PG_PORT#g" -e "s#{{PG_DATABASE}}#hotline#g" -e "s#{{PG_USER}}#hotline#g" \
    -e "s#{{PG_PASSWORD}}#$PG_PASSWORD#g" -e "s#{{ARI_USER}}#hotline#g" -e "s#{{ARI_PASSWORD}}#$ARI_PASSWORD#g" \
    -e "s#{{AMI_USER}}#hotline#g" -e "s#{{AMI_SECRET}}#$AMI_SECRET#g" -e "s#{{CONTROL_PORT}}#$CONTROL_PORT#g" \
    -e "s#{{STASIS_APP}}#hotline#g" -e "s#{{TRUNK_MATCH}}#$TRUNK_MATCH#g" -e "s#{{CALLBACK_TRUNK}}#${CALLBACK_TRUNK:-127.0.0.1:5061}#g" -e "s#{{ICE_HOST_CANDIDATES}}##g" "$f" >"$ast_dir/etc/$(basename "$f")"
done
for language in en zh; do
  voice=en-us
  [ "$language" = zh ] && voice=cmn
  mkdir -p "/var/lib/hotline/prompts/$language"
  grep -v '^#' "/opt/hotline/asterisk-conf/prompts/$language.txt" | while IFS='|' read -r name text; do
    [ -n "$name" ] || continue
    espeak-ng -v "$voice" -s 150 -w /tmp/prompt.wav "$text" && sox /tmp/prompt.wav -r 8000 -c 1 -b 16 "/var/lib/hotline/prompts/$language/$name.wav"
  done
done
chown -R asterisk:asterisk "$ast_dir"
exec asterisk -f -U asterisk -G asterisk -C "$ast_dir/etc/asterisk.conf"
