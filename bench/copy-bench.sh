#!/usr/bin/env bash
# Benchmark for pg:source:load and pg:target:populate against the standard tools, in the same run on the same
# databases: `psql \copy` of the same CSV, and a binary COPY pipe (psql | psql) between the flow and target databases.
# Usage: bench/copy-bench.sh [ROWS]   (default 300000 rows with a polygon geometry column; ROUNDS=5 rounds each)
# Both sides of each comparison start from the same state: the pipe, like our populate, reads a model table the
# transform has just refilled (a fresh table costs its first reader hint-bit writes), and autovacuum is off so that it
# cannot wake up in the middle of one side's round only. Rounds alternate ours/theirs; the best of each is compared.
set -euo pipefail
ROWS=${1:-300000}
ROUNDS=${ROUNDS:-5}
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ ! -f target/runner.jar ] || [ -n "$(find src pom.xml -newer target/runner.jar -print -quit)" ]; then mvn -B -ntp -q package -DskipTests; fi
WORK=$(mktemp -d /tmp/dataflow-copy-bench.XXXXXX)
. bench/lib.sh
PG_SETTINGS=${PG_SETTINGS:-"-c max_wal_size=4GB -c shared_buffers=512MB -c autovacuum=off"}
start_cluster
psql -q -d postgres -c "CREATE DATABASE flow" -c "CREATE DATABASE target"
for db in flow target; do psql -q -d $db -c "CREATE EXTENSION postgis"; done

DDL="(bbl text PRIMARY KEY, borough char(2) NOT NULL, block integer NOT NULL, lot integer NOT NULL,
      address text, land_use char(2), area numeric(12,2), geom geometry(Polygon, 2263) NOT NULL)"
psql -q -d target -c "CREATE TABLE lot $DDL"
psql -q -d flow -c "CREATE TABLE lot_psql $DDL"

echo "generating $ROWS rows..."
mkdir -p "$WORK/p/sql" "$WORK/p/data"
psql -q -d flow -c "\copy (SELECT lpad(g::text, 10, '0') AS bbl, (ARRAY['MN','BX','BK','QN','SI'])[1 + g % 5] AS borough,
    g / 100 AS block, g % 100 AS lot, g || ' EXAMPLE STREET' AS address, lpad((1 + g % 11)::text, 2, '0') AS land_use,
    round((random() * 10000)::numeric, 2) AS area,
    encode(ST_AsEWKB(ST_SetSRID(ST_Buffer(ST_MakePoint(980000 + (g % 1000) * 60, 190000 + (g / 1000) * 60), 20, 3), 2263)), 'hex') AS geom
  FROM generate_series(1, $ROWS) g) TO '$WORK/p/data/lots.csv' (FORMAT csv, HEADER true)"
ls -la "$WORK/p/data/lots.csv" | awk '{printf "CSV: %.1f MiB\n", $5/1048576}'

cat > "$WORK/p/sql/source.sql" <<SQL
DROP TABLE IF EXISTS source_lot;
CREATE TABLE source_lot $DDL;
SQL
cat > "$WORK/p/sql/transform.sql" <<'SQL'
TRUNCATE lot;
INSERT INTO lot SELECT * FROM source_lot;
SQL
cat > "$WORK/p/pipeline.yaml" <<YAML
name: copy-bench
connections:
  flow: {url: "postgresql://postgres@127.0.0.1:$PGPORT/flow"}
  target: {url: "postgresql://postgres@127.0.0.1:$PGPORT/target"}
steps:
  - {id: pg:source:create, kind: sql}
  - {id: pg:source:load, kind: load, needs: [pg:source:create]}
  - {id: pg:model:create, kind: model-create}
  - {id: pg:model:transform, kind: transform, needs: [pg:source:load, pg:model:create]}
  - {id: pg:target:populate, kind: populate, needs: [pg:model:transform]}
domains:
  lots:
    tables: [lot]
    sources:
      - {table: source_lot, file: data/lots.csv, columns: [bbl, borough, block, lot, address, land_use, area, geom]}
    sql: {pg:source:create: source.sql, pg:model:transform: transform.sql}
