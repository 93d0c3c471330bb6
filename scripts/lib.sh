# Shared by the stack scripts: where things live and how to report.
HOTLINE_CHROOT="${HOTLINE_CHROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/hotline/asterisk-sid}"
export HOTLINE_CHROOT
log() { printf '[hotline] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
