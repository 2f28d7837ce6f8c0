#!/usr/bin/env bash
# Run the whole test suite: unit, integration (local engine), PostgreSQL and browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/system_deps.sh || echo "warning: system packages could not be installed; tests that need them will say so"
.venv/bin/ruff check ingest nlp search_api tests scripts || exit 1
exec .venv/bin/pytest -q "$@"
