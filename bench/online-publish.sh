#!/usr/bin/env bash
# API read latency during a publish, at NYC scale: truncate-and-copy (settings.publishMode: truncate, the old way)
# against shadow tables swapped in (publishMode: swap, the default), alternating in the same run.
#
#   bench/online-publish.sh [LOTS]       default 860,000 tax lots; ROUNDS=2 populates per mode
#   ROUNDS=1 bench/online-publish.sh 50000    quick check
#
# Inputs are those of bench/nyc-bench.sh (generated once into target/bench-nyc/ and reused). The flow runs once on a
# throwaway cluster (downloads and converted files from a `demo` run); then, per round and mode, a probe reads one
# tax lot by key every 20 ms (pgbench -R 50, one client; a read's latency counts from its scheduled start, so a read
# that queues behind a lock and the reads scheduled behind it all show their wait) for 5 s before the populate,
# during it, and for 5 s after, while `--step pg:target:populate` publishes the same model again.
# A read counts as "during" when it overlaps the populate step (from its [1/1] line to its OK line).
# Prints, per mode: the populate's best time, and the slowest read and the 99th percentile during and outside it.
set -euo pipefail
LOTS=${1:-860000}
ROUNDS=${ROUNDS:-2}
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/target/runner.jar
DATA=$ROOT/target/bench-nyc
SAMPLES=$DATA/samples-$LOTS
for tool in ogr2ogr psql zip java; do
  command -v $tool >/dev/null || { echo "$tool missing (apt-get install gdal-bin postgresql-client zip default-jdk)" >&2; exit 1; }
done
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then mvn -B -ntp -q package -DskipTests; fi

WORK=$(mktemp -d /tmp/dataflow-online-publish.XXXXXX)
trap 'rm -rf "$WORK"' EXIT   # until start_cluster's own trap takes over
. bench/lib.sh
PGBENCH=$PGBIN/pgbench

if [ ! -f "$SAMPLES/.complete" ]; then
  echo "generating inputs for $LOTS tax lots in $DATA (kept for later runs)..."
  mkdir -p "$DATA"
  rm -rf "$DATA/src-$LOTS" "$SAMPLES"
  java bench/GenerateNyc.java "$LOTS" "$DATA/src-$LOTS"
  java bench/GenerateCbbr.java "$DATA/src-$LOTS"   # the same inputs as bench/nyc-bench.sh: every domain of today's flow
  java bench/GenerateFacilities.java "${FACILITIES:-30000}" "$DATA/src-$LOTS"
  SAMPLE_SRC=$DATA/src-$LOTS SAMPLE_OUT=$SAMPLES bash examples/generate-samples.sh >/dev/null
  rm -rf "$DATA/src-$LOTS"
  touch "$SAMPLES/.complete"
fi

echo "downloading and converting the inputs once (demo on a cluster of its own)..."
java -jar "$JAR" demo --samples "$SAMPLES" --dir "$WORK/demo" >"$WORK/demo.out" 2>&1 || { cat "$WORK/demo.out" >&2; exit 1; }

PG_SETTINGS="-c max_connections=100" start_cluster
psql -X -q -d postgres -c "CREATE DATABASE flow" -c "CREATE DATABASE zoning_api"
psql -X -q -v ON_ERROR_STOP=1 -d zoning_api -f examples/zoning-api/schema.sql >/dev/null

# One pipeline file per mode, beside pipeline.yaml so its relative folders hold; removed on exit.
for mode in truncate swap; do
  sed "s/^settings:\$/settings:\n  publishMode: $mode/" pipeline.yaml >".online-publish-$mode.yaml"
done
trap 'rm -f "$ROOT"/.online-publish-*.yaml; stop_cluster' EXIT
export FLOW_DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/flow"
export TARGET_DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/zoning_api"
export DATAFLOW_DOWNLOAD_DIR=$WORK/demo/download DATAFLOW_CONVERT_DIR=$WORK/demo/convert
export DO_SPACES_ENDPOINT=http://127.0.0.1:9 DO_SPACES_ACCESS_KEY=unused DO_SPACES_SECRET_KEY=unused
export DATAFLOW_PROGRESS=never

