# agencies: Data Engineering's managing-agency lookup, pinned inbox copy (part of examples/generate-samples.sh).
# As written: NYCRGB and SUNY have a quoted empty name ("") as in the published lookup.
dir="$out/edm-recipes/inbox/dcp/dcp_managing_agencies_lookup/20260222"
mkdir -p "$dir"
cp "$src/dcp_managing_agencies_lookup.csv" "$dir/"
