#!/usr/bin/env bash
# Hand test of the NYC flow's SQL (sql/configure.sql, sql/source/*, sql/transform/*) on the
# sample files in examples/sample, without the Java runner.
#
# It starts a throwaway PostgreSQL 15 + PostGIS cluster under a temporary directory, plays the
# runner's steps by hand, checks the model tables and stops and deletes the cluster again:
#   configure      sql/configure.sql
#   model          examples/zoning-api/schema.sql: today's 34 API tables (no enums) stand in for
#                  pg:model:create (same DDL as the API)
#   source create  sql/source/<domain>.sql
#   source load    \copy with the CSV header as column list, as the runner matches header names
#   transform      sql/transform/<domain>.sql, each in one transaction, boroughs first
#
# Shapefile sources: the runner's converter writes hex EWKB with the .prj's SRID. Here ogr2ogr
# stands in for it: `-f CSV -lco GEOMETRY=AS_WKT -nlt PROMOTE_TO_MULTI`, then the header is
# lower-cased (CounDist → coundist, Shape_Leng → shape_leng, BoroCD → borocd, WKT → wkt; the CPDB
# field names are lower case already) and every WKT value gets an EWKT "SRID=<n>;" prefix, <n>
# being what gdalsrsinfo finds for the .prj. ogr2ogr writes the geometry first, the converter
# last; the load matches names, so the order does not matter.
#
# Run as root (the cluster runs as postgres through runuser). Needs PostgreSQL 15 with PostGIS
# 3.3, gdal-bin and unzip. Exit status 0 only if every check passed.
#   PGBIN  PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
#   PORT   port of the throwaway cluster (default 55441)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
sample="$here/sample"
pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
port="${PORT:-55441}"

tmp="$(mktemp -d /tmp/nyc-check.XXXXXX)"
chmod 755 "$tmp"
# data and run (socket, server log) belong to postgres; convert is ours.
mkdir "$tmp/data" "$tmp/run" "$tmp/convert"
chown postgres "$tmp/data" "$tmp/run"

started=no
cleanup() {
    if [[ $started == yes ]]; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

runuser -u postgres -- "$pgbin/initdb" -D "$tmp/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/run/log" -w \
    -o "-p $port -k $tmp/run -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$tmp/run/log" >&2; exit 1; }
started=yes

