# facilities: Data Engineering's facilities build (part of examples/generate-samples.sh). As written.
# The sample (examples/sample-src/facilities.csv, 40 facilities) uses every group of data/facility_group.csv, two of
# the nine subgroups the original's list lacked, and each case sql/transform/facilities.sql handles on purpose: a
# type under two subgroups (COMMUNITY CENTER), an operator under two types (Queens Public Library), an operator
# without abbreviation (Brooklyn Public Library), a facility without operator, a capacity above 32,767, overseeing
# agencies the agency lookup lacks, and facilities without coordinates. Coordinates lie in the sample boroughs.
dir="$edm/db-facilities/build/dm-facdb-mock-sgr"
mkdir -p "$dir"
cp "$src/facilities.csv" "$dir/"
