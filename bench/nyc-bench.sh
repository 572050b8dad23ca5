#!/usr/bin/env bash
# End-to-end benchmark at NYC scale: the flow (`demo`, i.e. flow --domain all behind the in-process S3 server) against
# the same pipeline assembled from standard tools, on the same generated inputs, in the same run.
#
#   bench/nyc-bench.sh [LOTS]          default 860,000 tax lots; RUNS=3 rounds, best kept; BIG=3000000 converter run
#   RUNS=1 BIG=0 bench/nyc-bench.sh 50000    quick check
#
# Inputs (generated once, kept in target/bench-nyc/ and reused):
#   samples-LOTS/<bucket>/<key>  every object of the NYC flow in the published formats (bench/GenerateNyc.java, then
#                                examples/generate-samples.sh): pluto.csv with LOTS lots, ~6,000 zoning districts,
#                                51 council and 71 community districts, 8,000 CPDB projects, 30,000 commitments,
#                                ~180 agencies, 5 boroughs, 195 + 262 tabulation areas, 2,168 + 2,327 census tracts,
#                                70 data sources (domains-2026.md section 6)
#   taxlots-LOTS.zip             the same tax lots as a zipped shapefile (EPSG:2263)
#
# Ours:   java -jar target/runner.jar demo --samples samples-LOTS  (throwaway cluster, loopback S3, flow --domain all);
#         per-step times from its [i/n] lines, peak RSS of the JVM from /usr/bin/time -v, per-step RSS sampled.
# Theirs: a throwaway cluster with the same settings as demo's; ogr2ogr -f PostgreSQL (PG_USE_COPY) for shapefiles,
#         psql \copy for CSVs, the same sql/source and sql/transform files through psql -1, the API DDL
#         (examples/zoning-api/schema.sql) for the model tables, and a psql | psql binary COPY pipe per table.
# Also, on the same cluster: the tax-lot shapefile into a table (convert + pg:source:load vs ogr2ogr), and pluto.csv
# alone (pg:source:load vs psql \copy). Then, with BIG > 0, the converter alone on a BIG-lot shapefile.
# The table is printed and written, with the machine, date and inputs, to bench/RESULTS.md (OUT=FILE elsewhere);
# text below the marker line at the end of that file is kept.
set -euo pipefail
BENCH_COMMAND="bench/nyc-bench.sh${*:+ $*}"
LOTS=${1:-860000}
RUNS=${RUNS:-3}
BIG=${BIG:-3000000}
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/target/runner.jar
DATA=$ROOT/target/bench-nyc

