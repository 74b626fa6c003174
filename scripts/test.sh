#!/usr/bin/env bash
# npm test: install what is missing, then lint, typecheck, unit tests, end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
step "lint";                 npx eslint . --max-warnings=0
step "typecheck";            npx tsc -b --pretty
step "unit (PGlite)";        npx vitest run
step "API on PostgreSQL";    node --import tsx scripts/postgres/with-postgres.ts -- npx vitest run --project node server
step "end-to-end";           npx playwright test
