#!/usr/bin/env bash
# npm start: install what is missing, then run Kamailio and the app on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --import tsx scripts/start.ts