echo "running the flow once (truncate mode)..."
java -jar "$JAR" --pipeline .online-publish-truncate.yaml --from pg:flow:configure >"$WORK/flow.out" 2>&1 \
  || { cat "$WORK/flow.out" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d zoning_api -c "CREATE TABLE bench_probe AS
  SELECT row_number() OVER () - 1 AS n, bbl FROM (SELECT bbl FROM tax_lot ORDER BY random() LIMIT 1000) s;
  ALTER TABLE bench_probe ADD PRIMARY KEY (n)"
cat >"$WORK/probe.sql" <<'SQL'
\set n random(0, 999)
SELECT t.bbl, t.address, t.land_use_id FROM bench_probe p JOIN tax_lot t ON t.bbl = p.bbl WHERE p.n = :n;
SQL
LOT_COUNT=$(psql -X -At -d zoning_api -c "SELECT count(*) FROM tax_lot")
echo "API: $LOT_COUNT tax lots; $(psql -X -At -d zoning_api -c "SELECT pg_size_pretty(pg_database_size('zoning_api'))")"

# populate MODE ROUND: one populate with the probe running; its lines stamped with the time they arrive.
populate() {
  local mode=$1 round=$2 out=$WORK/populate-$1-$2.out
  local duration=$(( 10 + EST * 2 ))
  (cd "$WORK" && exec "$PGBENCH" -n -c 1 -j 1 -R 50 -T "$duration" -l --log-prefix="probe-$mode-$round" \
    -f "$WORK/probe.sql" zoning_api >"$WORK/pgbench-$mode-$round.out" 2>&1) &
  local probe=$!
  sleep 5
  java -jar "$JAR" --pipeline ".online-publish-$mode.yaml" --step pg:target:populate --force --verbose 2>&1 \
    | while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done >"$out"
  grep -q "pg:target:populate .*OK" "$out" || { cat "$out" >&2; echo "populate failed" >&2; exit 1; }
  wait $probe || { cat "$WORK/pgbench-$mode-$round.out" >&2; echo "the probe failed" >&2; exit 1; }
  local start end
  start=$(grep -E '^\S+ \[1/1\] pg:target:populate' "$out" | head -1 | cut -d' ' -f1)
  end=$(grep -E '^\S+ \[1/1\] pg:target:populate .*OK' "$out" | head -1 | cut -d' ' -f1)
  echo "$mode $round $start $end $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}')" >>"$WORK/windows"
  cat "$WORK"/probe-$mode-$round.* | awk -v m="$mode" -v a="$start" -v b="$end" \
    '{lat=$3/1e6; e=$5+$6/1e6; s=e-lat; print m, (s<=b && e>=a ? "during" : "outside"), lat}' >>"$WORK/reads"
}

: >"$WORK/windows"
: >"$WORK/reads"
echo "warm-up populate (swap), which also sizes the probe's run..."
t0=$(now)
java -jar "$JAR" --pipeline .online-publish-swap.yaml --step pg:target:populate --force >"$WORK/warm-up.out" 2>&1 \
  || { cat "$WORK/warm-up.out" >&2; exit 1; }
EST=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%d", b - a + 1}')
for round in $(seq 1 "$ROUNDS"); do
  for mode in truncate swap; do
    echo "round $round: $mode..."
    populate "$mode" "$round"
  done
done

# stats MODE WHEN: reads, slowest and 99th percentile in ms
stats() {
  awk -v m="$1" -v w="$2" '$1==m && $2==w {print $3*1000}' "$WORK/reads" | sort -n | awk '
    {v[NR]=$1} END{ if (NR==0) {print "0 - -"; exit} i=int(NR*0.99+0.999); if (i<1) i=1; if (i>NR) i=NR;
                    printf "%d %.1f %.1f\n", NR, v[NR], v[i] }'
}
echo
echo "online publish at $LOT_COUNT tax lots, $ROUNDS round(s) per mode, probe: one read every 20 ms"
printf '%-10s %12s %10s %14s %12s %10s %14s %12s\n' mode "populate s" "reads in" "slowest in ms" "p99 in ms" \
  "reads out" "slowest out ms" "p99 out ms"
for mode in truncate swap; do
  best=$(awk -v m="$mode" '$1==m {print $5}' "$WORK/windows" | sort -n | head -1)
  read -r n1 max1 p1 <<<"$(stats "$mode" during)"
  read -r n2 max2 p2 <<<"$(stats "$mode" outside)"
  printf '%-10s %12s %10s %14s %12s %10s %14s %12s\n' "$mode" "$best" "$n1" "$max1" "$p1" "$n2" "$max2" "$p2"
  printf -v "BEST_$mode" '%s' "$best"
done
echo "populate time swap/truncate: $(ratio "$BEST_swap" "$BEST_truncate")x (best of $ROUNDS each)"
grep -h ' time: ' "$WORK"/populate-swap-*.out | tail -1 | sed 's/^[0-9.]* /swap phases:/'
grep -h ' time: ' "$WORK"/populate-truncate-*.out | tail -1 | sed 's/^[0-9.]* /truncate phases:/'
