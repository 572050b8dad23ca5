# neighborhood-tabulation-areas: DCP's 2010 and 2020 NTAs, release 24B (part of examples/generate-samples.sh).
# Polygon layers in EPSG:2263 with an ESRI .prj, files at the root of the zip.
for year in 2010 2020; do
    mkdir -p "$edm/datasets/dcp_nta_$year/24B"
    shapefile "dcp_nta_$year.csv" "nynta$year" MULTIPOLYGON EPSG:2263 "$work/nynta$year"
    pack "$edm/datasets/dcp_nta_$year/24B/dcp_nta_$year.zip" "$work/nynta$year" \
        "nynta$year.shp" "nynta$year.shx" "nynta$year.dbf" "nynta$year.prj" "nynta$year.cpg"
done