for tool in ogr2ogr psql zip java; do
  command -v $tool >/dev/null || { echo "$tool missing (apt-get install gdal-bin postgresql-client zip default-jdk)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 1; }
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then mvn -B -ntp -q package -DskipTests; fi

WORK=$(mktemp -d /tmp/dataflow-nyc-bench.XXXXXX)
. bench/lib.sh
mkdir -p "$DATA"

# ---------------------------------------------------------------------------------------------------------------------
# Inputs

# make_inputs N: target/bench-nyc/samples-N/ and taxlots-N.zip, unless already there.
make_inputs() {
  local n=$1
  local src=$DATA/src-$n shp=$DATA/shp-$n
  [ -f "$DATA/samples-$n/.complete" ] && [ -f "$DATA/taxlots-$n.zip" ] && return
  echo "generating inputs for $n tax lots in $DATA (kept for later runs)..."
  rm -rf "$src" "$shp" "$DATA/samples-$n" "$DATA/taxlots-$n.zip"
  java bench/GenerateNyc.java "$n" "$src"
  java bench/GenerateCbbr.java "$src"   # budget requests of the community boards GenerateNyc drew
  java bench/GenerateFacilities.java "${FACILITIES:-30000}" "$src"
  mkdir -p "$shp"
  ogr2ogr -f "ESRI Shapefile" "$shp/pluto_lots.shp" "$src/pluto.csv" -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:2263 \
    -nlt MULTIPOLYGON -nln pluto_lots -lco ENCODING=UTF-8
  (cd "$shp" && zip -q -X "$DATA/taxlots-$n.zip" pluto_lots.shp pluto_lots.shx pluto_lots.dbf pluto_lots.prj pluto_lots.cpg)
  SAMPLE_SRC=$src SAMPLE_OUT=$DATA/samples-$n bash examples/generate-samples.sh >/dev/null
  rm -rf "$src" "$shp"
  touch "$DATA/samples-$n/.complete"
}

make_inputs "$LOTS"
SAMPLES=$DATA/samples-$LOTS
TAXLOTS=$DATA/taxlots-$LOTS.zip
EDM=$SAMPLES/edm-publishing
AE=$SAMPLES/ae-data-backups/zoning-api
CPDB=$EDM/db-cpdb/publish/latest
LOOKUP=$SAMPLES/edm-recipes/inbox/dcp/dcp_managing_agencies_lookup/20260222/dcp_managing_agencies_lookup.csv
DATA_SOURCES=$EDM/db-facilities/build/dm-facdb-mock-sgr/source_data_versions.csv
FACILITIES_CSV=$EDM/db-facilities/build/dm-facdb-mock-sgr/facilities.csv
echo "inputs: $(du -sh "$SAMPLES" | cut -f1) of objects; tax-lot shapefile zip $(du -h "$TAXLOTS" | cut -f1)"

# ---------------------------------------------------------------------------------------------------------------------
# Helpers

# best VAR VALUE: VAR = min(VAR, VALUE); an empty VAR takes VALUE.
best() { local cur=${!1:-}; if [ -z "$cur" ] || awk -v a="$2" -v b="$cur" 'BEGIN{exit !(a<b)}'; then printf -v "$1" '%s' "$2"; fi; }
maxof() { local cur=${!1:-0}; if awk -v a="$2" -v b="$cur" 'BEGIN{exit !(a>b)}'; then printf -v "$1" '%s' "$2"; fi; }
add() { printf -v "$1" '%s' "$(awk -v a="${!1:-0}" -v b="$2" 'BEGIN{printf "%.2f", a+b}')"; }
# timed VAR RSSVAR CMD...: runs CMD under /usr/bin/time -v; adds its wall seconds to VAR and raises RSSVAR to its peak.
timed() {
  local var=$1 rss=$2 t0 t1
  shift 2
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >>"$WORK/theirs.log" 2>&1 || { cat "$WORK/theirs.log" "$WORK/time.txt" >&2; exit 1; }
  t1=$(now)
  add "$var" "$(secs "$t0" "$t1")"
  maxof "$rss" "$(peak_mib "$WORK/time.txt")"
}
# pipe_timed VAR RSSVAR DB_FROM SQL_OUT DB_TO SQL_IN: a psql | psql pipe, both sides under /usr/bin/time -v.
pipe_timed() {
  local var=$1 rss=$2 t0 t1
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time-out.txt" psql -X -q -v ON_ERROR_STOP=1 -d "$3" -c "$4" \
    | /usr/bin/time -v -o "$WORK/time-in.txt" psql -X -q -v ON_ERROR_STOP=1 -d "$5" -c "$6" >>"$WORK/theirs.log"
  t1=$(now)
  add "$var" "$(secs "$t0" "$t1")"
  maxof "$rss" "$(peak_mib "$WORK/time-out.txt")"
  maxof "$rss" "$(peak_mib "$WORK/time-in.txt")"
}
# step_secs FILE ID: the seconds of step ID's OK line in runner output; step_rows FILE ID: its row count.
# (the OK line may list the step's domains between the id and OK)
step_ok() { grep -E "^(\S+ )?\[[0-9]+/[0-9]+\] $2 ([^[]* )?OK [0-9.]+s" "$1" || true; }
step_secs() { step_ok "$1" "$2" | sed -E 's/.* OK ([0-9.]+)s.*/\1/' | tail -1; }
step_rows() { step_ok "$1" "$2" | sed -nE 's/.* OK [0-9.]+s ([0-9,]+) rows.*/\1/p' | tr -d , | tail -1; }
wall_secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }

# ---------------------------------------------------------------------------------------------------------------------
# Ours: the demo command, end to end

FLOW_STEPS=(minio:download shp:convert pg:flow:configure pg:flow:push pg:source:create pg:source:load pg:model:create
            pg:model:transform pg:target:populate)
declare -A OURS OURS_RSS OURS_ROWS