YAML
R="java -jar $ROOT/target/runner.jar --pipeline $WORK/p/pipeline.yaml"
$R --step pg:source:create >/dev/null

step_time() { grep -oE "$1 [a-z, -]*OK [0-9.]+s" | grep -oE '[0-9.]+s$' | tr -d s; }

echo "loading (ours, then psql \\copy), $ROUNDS rounds each, best kept..."
best_ours=999; best_ours_wall=999; best_psql=999
for i in $(seq 1 $ROUNDS); do
  t0=$(now); out=$($R --step pg:source:create --step pg:source:load); t1=$(now)
  s=$(echo "$out" | step_time pg:source:load); w=$(secs $t0 $t1)
  best_ours=$(awk -v a=$best_ours -v b=$s 'BEGIN{print (b<a)?b:a}'); best_ours_wall=$(awk -v a=$best_ours_wall -v b=$w 'BEGIN{print (b<a)?b:a}')
  psql -q -d flow -c "TRUNCATE lot_psql"
  t0=$(now); psql -q -d flow -1 -c "\copy lot_psql (bbl, borough, block, lot, address, land_use, area, geom) FROM '$WORK/p/data/lots.csv' (FORMAT csv, HEADER true)"; t1=$(now)
  best_psql=$(awk -v a=$best_psql -v b=$(secs $t0 $t1) 'BEGIN{print (b<a)?b:a}')
done
$R --step pg:model:create --step pg:model:transform >/dev/null

echo "publishing (ours, then a psql binary COPY pipe), $ROUNDS rounds each, best kept..."
best_pop=999; best_pop_wall=999; best_pipe=999; pops=""; pipes=""
for i in $(seq 1 $ROUNDS); do
  psql -q -d postgres -c CHECKPOINT
  t0=$(now); out=$($R --step pg:model:transform --step pg:target:populate --verbose); t1=$(now)
  s=$(echo "$out" | step_time pg:target:populate); w=$(secs $t0 $t1)
  best_pop=$(awk -v a=$best_pop -v b=$s 'BEGIN{print (b<a)?b:a}'); best_pop_wall=$(awk -v a=$best_pop_wall -v b=$w 'BEGIN{print (b<a)?b:a}')
  pops="$pops $s"
  psql -q -d postgres -c CHECKPOINT
  $R --step pg:model:transform >/dev/null
  t0=$(now)
  psql -q -d flow -c "COPY (SELECT * FROM lot) TO STDOUT (FORMAT binary)" \
    | psql -q -d target -v ON_ERROR_STOP=1 -1 -c "TRUNCATE lot" -c "COPY lot FROM STDIN (FORMAT binary)"
  t1=$(now)
  best_pipe=$(awk -v a=$best_pipe -v b=$(secs $t0 $t1) 'BEGIN{print (b<a)?b:a}')
  pipes="$pipes $(secs $t0 $t1)"
done
echo "  every round, populate:$pops; pipe:$pipes"
echo "$out" | grep -E "^  (time|lot)" || true
n=$(psql -At -d target -c "SELECT count(*) FROM lot")
[ "$n" = "$ROWS" ] || { echo "target has $n rows, expected $ROWS" >&2; exit 1; }

echo
echo "rows: $ROWS   machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
printf "%-22s %10s %12s %10s %8s\n" stage "ours(step)" "ours(run)" theirs ratio
printf "%-22s %10s %12s %10s %8s\n" "CSV load" "$best_ours" "$best_ours_wall" "$best_psql" "$(ratio $best_ours $best_psql)"
printf "%-22s %10s %12s %10s %8s\n" "publish flow->target" "$best_pop" "$best_pop_wall" "$best_pipe" "$(ratio $best_pop $best_pipe)"
echo "(ours(step): the step's time inside a run whose earlier step (source:create / model:transform) opened the"
echo " connections, as in a real flow; ours(run): the whole java -jar run of both steps with JVM start."
echo " theirs: psql \\copy; psql binary COPY pipe (each process connects). ratio = ours(step)/theirs; targets <= 1.15)"
