# census-tracts: DCP's census tracts, 2010 (release 23B) and 2020 (release 25D) (part of
# examples/generate-samples.sh). Polygon layers in EPSG:2263 with an ESRI .prj, files at the root of the zip.
for pair in 2010:23B 2020:25D; do
    year="${pair%:*}" release="${pair#*:}"
    mkdir -p "$edm/datasets/dcp_census_tracts_$year/$release"
    shapefile "dcp_census_tracts_$year.csv" "nyct$year" MULTIPOLYGON EPSG:2263 "$work/nyct$year"
    pack "$edm/datasets/dcp_census_tracts_$year/$release/dcp_census_tracts_$year.zip" "$work/nyct$year" \
        "nyct$year.shp" "nyct$year.shx" "nyct$year.dbf" "nyct$year.prj" "nyct$year.cpg"
done
