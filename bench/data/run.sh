#!/usr/bin/env bash
# npm run bench:data: the service's read queries on a real PostgreSQL holding a year of calls
# (1M call records, 100k customers, 10k FAQ articles). Arguments go to the bench, e.g.
#   npm run bench:data -- --scale 0.1 --explain
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup.sh
exec node --import tsx bench/data/data.bench.ts "$@"
