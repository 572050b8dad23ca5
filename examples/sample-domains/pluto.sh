# pluto: the PLUTO and zoning-district extracts of ae-data-backups (part of examples/generate-samples.sh).
mkdir -p "$ae/zoning-api"

# PLUTO extract: EPSG:2263 WKT, as written.
cp "$src/pluto.csv" "$ae/zoning-api/pluto.csv"

# Zoning districts: reprojected to EPSG:4326. Strings are always quoted so that the unlabelled
# district keeps an empty string (""), as in the extract, instead of an empty field that loads
# as NULL. ogr2ogr names the geometry column WKT; the extract calls it wkt, with a plain header.
ogr2ogr -f CSV "$work/zoning_districts.csv" "$src/zoning_districts.csv" "${ogr_csv[@]}" \
    -s_srs EPSG:2263 -t_srs EPSG:4326 -nlt MULTIPOLYGON -nln zoning_districts \
    -lco GEOMETRY=AS_WKT -lco STRING_QUOTING=ALWAYS
sed '1{s/"//g;s/^WKT,/wkt,/}' "$work/zoning_districts.csv" > "$ae/zoning-api/zoning_districts.csv"
