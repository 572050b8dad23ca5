# city-council-districts: DCP's council districts, release 24B (part of examples/generate-samples.sh).
# EPSG:2263, files at the root of the zip.
mkdir -p "$edm/datasets/dcp_city_council_districts/24B"
shapefile dcp_city_council_districts.csv nycc MULTIPOLYGON EPSG:2263 "$work/nycc"
pack "$edm/datasets/dcp_city_council_districts/24B/dcp_city_council_districts.zip" "$work/nycc" \
    nycc.shp nycc.shx nycc.dbf nycc.prj nycc.cpg
