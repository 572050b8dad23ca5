# community-districts: DCP's community districts, release 24B (part of examples/generate-samples.sh).
# EPSG:2263, files inside a folder of the zip, as DCP ships them.
mkdir -p "$edm/datasets/dcp_community_districts/24B"
shapefile dcp_community_districts.csv nycd MULTIPOLYGON EPSG:2263 "$work/nycd/nycd_24b"
pack "$edm/datasets/dcp_community_districts/24B/dcp_community_districts.zip" "$work/nycd" \
    nycd_24b/nycd.shp nycd_24b/nycd.shx nycd_24b/nycd.dbf nycd_24b/nycd.prj nycd_24b/nycd.cpg
