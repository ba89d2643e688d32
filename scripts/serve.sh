#!/usr/bin/env bash
# Builds the playground (scripts/build-site.sh) and serves build/site/ on http://127.0.0.1:8000
# with the site's Content-Security-Policy header (scripts/static-server.mjs).
#   scripts/serve.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8000}
scripts/build-site.sh
echo
exec node scripts/static-server.mjs build/site "$port" 127.0.0.1