# ours_round: one demo run. Output lines are stamped with the time they arrive; the JVM's RSS is sampled every 0.2 s.
ours_round() {
  local out=$WORK/ours.out rssf=$WORK/ours.rss tpid jpid cmd
  rm -rf "$WORK/demo"
  : >"$rssf"
  cmd=(java -jar "$JAR" demo --samples "$SAMPLES" --dir "$WORK/demo" --report "$WORK/report.json" --verbose)
  (cd "$ROOT" && exec /usr/bin/time -v -o "$WORK/ours-time.txt" "${cmd[@]}") \
    > >(while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done >"$out") 2>&1 &
  tpid=$!
  while kill -0 $tpid 2>/dev/null; do
    jpid=$(pgrep -P $tpid java | head -1 || true)
    if [ -n "${jpid:-}" ] && [ -r /proc/$jpid/status ]; then
      while read -r k v _; do [ "$k" = VmRSS: ] && echo "$EPOCHREALTIME $v" >>"$rssf"; done </proc/$jpid/status 2>/dev/null || true
    fi
    sleep 0.2
  done
  wait $tpid || { sleep 0.2; cat "$out" >&2; echo "ours failed" >&2; exit 1; }
  sleep 0.2   # let the stamping loop finish
  [ -n "$(step_ok "$out" pg:target:populate)" ] || { cat "$out" >&2; echo "demo did not finish the flow" >&2; exit 1; }
  cp "$out" "$WORK/ours-last.out"
  local id s r start end
  for id in "${FLOW_STEPS[@]}"; do
    s=$(step_secs "$out" "$id")
    [ -n "$s" ] || continue   # not run (minio:download without demo)
    best "OURS[$id]" "$s"
    r=$(step_rows "$out" "$id"); OURS_ROWS[$id]=${r:-0}
    start=$(grep -E "^\S+ \[[0-9]+/[0-9]+\] $id( |$)" "$out" | head -1 | cut -d' ' -f1)
    end=$(step_ok "$out" "$id" | head -1 | cut -d' ' -f1)
    local peak
    peak=$(awk -v a="$start" -v b="$end" '$1>=a && $1<=b && $2>m {m=$2} END{printf "%.0f", m/1024}' "$rssf")
    maxof "OURS_RSS[$id]" "$peak"
  done
  # pg:target:populate's phases (--verbose): its quality checks, and the copy itself
  best OURS_CHECKS "$(sed -nE 's/.* time: .*, checks ([0-9.]+)s, catalog.*/\1/p' "$out" | tail -1)"
  best OURS_COPY "$(grep ' time: ' "$out" | tail -1 | grep -oE '(truncate|copy|rebuild|count) [0-9.]+s' \
    | grep -oE '[0-9.]+' | awk '{s+=$1} END{printf "%.2f", s}')"
  best OURS_WALL "$(wall_secs "$WORK/ours-time.txt")"
  maxof OURS_PEAK "$(peak_mib "$WORK/ours-time.txt")"
}

# ---------------------------------------------------------------------------------------------------------------------
# Theirs: standard tools on a cluster configured like demo's (LocalCluster: fsync, synchronous_commit and
# full_page_writes off, everything else default)

PG_SETTINGS="-c max_connections=100" start_cluster
PGCONN="host=127.0.0.1 port=$PGPORT user=postgres"
export PGOPTIONS="-c client_min_messages=warning"   # no NOTICEs from DROP ... IF EXISTS
declare -A THEIRS THEIRS_RSS

TRANSFORM_ORDER=(agencies boroughs city-council-districts community-districts pluto capital-planning
                 neighborhood-tabulation-areas census-tracts data-sources facilities)
PUBLISH_ORDER=(agency managing_code borough land_use zoning_district_class city_council_district community_district
               tax_lot zoning_district zoning_district_zoning_district_class capital_project capital_project_fund
               capital_commitment_type capital_project_checkbook agency_budget budget_line capital_commitment
               capital_commitment_fund neighborhood_tabulation_area census_tract data_source
               facility_domain facility_group facility_subgroup facility_type facility_operator facility)
# community-board-budget-requests (bench/GenerateCbbr.java)
TRANSFORM_ORDER+=(community-board-budget-requests)
PUBLISH_ORDER+=(cbbr_policy_area cbbr_need_group cbbr_need cbbr_request cbbr_agency_category_response cbbr_option_cascade
                community_board_budget_request)

fresh_databases() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS flow WITH (FORCE)" -c "DROP DATABASE IF EXISTS zoning_api WITH (FORCE)" \
    -c "CREATE DATABASE flow" -c "CREATE DATABASE zoning_api"
  psql -X -q -v ON_ERROR_STOP=1 -d zoning_api -f examples/zoning-api/schema.sql >/dev/null
}

# ogr_load LAYER_SOURCE TABLE [-lco ...]: ogr2ogr into the flow database, creating the table (the source SQL's table has
# no SRID typmod, and ogr2ogr -append would then write SRID 0, which the table's check refuses).
ogr_load() {
  local src=$1 table=$2
  shift 2
  timed T_LOAD R_LOAD ogr2ogr -f PostgreSQL "PG:$PGCONN dbname=flow" "$src" -overwrite -nln "$table" \
    -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=wkt -lco SPATIAL_INDEX=NONE "$@" --config PG_USE_COPY YES
}
csv_load() {
  timed T_LOAD R_LOAD psql -X -q -v ON_ERROR_STOP=1 -d flow -c "\\copy $1 ($2) FROM '$3' (FORMAT csv, HEADER true)"
}

