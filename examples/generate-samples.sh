#!/usr/bin/env bash
# Builds examples/sample/<bucket>/<object key> — a small, realistic copy of every downloaded
# source of the NYC flow — from the hand-written files in examples/sample-src/.
#
# Everything in sample-src is drawn on one mini-map in EPSG:2263 (NY Long Island, US feet):
# two boroughs (Manhattan, Brooklyn) tiled by community and council districts, tax lots, zoning
# districts and capital-project sites inside them. ogr2ogr then writes each file the way the real
# one is published:
#   - pluto.csv, cpdb_projects.csv, cpdb_planned_commitments.csv: copied as written;
#   - zoning_districts.csv: reprojected to EPSG:4326, geometry as WKT, first column "wkt";
#   - the two DCP boundary zips: shapefiles in EPSG:2263 with an ESRI .prj, the community
#     districts inside a folder of the zip, as DCP ships them;
#   - the two CPDB zips: shapefiles reprojected to EPSG:4326.
# A .csvt next to each geometry CSV fixes the field types and DBF widths.
#
# Deterministic and idempotent: the output tree is rebuilt from scratch, DBF headers carry a fixed
# date and zip entries a fixed timestamp, so running it twice gives identical bytes.
# Needs bash, ogr2ogr (GDAL 3) and zip.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# SAMPLE_SRC and SAMPLE_OUT point it at other folders (bench/nyc-bench.sh builds NYC-scale inputs this way).
src="${SAMPLE_SRC:-$here/sample-src}"
out="${SAMPLE_OUT:-$here/sample}"
edm="$out/edm-publishing"
ae="$out/ae-data-backups"

# Fixed dates for DBF headers and zip entries, in UTC, so the bytes do not depend on today.
export TZ=UTC
dbf_date=2024-04-01
zip_stamp=202404010000

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rm -rf "$out"
mkdir -p "$edm/db-cpdb/publish/latest" \
         "$edm/datasets/dcp_city_council_districts/24B" \
         "$edm/datasets/dcp_community_districts/24B" \
         "$ae/zoning-api"

# CSV inputs read by ogr2ogr: the WKT column is the geometry (typed WKT in the .csvt), not a field.
ogr_csv=(-oo KEEP_GEOM_COLUMNS=NO)

# shapefile <source csv> <layer name> <geometry type> <target SRS> <directory>
# Writes <directory>/<layer>.shp/.shx/.dbf/.prj/.cpg from a sample-src CSV drawn in EPSG:2263.
shapefile() {
    local csv="$1" layer="$2" type="$3" srs="$4" dir="$5"
    mkdir -p "$dir"
    ogr2ogr -f "ESRI Shapefile" "$dir/$layer.shp" "$src/$csv" "${ogr_csv[@]}" \
        -s_srs EPSG:2263 -t_srs "$srs" -nlt "$type" -nln "$layer" \
        -lco ENCODING=UTF-8 -lco DBF_DATE_LAST_UPDATE="$dbf_date"
}

# pack <zip path> <directory> <entry>...: zips the entries (paths relative to <directory>) with
# fixed timestamps and without extra attributes.
pack() {
    local zip_path="$1" dir="$2"
    shift 2
    (cd "$dir" && for entry in "$@"; do touch -t "$zip_stamp" "$entry"; done \
        && zip -q -X "$zip_path" "$@")
}

# 1–2. CPDB tables: as written.
cp "$src/cpdb_projects.csv" "$src/cpdb_planned_commitments.csv" "$edm/db-cpdb/publish/latest/"

# 3–4. CPDB project geometries: points and polygons, published in EPSG:4326.
shapefile cpdb_dcpattributes_pts.csv cpdb_dcpattributes_pts MULTIPOINT EPSG:4326 "$work/pts"
pack "$edm/db-cpdb/publish/latest/cpdb_dcpattributes_pts.shp.zip" "$work/pts" \
    cpdb_dcpattributes_pts.shp cpdb_dcpattributes_pts.shx cpdb_dcpattributes_pts.dbf \
    cpdb_dcpattributes_pts.prj cpdb_dcpattributes_pts.cpg

shapefile cpdb_dcpattributes_poly.csv cpdb_dcpattributes_poly MULTIPOLYGON EPSG:4326 "$work/poly"
pack "$edm/db-cpdb/publish/latest/cpdb_dcpattributes_poly.shp.zip" "$work/poly" \
    cpdb_dcpattributes_poly.shp cpdb_dcpattributes_poly.shx cpdb_dcpattributes_poly.dbf \
    cpdb_dcpattributes_poly.prj cpdb_dcpattributes_poly.cpg

# 5. City council districts: EPSG:2263, files at the root of the zip.
shapefile dcp_city_council_districts.csv nycc MULTIPOLYGON EPSG:2263 "$work/nycc"
pack "$edm/datasets/dcp_city_council_districts/24B/dcp_city_council_districts.zip" "$work/nycc" \
    nycc.shp nycc.shx nycc.dbf nycc.prj nycc.cpg

# 6. Community districts: EPSG:2263, files inside a folder of the zip.
shapefile dcp_community_districts.csv nycd MULTIPOLYGON EPSG:2263 "$work/nycd/nycd_24b"
pack "$edm/datasets/dcp_community_districts/24B/dcp_community_districts.zip" "$work/nycd" \
    nycd_24b/nycd.shp nycd_24b/nycd.shx nycd_24b/nycd.dbf nycd_24b/nycd.prj nycd_24b/nycd.cpg

# 7. PLUTO extract: EPSG:2263 WKT, as written.
cp "$src/pluto.csv" "$ae/zoning-api/pluto.csv"

# 8. Zoning districts: reprojected to EPSG:4326. Strings are always quoted so that the unlabelled
# district keeps an empty string (""), as in the extract, instead of an empty field that loads
# as NULL. ogr2ogr names the geometry column WKT; the extract calls it wkt, with a plain header.
ogr2ogr -f CSV "$work/zoning_districts.csv" "$src/zoning_districts.csv" "${ogr_csv[@]}" \
    -s_srs EPSG:2263 -t_srs EPSG:4326 -nlt MULTIPOLYGON -nln zoning_districts \
    -lco GEOMETRY=AS_WKT -lco STRING_QUOTING=ALWAYS
sed '1{s/"//g;s/^WKT,/wkt,/}' "$work/zoning_districts.csv" > "$ae/zoning-api/zoning_districts.csv"

echo "samples written under $out:"
(cd "$out" && find . -type f | sort | sed 's|^\./|  |')
