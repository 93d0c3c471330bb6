# Sourced by stack.sh: the instance's TLS certificate for what agents reach (console, API, stream,
# SIP over TLS). By default the instance makes its own CA once and a server certificate for the
# listen addresses; an operator gives their own with HOTLINE_TLS_CERT and HOTLINE_TLS_KEY (PEM).
# Private keys are mode 0600. Needs $state and $listen (space-separated addresses).
tls_dir="$state/tls"

tls_fingerprint() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2; }

make_ca() {
  [ -s "$tls_dir/ca.crt" ] && [ -s "$tls_dir/ca.key" ] && return 0
  (umask 077; openssl genrsa -out "$tls_dir/ca.key" 2048 2>/dev/null)
  openssl req -x509 -new -key "$tls_dir/ca.key" -sha256 -days 3650 -subj "/O=Hotline/CN=Hotline $instance CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$tls_dir/ca.crt"
}

# A new server certificate whenever the addresses it must name change.
make_server_cert() {
  local sans="IP:127.0.0.1,DNS:localhost" address
  for address in $listen; do sans="$sans,IP:$address"; done
  if [ -s "$tls_dir/server.crt" ] && [ "$(cat "$tls_dir/server.sans" 2>/dev/null)" = "$sans" ]; then return 0; fi
  (umask 077; openssl genrsa -out "$tls_dir/server.key" 2048 2>/dev/null)
  openssl req -new -key "$tls_dir/server.key" -subj "/O=Hotline/CN=${listen%% *}" -out "$tls_dir/server.csr"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$sans" >"$tls_dir/server.ext"
  openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.crt" -CAkey "$tls_dir/ca.key" -CAcreateserial -days 825 -sha256 \
    -extfile "$tls_dir/server.ext" -out "$tls_dir/server.crt" 2>/dev/null
  rm -f "$tls_dir/server.csr" "$tls_dir/server.ext"
  echo "$sans" >"$tls_dir/server.sans"
}

tls_up() {
  mkdir -p "$tls_dir"; chmod 700 "$tls_dir"
  if [ -n "${HOTLINE_TLS_CERT:-}" ]; then
    [ -n "${HOTLINE_TLS_KEY:-}" ] || die "HOTLINE_TLS_CERT needs HOTLINE_TLS_KEY"
    install -m 0644 "$HOTLINE_TLS_CERT" "$tls_dir/server.crt"
    install -m 0600 "$HOTLINE_TLS_KEY" "$tls_dir/server.key"
    cp "$tls_dir/server.crt" "$tls_dir/ca.crt" # what clients should trust: the operator's chain
    rm -f "$tls_dir/server.sans"
  else
    make_ca
    make_server_cert
  fi
  chmod 600 "$tls_dir"/*.key
  chmod 644 "$tls_dir"/*.crt # certificates are public: the CA is to be copied to agent machines
}
