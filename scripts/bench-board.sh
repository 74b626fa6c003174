#!/usr/bin/env bash
# npm run bench:board: the supervisor board with 500–5000 agents under 50–1000 live events/s in
# Debian's Chromium (frame times, event → row delay, DOM rows, heap, correctness). Arguments go
# to the bench, e.g.  npm run bench:board -- --agents 2000 --rates 200 --seconds 5
# Run it under the Playwright lock when e2e runs may be going: flock /tmp/playwright.lock npm run bench:board
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --import tsx bench/board/board.bench.ts "$@"