theirs_round() {
  local T_SETUP=0 R_SETUP=0 T_LOAD=0 R_LOAD=0 T_TRANSFORM=0 R_TRANSFORM=0 T_PUBLISH=0 R_PUBLISH=0 d t
  fresh_databases
  : >"$WORK/theirs.log"
  # setup: PostGIS, the API's model tables (the API DDL), then the source tables
  timed T_SETUP R_SETUP psql -X -q -v ON_ERROR_STOP=1 -d flow -f sql/configure.sql
  timed T_SETUP R_SETUP psql -X -q -v ON_ERROR_STOP=1 -d flow -f examples/zoning-api/schema.sql
  for d in "${TRANSFORM_ORDER[@]}"; do
    timed T_SETUP R_SETUP psql -X -q -v ON_ERROR_STOP=1 -1 -d flow -f "sql/source/$d.sql"
  done
  # load: the nine shapefiles with ogr2ogr, the sixteen CSVs with \copy (columns as in pipeline.yaml)
  ogr_load "/vsizip/$EDM/datasets/dcp_borough_boundary/production/dcp_borough_boundary.zip" source_borough \
    -lco 'COLUMN_TYPES=borocode=char(1)'
  ogr_load "/vsizip/$EDM/datasets/dcp_nta_2010/24B/dcp_nta_2010.zip" source_neighborhood_tabulation_area_2010
  ogr_load "/vsizip/$EDM/datasets/dcp_nta_2020/24B/dcp_nta_2020.zip" source_neighborhood_tabulation_area_2020
  ogr_load "/vsizip/$EDM/datasets/dcp_census_tracts_2010/23B/dcp_census_tracts_2010.zip" source_census_tracts_2010
  ogr_load "/vsizip/$EDM/datasets/dcp_census_tracts_2020/25D/dcp_census_tracts_2020.zip" source_census_tracts_2020
  ogr_load "/vsizip/$EDM/datasets/dcp_city_council_districts/24B/dcp_city_council_districts.zip" \
    source_city_council_district -lco COLUMN_TYPES=coundist=text
  ogr_load "/vsizip/$EDM/datasets/dcp_community_districts/24B/dcp_community_districts.zip/nycd_24b" \
    source_community_district -lco 'COLUMN_TYPES=borocd=char(3)'
  ogr_load "/vsizip/$CPDB/cpdb_dcpattributes_pts.shp.zip" source_capital_project_m_pnt
  ogr_load "/vsizip/$CPDB/cpdb_dcpattributes_poly.shp.zip" source_capital_project_m_poly
  csv_load source_agency "$(head -1 "$LOOKUP")" "$LOOKUP"
  csv_load source_agency_addition "initials, name, oversight_level, reason" data/agency_additions.csv
  csv_load source_managing_code_change "id, change, reason" data/managing_code_changes.csv
  csv_load source_borough_abbreviation "borocode, abbr" data/borough_abbreviation.csv
  csv_load source_data_source "$(head -1 "$DATA_SOURCES")" "$DATA_SOURCES"
  csv_load source_land_use "id, description, color" data/land_use.csv
  csv_load source_zoning_district_class "id, category, description, url, color" data/zoning_district_class.csv
  csv_load source_pluto "wkt, borough, block, lot, address, land_use, bbl" "$AE/pluto.csv"
  csv_load source_zoning_district "wkt, zonedist, shape_leng, shape_area" "$AE/zoning_districts.csv"
  csv_load source_capital_commitment "$(head -1 "$CPDB/cpdb_planned_commitments.csv")" "$CPDB/cpdb_planned_commitments.csv"
  csv_load source_capital_project "$(head -1 "$CPDB/cpdb_projects.csv")" "$CPDB/cpdb_projects.csv"
  csv_load source_cbbr_options_no_duplicates \
    'policy_area_id, "Policy Area", need_group_id, "Need Group", "Agency", "Type", "Need", "Request"' \
    "$AE/cbbr_options_no_duplicates_surrogate_ids_v2.csv"
  csv_load source_cbbr_option '"Policy Area", "Need Group", "Agency", "Type", "Need", "Request"' \
    "$AE/cbbr_options_cascade_v2.csv"
  csv_load source_cbbr_export "$(head -1 "$EDM/db-cbbr/publish/latest/cbbr_export.csv")" \
    "$EDM/db-cbbr/publish/latest/cbbr_export.csv"
  # facilities.csv's header is in capitals, and so are its source table's columns (quoted)
  csv_load source_facility "$(head -1 "$FACILITIES_CSV" | sed -E 's/[A-Z0-9_]+/"&"/g')" "$FACILITIES_CSV"
  csv_load source_facility_category "id, short_name, category, description" data/facility_category.csv
  csv_load source_facility_group "id, name, description, category_id" data/facility_group.csv
  csv_load source_facility_subgroup "id, name, description, group_id" data/facility_subgroup.csv
  # transform: the same SQL, one transaction per domain, in domain order
  for d in "${TRANSFORM_ORDER[@]}"; do
    timed T_TRANSFORM R_TRANSFORM psql -X -q -v ON_ERROR_STOP=1 -1 -d flow -f "sql/transform/$d.sql"
  done
  # publish: truncate the API tables (CASCADE reaches the empty budget-request tables that reference
  # them, which our populate names in its TRUNCATE), then a binary COPY pipe per table, parents first
  timed T_PUBLISH R_PUBLISH psql -X -q -v ON_ERROR_STOP=1 -d zoning_api -c "TRUNCATE $(IFS=,; echo "${PUBLISH_ORDER[*]}") CASCADE"
  for t in "${PUBLISH_ORDER[@]}"; do
    pipe_timed T_PUBLISH R_PUBLISH flow "COPY (SELECT * FROM $t) TO STDOUT (FORMAT binary)" \
      zoning_api "COPY $t FROM STDIN (FORMAT binary)"
  done
  [ "$(psql -X -At -d zoning_api -c 'SELECT count(*) FROM tax_lot')" = "$LOTS" ] \
    || { echo "theirs: tax_lot does not have $LOTS rows" >&2; exit 1; }
  best "THEIRS[setup]" "$T_SETUP"; maxof "THEIRS_RSS[setup]" "$R_SETUP"
  best "THEIRS[load]" "$T_LOAD"; maxof "THEIRS_RSS[load]" "$R_LOAD"
  best "THEIRS[transform]" "$T_TRANSFORM"; maxof "THEIRS_RSS[transform]" "$R_TRANSFORM"
  best "THEIRS[publish]" "$T_PUBLISH"; maxof "THEIRS_RSS[publish]" "$R_PUBLISH"
  best "THEIRS[total]" "$(awk -v a="$T_SETUP" -v b="$T_LOAD" -v c="$T_TRANSFORM" -v d="$T_PUBLISH" 'BEGIN{printf "%.2f", a+b+c+d}')"
}

