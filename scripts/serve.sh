#!/usr/bin/env bash
# Builds the playground (scripts/build-site.sh) and serves build/site/ on http://127.0.0.1:8000.
#   scripts/serve.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8000}
scripts/build-site.sh
echo
echo "Shelf is served on http://127.0.0.1:$port/ (Ctrl-C stops it)"
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory build/site
