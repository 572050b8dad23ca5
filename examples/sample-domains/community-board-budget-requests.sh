# community-board-budget-requests (part of examples/generate-samples.sh): the CBBR export and the
# two option lists.
#   - the option lists (ae-data-backups zoning-api/): copied as written;
#   - cbbr_export.csv (edm-publishing db-cbbr/publish/latest/): written like Data Engineering's CSV
#     COPY of its export table: NULLs as unquoted empty fields, quotes only where needed, and the
#     geometry as hex EWKB with SRID 4326 in the last column `geom`. sample-src draws it as WKT in
#     EPSG:2263 (column WKT); ogr2ogr's SQLite dialect reprojects it and writes WKB, and the SRID
#     is put into the WKB header (type | 0x20000000, then 4326 little-endian) to make it EWKB.
mkdir -p "$ae/zoning-api" "$edm/db-cbbr/publish/latest"
cp "$src/cbbr_options_cascade_v2.csv" "$src/cbbr_options_no_duplicates_surrogate_ids_v2.csv" "$ae/zoning-api/"

cbbr_columns="unique_id, tracking_code, borough, borough_code, cd, commdist, cb_label, type_br, type, priority,
  policy_area, need_group, need, title, request, explanation, location_specific, site_name, address,
  street_name, on_street, cross_street_1, cross_street_2, intersection_street_1, intersection_street_2,
  supporters_1, supporters_2, agency_acronym, agency, agency_category_response, agency_response, geo_function"
ogr2ogr -f CSV "$work/cbbr_export.csv" "$src/cbbr_export.csv" "${ogr_csv[@]}" -oo EMPTY_STRING_AS_NULL=YES \
    -lco STRING_QUOTING=IF_NEEDED -dialect SQLite \
    -sql "SELECT $cbbr_columns, hex(ST_AsBinary(ST_Transform(SetSRID(WKT, 2263), 4326))) AS geom FROM cbbr_export"
# Little-endian WKB header 01 + type (1-7) 000000 at the start of the last field → EWKB with SRID 4326.
sed -E 's/,01(0[1-7])000000([0-9A-F]*)$/,01\1000020E6100000\2/' "$work/cbbr_export.csv" \
    > "$edm/db-cbbr/publish/latest/cbbr_export.csv"