# ---------------------------------------------------------------------------------------------------------------------
# Single-source comparisons on the bench cluster: the tax-lot shapefile, and pluto.csv alone

mkdir -p "$WORK/p"
runner() { java -jar "$JAR" --pipeline "$WORK/p/pipeline.yaml" "$@"; }
cat >"$WORK/p/pipeline.yaml" <<YAML
name: nyc-bench-single-source
connections:
  flow: {url: "postgresql://postgres@127.0.0.1:$PGPORT/flow"}
  target: {url: "postgresql://postgres@127.0.0.1:$PGPORT/zoning_api"}
settings: {sqlDir: $ROOT/sql, convertDir: $WORK/convert, splitLoadMiB: 16}   # as in pipeline.yaml
steps:
  - {id: shp:convert, kind: convert}
  - {id: pg:source:load, kind: load, needs: [shp:convert]}
domains:
  taxlots:
    sources:
      - {table: shp_lot_ours, file: $TAXLOTS, convert: {promoteToMulti: true},
         columns: [borough, block, lot, address, land_use, bbl, wkt]}
  pluto:
    sources:
      - {table: source_pluto, file: $AE/pluto.csv, columns: [wkt, borough, block, lot, address, land_use, bbl]}
YAML

single_round() {
  local t0 t1 s
  fresh_databases
  psql -X -q -d flow -f sql/configure.sql
  # theirs: ogr2ogr creates and fills its table (no spatial index: source tables have none)
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time.txt" ogr2ogr -f PostgreSQL "PG:$PGCONN dbname=flow" "/vsizip/$TAXLOTS" -overwrite \
    -nln shp_lot -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=wkt -lco SPATIAL_INDEX=NONE --config PG_USE_COPY YES
  t1=$(now)
  best SHP_THEIRS "$(secs "$t0" "$t1")"; maxof SHP_THEIRS_RSS "$(peak_mib "$WORK/time.txt")"
  # ours: convert + pg:source:load into a table defined exactly like the one ogr2ogr made
  psql -X -q -d flow -c "CREATE TABLE shp_lot_ours (LIKE shp_lot INCLUDING ALL)"
  /usr/bin/time -v -o "$WORK/time.txt" java -jar "$JAR" --pipeline "$WORK/p/pipeline.yaml" --domain taxlots \
    --step shp:convert --step pg:source:load >"$WORK/single.out"
  s=$(awk -v a="$(step_secs "$WORK/single.out" shp:convert)" -v b="$(step_secs "$WORK/single.out" pg:source:load)" \
    'BEGIN{printf "%.2f", a+b}')
  best SHP_OURS "$s"; best SHP_OURS_WALL "$(wall_secs "$WORK/time.txt")"; maxof SHP_OURS_RSS "$(peak_mib "$WORK/time.txt")"
  [ "$(psql -X -At -d flow -c 'SELECT count(*) FROM shp_lot_ours')" = "$(psql -X -At -d flow -c 'SELECT count(*) FROM shp_lot')" ] \
    || { echo "shapefile: row counts differ" >&2; exit 1; }
  # pluto.csv alone, each into a source_pluto just made by sql/source/pluto.sql (as pg:source:create leaves it)
  psql -X -q -v ON_ERROR_STOP=1 -1 -d flow -f sql/source/pluto.sql
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time.txt" psql -X -q -v ON_ERROR_STOP=1 -d flow \
    -c "\\copy source_pluto (wkt, borough, block, lot, address, land_use, bbl) FROM '$AE/pluto.csv' (FORMAT csv, HEADER true)"
  t1=$(now)
  best CSV_THEIRS "$(secs "$t0" "$t1")"; maxof CSV_THEIRS_RSS "$(peak_mib "$WORK/time.txt")"
  psql -X -q -v ON_ERROR_STOP=1 -1 -d flow -f sql/source/pluto.sql
  /usr/bin/time -v -o "$WORK/time.txt" java -jar "$JAR" --pipeline "$WORK/p/pipeline.yaml" --domain pluto \
    --step pg:source:load >"$WORK/single.out"
  best CSV_OURS "$(step_secs "$WORK/single.out" pg:source:load)"; best CSV_OURS_WALL "$(wall_secs "$WORK/time.txt")"
  maxof CSV_OURS_RSS "$(peak_mib "$WORK/time.txt")"
}

