#!/usr/bin/env bash
# Builds examples/sample/<bucket>/<object key> — a small, realistic copy of every downloaded
# source of the NYC flow — from the hand-written files in examples/sample-src/.
# Each domain's objects are written by its own part, examples/sample-domains/<domain>.sh, run in
# name order with the helpers below (shapefile, pack) and $src, $out, $edm, $ae, $work set.
#
# Everything in sample-src is drawn on one mini-map in EPSG:2263 (NY Long Island, US feet): the
# five boroughs, with Manhattan and Brooklyn tiled by community and council districts, tax lots,
# zoning districts and capital-project sites, and neighborhood tabulation areas and census tracts
# (2010 and 2020) in every borough. ogr2ogr then writes each file the way the real one is published:
#   - pluto.csv, cpdb_projects.csv, cpdb_planned_commitments.csv: copied as written;
#   - zoning_districts.csv: reprojected to EPSG:4326, geometry as WKT, first column "wkt";
#   - the two DCP boundary zips: shapefiles in EPSG:2263 with an ESRI .prj, the community
#     districts inside a folder of the zip, as DCP ships them;
#   - the two CPDB zips: shapefiles reprojected to EPSG:4326;
#   - the borough, NTA and census-tract zips: shapefiles in EPSG:2263 with an ESRI .prj;
#   - the agency lookup and the data-source list: copied as written.
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
mkdir -p "$edm" "$ae"

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

for part in "$here"/sample-domains/*.sh; do
    # shellcheck source=/dev/null
    source "$part"
done

echo "samples written under $out:"
(cd "$out" && find . -type f | sort | sed 's|^\./|  |')
