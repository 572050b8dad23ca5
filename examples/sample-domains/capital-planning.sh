# capital-planning: the four CPDB publish files (part of examples/generate-samples.sh).
dir="$edm/db-cpdb/publish/latest"
mkdir -p "$dir"

# CPDB tables: as written.
cp "$src/cpdb_projects.csv" "$src/cpdb_planned_commitments.csv" "$dir/"

# CPDB project geometries: points and polygons, published in EPSG:4326.
shapefile cpdb_dcpattributes_pts.csv cpdb_dcpattributes_pts MULTIPOINT EPSG:4326 "$work/pts"
pack "$dir/cpdb_dcpattributes_pts.shp.zip" "$work/pts" \
    cpdb_dcpattributes_pts.shp cpdb_dcpattributes_pts.shx cpdb_dcpattributes_pts.dbf \
    cpdb_dcpattributes_pts.prj cpdb_dcpattributes_pts.cpg

shapefile cpdb_dcpattributes_poly.csv cpdb_dcpattributes_poly MULTIPOLYGON EPSG:4326 "$work/poly"
pack "$dir/cpdb_dcpattributes_poly.shp.zip" "$work/poly" \
    cpdb_dcpattributes_poly.shp cpdb_dcpattributes_poly.shx cpdb_dcpattributes_poly.dbf \
    cpdb_dcpattributes_poly.prj cpdb_dcpattributes_poly.cpg