# ---------------------------------------------------------------------------------------------------------------------
# Rounds: ours and theirs alternate, so both see the same machine noise

java -jar "$JAR" demo --help 2>/dev/null | grep -q -- --samples || { echo "target/runner.jar has no demo command" >&2; exit 1; }
for i in $(seq "$RUNS"); do
  echo "round $i/$RUNS: ours (demo, flow --domain all)..."
  ours_round
  echo "round $i/$RUNS: theirs (ogr2ogr, psql \\copy, psql -f, psql | psql)..."
  theirs_round
  echo "round $i/$RUNS: single sources (tax-lot shapefile, pluto.csv)..."
  single_round
done

# ---------------------------------------------------------------------------------------------------------------------
# 3 M lots: the converter alone

if [ "$BIG" -gt 0 ]; then
  make_inputs "$BIG"
  echo "converter on $BIG lots..."
  /usr/bin/time -v -o "$WORK/time.txt" java -jar "$JAR" convert "$DATA/taxlots-$BIG.zip" -o "$WORK/big.csv" \
    --promote-to-multi >"$WORK/big.out"
  BIG_SECS=$(wall_secs "$WORK/time.txt"); BIG_RSS=$(peak_mib "$WORK/time.txt")
  BIG_ROWS=$(($(wc -l <"$WORK/big.csv") - 1))
  rm -f "$WORK/big.csv"
fi

# ---------------------------------------------------------------------------------------------------------------------
# Report

sum_ours() { local s=0 id; for id in "$@"; do s=$(awk -v a="$s" -v b="${OURS[$id]}" 'BEGIN{printf "%.2f", a+b}'); done; echo "$s"; }
max_ours_rss() { local m=0 id; for id in "$@"; do maxof m "${OURS_RSS[$id]:-0}"; done; echo "$m"; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s>0 && n>0) { x=sprintf("%.0f", n/s); r=""; while (length(x)>3) { r="," substr(x, length(x)-2) r; x=substr(x, 1, length(x)-3) } print x r } else print "-"}'; }
OURS_SETUP=$(sum_ours pg:flow:configure pg:flow:push pg:source:create pg:model:create)
OURS_LOAD=$(sum_ours shp:convert pg:source:load)
OURS_AFTER=$(sum_ours shp:convert pg:flow:configure pg:flow:push pg:source:create pg:source:load pg:model:create \
  pg:model:transform pg:target:populate)
