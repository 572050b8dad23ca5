#!/usr/bin/env bash
# Regenerates corpus.tsv.gz, the coordinate systems PrjSridCorpusTest checks against GDAL:
#
#   bash src/test/resources/dev/dataflow/shapefile/srs-corpus/make.sh      (needs gdalsrsinfo, from gdal-bin)
#
# For each EPSG code below, gdalsrsinfo writes the system as ESRI WKT1, OGC WKT1 and OGC WKT1 "simple" (no AUTHORITY,
# TOWGS84 or AXIS nodes), and `gdalsrsinfo -e` says which EPSG code it identifies in each text. One line per code and
# flavour: CODE TAB GROUP TAB FLAVOUR TAB GDAL_CODE TAB WKT, GDAL_CODE 0 when GDAL finds none. Codes GDAL itself does
# not give back for their own OGC WKT (deprecated or superseded ones, 3D systems) are left out and listed on stderr.
# About 3 minutes on 2 cores (four gdalsrsinfo runs per code), which is why the result is committed, not made per test.
set -euo pipefail
cd "$(dirname "$0")"
command -v gdalsrsinfo >/dev/null || { echo "gdalsrsinfo missing: apt-get install gdal-bin" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  for c in $(seq 4201 4330) 4326 4258 4283 4617 4152 6318 4759 4269 4267 4674 4612 4167 4490 4148 4322; do echo "$c geographic"; done
  for c in $(seq 2222 2289); do echo "$c stateplane-nad83-feet"; done
  for c in $(seq 26929 26998) $(seq 32100 32161); do echo "$c stateplane-nad83-metres"; done
  for c in $(seq 2759 2866); do echo "$c stateplane-nad83-harn"; done
  for c in $(seq 6350 6627); do echo "$c stateplane-nad83-2011"; done
  for c in $(seq 26729 26798) $(seq 32001 32060); do echo "$c stateplane-nad27-feet"; done
  for c in $(seq 32601 32660) $(seq 32701 32760) $(seq 26901 26923) $(seq 26703 26722) $(seq 25828 25838); do echo "$c utm"; done
  for c in 27700 2154 3035 28992 31370 2056 21781 3006 3067 2193 3577 3111 2180 5514 3346 3301 3059 23700 3765 31287 \
      3414 2326 3826 3034 3395 5070 2039 32118 3310 3005 3978 3347 2100 2062 3763 3068 31467 31468 5243 4087 3416 \
      3308 3112 7856 7855 28355 28356 2958 2959 3158 2950 2951 3844 3120 22275 22235 2041 2043 20255 20256 29902 2157 \
      3107 27561 27562 27563 27564 27571 27572 27573 27574; do echo "$c national-grid"; done
  echo "3857 web-mercator"
} | awk '!seen[$1]++' > "$work/codes"

one() {
  local code=$1 group=$2 all flavour wkt gdal
  all=$(gdalsrsinfo -o all --single-line "EPSG:$code" 2>/dev/null) || { echo "skip $code: unknown to GDAL" >&2; return; }
  for flavour in esri ogc ogc-simple; do
    case $flavour in
      esri) wkt=$(printf '%s\n' "$all" | awk '/^ESRI WKT :/ {getline; print; exit}') ;;
      ogc) wkt=$(printf '%s\n' "$all" | awk '/^OGC WKT1 :/ {getline; print; exit}') ;;
      ogc-simple) wkt=$(printf '%s\n' "$all" | awk '/^OGC WKT1 \(simple\) :/ {getline; print; exit}') ;;
    esac
    printf '%s' "$wkt" > "$work/$code.prj"
    gdal=$(gdalsrsinfo -e "$work/$code.prj" 2>/dev/null | sed -n 's/^EPSG:\([0-9-]*\)$/\1/p' | head -1)
    printf '%s\t%s\t%s\t%s\t%s\n' "$code" "$group" "$flavour" "${gdal:-0}" "$wkt"
  done > "$work/$code.tsv"
  rm -f "$work/$code.prj"
  if ! awk -F'\t' -v c="$code" '$3 == "ogc" && $4 == c {found=1} END {exit !found}' "$work/$code.tsv"; then
    echo "skip $code: GDAL identifies its own OGC WKT as EPSG:$(awk -F'\t' '$3 == "ogc" {print $4}' "$work/$code.tsv")" >&2
    rm -f "$work/$code.tsv"
  fi
}
export -f one
export work
xargs -P 2 -L 1 bash -c 'one "$@"' _ < "$work/codes"
{
  echo "# gdalsrsinfo from $(gdalsrsinfo --version); regenerate with make.sh"
  while read -r code group; do [ -f "$work/$code.tsv" ] && cat "$work/$code.tsv"; done < "$work/codes"
} | gzip -9n > corpus.tsv.gz
echo "$(zcat corpus.tsv.gz | grep -vc '^#') lines written to $(pwd)/corpus.tsv.gz" >&2
