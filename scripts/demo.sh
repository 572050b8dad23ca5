#!/usr/bin/env bash
# Runs the NYC flow end to end on the bundled sample data: throwaway PostGIS clusters for the flow and API databases,
# the samples served by a loopback S3 server, then `flow --domain all`. No credentials needed; data under .demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f target/runner.jar ] || [ -n "$(find src pom.xml -newer target/runner.jar -print -quit)" ]; then
  mvn -B -ntp -q package -DskipTests
fi
exec java -jar target/runner.jar demo "$@"