LOAD_ROWS=${OURS_ROWS[pg:source:load]}

REPORT=${OUT:-bench/RESULTS.md}
MARKER='<!-- Everything below this line is kept when bench/nyc-bench.sh rewrites this file. -->'
KEPT=""
if [ -f "$REPORT" ]; then KEPT=$(awk -v m="$MARKER" 'f {print} index($0, m) {f = 1}' "$REPORT"); fi
table() {

  echo "| step | ours (s) | theirs (s) | ratio | target | rows/s (ours) | peak RSS ours / theirs (MiB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '| tax-lot shapefile → table (%s lots): convert + pg:source:load (streamed, one transaction) vs ogr2ogr | %s | %s | %s | ≤ 1.0 | %s | %s / %s |\n' \
    "$LOTS" "$SHP_OURS" "$SHP_THEIRS" "$(ratio "$SHP_OURS" "$SHP_THEIRS")" "$(rate "$LOTS" "$SHP_OURS")" "$SHP_OURS_RSS" "$SHP_THEIRS_RSS"
  printf '| pluto.csv → source_pluto: pg:source:load vs psql \\copy | %s | %s | %s | ≤ 1.15 | %s | %s / %s |\n' \
    "$CSV_OURS" "$CSV_THEIRS" "$(ratio "$CSV_OURS" "$CSV_THEIRS")" "$(rate "$LOTS" "$CSV_OURS")" "$CSV_OURS_RSS" "$CSV_THEIRS_RSS"
  printf '| flow [1] minio:download (S3 on loopback) | %s | – | – | | %s | %s / – |\n' \
    "${OURS[minio:download]:--}" "$(rate "${OURS_ROWS[minio:download]:-0}" "${OURS[minio:download]:-0}")" "${OURS_RSS[minio:download]:--}"
  printf '| flow [3-5,7] configure, push, source:create, model:create vs psql -f (DDL) | %s | %s | %s | | – | %s / %s |\n' \
    "$OURS_SETUP" "${THEIRS[setup]}" "$(ratio "$OURS_SETUP" "${THEIRS[setup]}")" \
    "$(max_ours_rss pg:flow:configure pg:flow:push pg:source:create pg:model:create)" "${THEIRS_RSS[setup]}"
  printf '| flow [2,6] shp:convert + pg:source:load vs ogr2ogr ×9 + psql \\copy ×16 | %s | %s | %s | | %s | %s / %s |\n' \
    "$OURS_LOAD" "${THEIRS[load]}" "$(ratio "$OURS_LOAD" "${THEIRS[load]}")" "$(rate "$LOAD_ROWS" "$OURS_LOAD")" \
    "$(max_ours_rss shp:convert pg:source:load)" "${THEIRS_RSS[load]}"
  printf '| flow [8] pg:model:transform (independent domains side by side) vs psql -1 -f ×10 | %s | %s | %s | ≤ 0.8 | %s | %s / %s |\n' \
    "${OURS[pg:model:transform]}" "${THEIRS[transform]}" "$(ratio "${OURS[pg:model:transform]}" "${THEIRS[transform]}")" \
    "$(rate "${OURS_ROWS[pg:model:transform]}" "${OURS[pg:model:transform]}")" "${OURS_RSS[pg:model:transform]}" "${THEIRS_RSS[transform]}"
  printf '| flow [9] pg:target:populate vs psql → psql binary COPY ×27 | %s | %s | %s | ≤ 1.15 | %s | %s / %s |\n' \
    "${OURS[pg:target:populate]}" "${THEIRS[publish]}" "$(ratio "${OURS[pg:target:populate]}" "${THEIRS[publish]}")" \
    "$(rate "${OURS_ROWS[pg:target:populate]}" "${OURS[pg:target:populate]}")" "${OURS_RSS[pg:target:populate]}" "${THEIRS_RSS[publish]}"
  printf '| &nbsp;&nbsp;of which: quality checks (pipeline.yaml checks:; none on their side) | %s | – | – | | | |\n' "$OURS_CHECKS"
  printf '| &nbsp;&nbsp;of which: truncate, copy and count vs the pipe | %s | %s | %s | | %s | |\n' \
    "$OURS_COPY" "${THEIRS[publish]}" "$(ratio "$OURS_COPY" "${THEIRS[publish]}")" \
    "$(rate "${OURS_ROWS[pg:target:populate]}" "$OURS_COPY")"
  printf '| **whole flow after download** [2-9] vs sum of the stages above | **%s** | **%s** | **%s** | ≤ 0.7 | | **%s** (JVM, whole demo) |\n' \
    "$OURS_AFTER" "${THEIRS[total]}" "$(ratio "$OURS_AFTER" "${THEIRS[total]}")" "$OURS_PEAK"
}
table | tee "$DATA/result-$LOTS.md"
{
  echo "# NYC-scale benchmark: the flow against the standard tools"
  echo
  echo "Written by \`bench/nyc-bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Command: \`$BENCH_COMMAND\`"
  echo
  echo "Machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -nE 's/^Model name: +//p' | head -1)),"
  echo "$(free -h | awk '/Mem:/{print $2}') RAM; $(java -version 2>&1 | head -1);"
  echo "$(psql -X -At -d postgres -c 'SELECT version()' | cut -d, -f1) with PostGIS $(psql -X -At -d flow -c 'SELECT postgis_lib_version()' 2>/dev/null || echo '?');"
  echo "$(ogr2ogr --version). Both sides use clusters with demo's settings (fsync, synchronous_commit and"
  echo "full_page_writes off; shared_buffers and max_wal_size at their defaults). The machine is shared, so timings are noisy."
  echo
  echo "Inputs ($(du -sh "$SAMPLES" | cut -f1) of objects, generated by bench/GenerateNyc.java and examples/generate-samples.sh):"
  echo "pluto.csv with $LOTS tax lots (5-30 vertices per ring, 5% with a hole, 3% with two parts), $(($(wc -l <"$AE/zoning_districts.csv") - 1))"
  echo "zoning districts, 51 council and 71 community districts, $(($(wc -l <"$CPDB/cpdb_projects.csv") - 1)) CPDB projects and"
  echo "$(($(wc -l <"$CPDB/cpdb_planned_commitments.csv") - 1)) commitments with their point and polygon shapefiles, $(($(wc -l <"$LOOKUP") - 1)) agencies, 5 boroughs,"
  echo "195 + 262 tabulation areas, 2,168 + 2,327 census tracts and $(($(wc -l <"$DATA_SOURCES") - 1)) data sources; the same tax lots as a zipped"
  echo "shapefile ($(du -h "$TAXLOTS" | cut -f1))."
  echo
  table
  echo
  echo "- Best of $RUNS rounds per row; ours and theirs alternate within a round. Peak RSS is the highest seen in any round."
  echo "- ours = the step times the runner prints (\`[i/n] step OK 12.3s\`); theirs = wall time of the tool processes."
  echo "  The demo process as a whole (cluster initdb and start, S3 server, JVM start, row counts) took $OURS_WALL s at best."
  echo "- Single-source rows run on theirs' cluster, each into a freshly created table: the shapefile into a table defined"
  echo "  like the one ogr2ogr creates (\`-lco SPATIAL_INDEX=NONE\`, as source tables have no spatial index), pluto.csv into"
  echo "  sql/source/pluto.sql's source_pluto. As whole \`java -jar\` runs (JVM start included): shapefile $SHP_OURS_WALL s,"
  echo "  pluto.csv $CSV_OURS_WALL s."
  echo "- In the flow, ogr2ogr makes the nine shapefile source tables itself (\`-overwrite\`, column types matched with"
  echo "  \`-lco COLUMN_TYPES\`): appending into sql/source's tables is refused, because their geometry columns have no"
  echo "  SRID typmod and ogr2ogr then writes SRID 0, which the tables' checks reject."
  echo "- Peak RSS of ours per step is the JVM's resident set sampled every 0.2 s from /proc while the step ran (it"
  echo "  includes the in-process S3 server); whole-run and theirs from \`/usr/bin/time -v\` (for a pipe, the larger side)."
  if [ "$BIG" -gt 0 ]; then
    echo
    echo "Converter alone on $BIG lots (\`java -jar target/runner.jar convert taxlots-$BIG.zip -o big.csv"
    echo "--promote-to-multi\`, JVM start included, default heap): $BIG_SECS s, $BIG_ROWS rows written, peak RSS $BIG_RSS MiB."
  fi
  echo
  echo "$MARKER"
  if [ -n "$KEPT" ]; then echo "$KEPT"; fi
} >"$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"

echo
echo "last demo run's step lines:"
grep -E '\[[0-9]+/[0-9]+\] .* OK ' "$WORK/ours-last.out" | cut -d' ' -f2-
echo "written to $REPORT"
