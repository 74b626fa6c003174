#!/usr/bin/env bash
# npm run bench:calls: call set-up timings of Tsunagu against a bare SIP.js page.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --import tsx bench/calls.bench.ts