psql_base=("$pgbin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1)
"${psql_base[@]}" -d postgres -c 'CREATE DATABASE flow'
flow=("${psql_base[@]}" -d flow)
# Set-up steps without the "does not exist, skipping" notices; the transforms keep theirs.
quiet=(env PGOPTIONS='-c client_min_messages=warning' "${flow[@]}")

step() { printf '\n== %s\n' "$*"; }

step "configure and model tables"
"${quiet[@]}" -f "$repo/sql/configure.sql"
"${quiet[@]}" -f "$here/zoning-api/schema.sql"

step "source create"
domains=(agencies boroughs city-council-districts community-districts pluto capital-planning
         neighborhood-tabulation-areas census-tracts data-sources facilities community-board-budget-requests)
for domain in "${domains[@]}"; do
    "${quiet[@]}" -1 -f "$repo/sql/source/$domain.sql"
    echo "  sql/source/$domain.sql"
done

# load <table> <csv file> [<shown as>]: COPY with the file's header line as the column list.
load() {
    local table="$1" file="$2" shown="${3:-${2#"$repo"/}}" columns
    columns="$(head -n 1 "$file" | tr -d '\r')"
    [[ ${QUOTE_HEADER:-} != yes ]] || columns="$(sed 's/[^,]*/"&"/g' <<<"$columns")"
    "${flow[@]}" -c "\\copy $table ($columns) FROM '$file' WITH (FORMAT csv, HEADER true)"
    printf '  %-30s %3s rows  <- %s\n' "$table" \
        "$("${flow[@]}" -At -c "SELECT count(*) FROM $table")" "$shown"
}

# load_exact <table> <csv file>: as load, with each header name double-quoted, for files whose header keeps its
# case or spaces (FACNAME, "Policy Area") as the source table's columns do; the header names hold no comma or quote.
load_exact() { QUOTE_HEADER=yes load "$@"; }

# load_shapefile <table> <zip>: the shapefile inside the zip (possibly in a folder) → CSV in the
# converter's shape (lower-case header, geometry with its SRID) → load.
load_shapefile() {
    local table="$1" zip="$2" dir="$tmp/convert/$1" shp srid
    mkdir -p "$dir"
    unzip -q -o "$zip" -d "$dir"
    shp="$(find "$dir" -type f -name '*.shp' | head -n 1)"
    srid="$(gdalsrsinfo -e "${shp%.shp}.prj" | grep -o 'EPSG:[0-9]*' | head -n 1 | cut -d: -f2)"
    [[ -n $srid ]] || { echo "no EPSG code for ${shp%.shp}.prj" >&2; return 1; }
    ogr2ogr -f CSV "$dir/raw.csv" "$shp" -nlt PROMOTE_TO_MULTI -lco GEOMETRY=AS_WKT
    sed -e '1s/.*/\L&/' -e "2,\$s/^\\(\"\\{0,1\\}\\)MULTI/\\1SRID=$srid;MULTI/" "$dir/raw.csv" > "$dir/converted.csv"
    load "$table" "$dir/converted.csv" "${zip#"$repo"/} (${shp#"$dir"/}, EPSG:$srid)"
}

step "source load"
edm="$sample/edm-publishing"
load source_agency "$sample/edm-recipes/inbox/dcp/dcp_managing_agencies_lookup/20260222/dcp_managing_agencies_lookup.csv"
load source_agency_addition "$repo/data/agency_additions.csv"
load source_managing_code_change "$repo/data/managing_code_changes.csv"
load_shapefile source_borough "$edm/datasets/dcp_borough_boundary/production/dcp_borough_boundary.zip"
load source_borough_abbreviation "$repo/data/borough_abbreviation.csv"
load_shapefile source_city_council_district \
    "$edm/datasets/dcp_city_council_districts/24B/dcp_city_council_districts.zip"
load_shapefile source_community_district \
    "$edm/datasets/dcp_community_districts/24B/dcp_community_districts.zip"
load source_land_use "$repo/data/land_use.csv"
load source_zoning_district_class "$repo/data/zoning_district_class.csv"
load source_pluto "$sample/ae-data-backups/zoning-api/pluto.csv"
load source_zoning_district "$sample/ae-data-backups/zoning-api/zoning_districts.csv"
load source_capital_project "$edm/db-cpdb/publish/latest/cpdb_projects.csv"
load source_capital_commitment "$edm/db-cpdb/publish/latest/cpdb_planned_commitments.csv"
load_shapefile source_capital_project_m_poly "$edm/db-cpdb/publish/latest/cpdb_dcpattributes_poly.shp.zip"
load_shapefile source_capital_project_m_pnt "$edm/db-cpdb/publish/latest/cpdb_dcpattributes_pts.shp.zip"
for year in 2010 2020; do
    load_shapefile "source_neighborhood_tabulation_area_$year" "$edm/datasets/dcp_nta_$year/24B/dcp_nta_$year.zip"
done
load_shapefile source_census_tracts_2010 "$edm/datasets/dcp_census_tracts_2010/23B/dcp_census_tracts_2010.zip"
load_shapefile source_census_tracts_2020 "$edm/datasets/dcp_census_tracts_2020/25D/dcp_census_tracts_2020.zip"
load source_data_source "$edm/db-facilities/build/dm-facdb-mock-sgr/source_data_versions.csv"
load_exact source_facility "$edm/db-facilities/build/dm-facdb-mock-sgr/facilities.csv"
load source_facility_category "$repo/data/facility_category.csv"
load source_facility_group "$repo/data/facility_group.csv"
load source_facility_subgroup "$repo/data/facility_subgroup.csv"
load_exact source_cbbr_options_no_duplicates "$sample/ae-data-backups/zoning-api/cbbr_options_no_duplicates_surrogate_ids_v2.csv"
load_exact source_cbbr_option "$sample/ae-data-backups/zoning-api/cbbr_options_cascade_v2.csv"
load source_cbbr_export "$edm/db-cbbr/publish/latest/cbbr_export.csv"

step "transform (notices are the transforms' own reports)"
for domain in "${domains[@]}"; do
    echo "  sql/transform/$domain.sql"
    "${flow[@]}" -1 -f "$repo/sql/transform/$domain.sql" 2>&1 | sed 's/^psql:[^ ]* /    /'
    [[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "transform $domain failed" >&2; exit 1; }
done

step "checks on the model tables"
"${flow[@]}" -At -f "$here/check-sql.sql"

# The runner reruns transforms on a flow DB that already holds the previous run's model rows.
step "transforms are repeatable: run them all again, then the same checks"
for domain in "${domains[@]}"; do
    "${quiet[@]}" -1 -f "$repo/sql/transform/$domain.sql"
done
"${flow[@]}" -At -f "$here/check-sql.sql" | grep -c '^ok: ' | sed 's/$/ checks ok on the second run/'

# expect_failure <what> <pattern> <transform domain> <sql that breaks the sources>: the transform
# must stop with an error matching <pattern>. Everything runs in one transaction that is never
# committed, so the loaded data stays as it was.
expect_failure() {
    local what="$1" pattern="$2" domain="$3" breakage="$4" output
    if output="$( { echo 'BEGIN;'; echo "$breakage"; cat "$repo/sql/transform/$domain.sql"; } \
                  | "${flow[@]}" 2>&1 )"; then
        echo "CHECK FAILED: $what: the transform succeeded" >&2
        exit 1
    fi
    if ! grep -q -- "$pattern" <<<"$output"; then
        printf 'CHECK FAILED: %s: unexpected error:\n%s\n' "$what" "$output" >&2
        exit 1
    fi
    echo "ok: $what ($(grep -o 'ERROR: .*' <<<"$output" | head -n 1 | cut -c1-110))"
}

step "checks that bad input stops the transform loudly"
expect_failure "unknown borough abbreviation" "matches no borough" pluto \
    "INSERT INTO source_pluto (bbl, borough, block, lot, wkt) SELECT '6000010001.00000000', 'XX', '1', '1', wkt FROM source_pluto LIMIT 1;"
expect_failure "unknown zoning class" "name no known zoning district class" pluto \
    "INSERT INTO source_zoning_district (zonedist, wkt) SELECT 'Z9', wkt FROM source_zoning_district LIMIT 1;"
expect_failure "managing agency missing from the lookup" "managing agency that is not in the agency lookup" capital-planning \
    "UPDATE source_capital_project SET m_agency_acro = 'XYZ' WHERE proj_id = 'HBK1126';"
expect_failure "borough without abbreviation" "has no abbreviation" boroughs \
    "DELETE FROM source_borough_abbreviation WHERE borocode = '5';"
expect_failure "planned date not MM/YY" "not MM/YY" capital-planning \
    "UPDATE source_capital_commitment SET plan_comm_date = '13/24' WHERE project_id = 'HBK1126';"
expect_failure "empty commitment amount" "empty plannedcommit" capital-planning \
    "UPDATE source_capital_commitment SET plannedcommit_citycost = NULL WHERE project_id = 'HBK1126';"

step "row counts"
"${flow[@]}" -c "
SELECT t AS model_table, n AS rows
  FROM (VALUES
        (1, 'borough', (SELECT count(*) FROM borough)),
        (2, 'city_council_district', (SELECT count(*) FROM city_council_district)),
        (3, 'community_district', (SELECT count(*) FROM community_district)),
        (4, 'land_use', (SELECT count(*) FROM land_use)),
        (5, 'tax_lot', (SELECT count(*) FROM tax_lot)),
        (6, 'zoning_district', (SELECT count(*) FROM zoning_district)),
        (7, 'zoning_district_class', (SELECT count(*) FROM zoning_district_class)),
        (8, 'zoning_district_zoning_district_class', (SELECT count(*) FROM zoning_district_zoning_district_class)),
        (9, 'managing_code', (SELECT count(*) FROM managing_code)),
        (10, 'agency', (SELECT count(*) FROM agency)),
        (11, 'capital_project', (SELECT count(*) FROM capital_project)),
        (12, 'capital_project_fund', (SELECT count(*) FROM capital_project_fund)),
        (13, 'capital_commitment_type', (SELECT count(*) FROM capital_commitment_type)),
        (14, 'capital_project_checkbook', (SELECT count(*) FROM capital_project_checkbook)),
        (15, 'agency_budget', (SELECT count(*) FROM agency_budget)),
        (16, 'budget_line', (SELECT count(*) FROM budget_line)),
        (17, 'capital_commitment', (SELECT count(*) FROM capital_commitment)),
        (18, 'capital_commitment_fund', (SELECT count(*) FROM capital_commitment_fund)),
        (19, 'neighborhood_tabulation_area', (SELECT count(*) FROM neighborhood_tabulation_area)),
        (20, 'census_tract', (SELECT count(*) FROM census_tract)),
        (21, 'data_source', (SELECT count(*) FROM data_source))) AS c (o, t, n)
 ORDER BY o"

echo
echo "all checks passed"
