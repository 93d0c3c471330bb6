#!/usr/bin/env bash
# npm run stop: stops a development stack left running (services, Asterisk, Redis, PostgreSQL).
set -euo pipefail
exec bash "$(dirname "$0")/stack.sh" down dev
