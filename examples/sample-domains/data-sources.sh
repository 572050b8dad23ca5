# data-sources: the facilities build's input dataset list (part of examples/generate-samples.sh). As written.
dir="$edm/db-facilities/build/dm-facdb-mock-sgr"
mkdir -p "$dir"
cp "$src/source_data_versions.csv" "$dir/"
