# boroughs: DCP's borough boundaries, "production" release (part of examples/generate-samples.sh).
# Five polygon features in EPSG:2263 with an ESRI .prj, files at the root of the zip.
mkdir -p "$edm/datasets/dcp_borough_boundary/production"
shapefile dcp_borough_boundary.csv nybb MULTIPOLYGON EPSG:2263 "$work/nybb"
pack "$edm/datasets/dcp_borough_boundary/production/dcp_borough_boundary.zip" "$work/nybb" \
    nybb.shp nybb.shx nybb.dbf nybb.prj nybb.cpg
