#!/usr/bin/env bash
# Times the shapefile converter against GDAL on a generated tax-lot shapefile and checks its memory on a big one.
#
#   bench/convert-bench.sh            300,000 polygons timed; 1,600,000 polygons for the memory check
#   N=50000 BIG=0 bench/convert-bench.sh   smaller run, no memory check
#
# Needs: target/runner.jar (mvn package), ogr2ogr and gdalsrsinfo (gdal-bin), /usr/bin/time (package "time").
# Generated files are kept in target/bench and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-300000}
BIG=${BIG:-1600000}
XMX=${XMX:-96m}
RUNS=${RUNS:-3}
JAR=target/runner.jar
WORK=target/bench
OURS=(java -XX:+UseSerialGC -jar "$JAR" convert)

command -v ogr2ogr >/dev/null || { echo "ogr2ogr missing: apt-get install gdal-bin" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR missing: run mvn -q -B package -DskipTests first" >&2; exit 1; }
mkdir -p "$WORK"

# make_lots COUNT NAME: a polygon shapefile in EPSG:2263 written by GDAL from generated WKT.
make_lots() {
  local n=$1 name=$2
  if [ ! -f "$WORK/$name.shp" ]; then
    echo "generating $name.shp ($n polygons)..." >&2
    java bench/GenerateTaxLots.java "$n" "$WORK/$name.csv"
    ogr2ogr -f "ESRI Shapefile" "$WORK/$name.shp" "$WORK/$name.csv" -oo GEOM_POSSIBLE_NAMES=wkt \
      -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:2263 -nlt POLYGON -lco ENCODING=UTF-8
    rm -f "$WORK/$name.csv" "$WORK/$name.csvt"
  fi
}

# measure LABEL COMMAND...: best wall time of $RUNS runs and the peak RSS of that run.
measure() {
  local label=$1 best="" best_rss=""
  shift
  for _ in $(seq "$RUNS"); do
    # Neither GDAL's CSV driver nor convert (without --overwrite) replaces a file.
    rm -f "$WORK/gdal.csv" "$WORK/ours.csv" "$WORK/ours-wkt.csv" "$WORK/big.csv"
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt"; then
      cat "$WORK/time.txt" >&2
      exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$WORK/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; best_rss=$rss; fi
  done
  printf '%-44s %7.2f s  %5d MiB peak RSS\n' "$label" "$best" "$best_rss"
}

LOTS=lots-$N
make_lots "$N" "$LOTS"
cat "$WORK/$LOTS".* >/dev/null   # same warm page cache for every contender
echo "== $N polygons ($(du -ch "$WORK/$LOTS.shp" "$WORK/$LOTS.dbf" | tail -1 | cut -f1) .shp+.dbf), best of $RUNS, JVM start included"
measure "ours: hex EWKB CSV" "${OURS[@]}" "$WORK/$LOTS.shp" -o "$WORK/ours.csv"
measure "ours: hex EWKB CSV, promoteToMulti" "${OURS[@]}" "$WORK/$LOTS.shp" -o "$WORK/ours.csv" --promote-to-multi
measure "ours: WKT CSV" "${OURS[@]}" "$WORK/$LOTS.shp" -o "$WORK/ours-wkt.csv" --wkt
# The same file with the ESRI .prj of EPSG:6539 (NAD83(2011) / New York Long Island ftUS), which only the EPSG
# catalog recognises: the difference with the first line is the catalog's start-up.
for ext in shp shx dbf cpg; do ln -sf "$LOTS.$ext" "$WORK/$LOTS-6539.$ext"; done
gdalsrsinfo --single-line -o wkt_esri EPSG:6539 > "$WORK/$LOTS-6539.prj"
measure "ours: hex EWKB CSV, .prj of EPSG:6539" "${OURS[@]}" "$WORK/$LOTS-6539.shp" -o "$WORK/ours.csv"
measure "ogr2ogr -f PGDump -nlt GEOMETRY" ogr2ogr -f PGDump "$WORK/gdal.sql" "$WORK/$LOTS.shp" -nlt GEOMETRY -overwrite
measure "ogr2ogr -f PGDump -nlt PROMOTE_TO_MULTI" ogr2ogr -f PGDump "$WORK/gdal.sql" "$WORK/$LOTS.shp" -nlt PROMOTE_TO_MULTI -overwrite
measure "ogr2ogr -f CSV -lco GEOMETRY=AS_WKT" ogr2ogr -f CSV "$WORK/gdal.csv" "$WORK/$LOTS.shp" -lco GEOMETRY=AS_WKT
rm -f "$WORK/ours.csv" "$WORK/ours-wkt.csv" "$WORK/gdal.sql" "$WORK/gdal.csv"

if [ "$BIG" -gt 0 ]; then
  BIGLOTS=lots-$BIG
  make_lots "$BIG" "$BIGLOTS"
  echo "== memory: $BIG polygons ($(du -ch "$WORK/$BIGLOTS.shp" "$WORK/$BIGLOTS.dbf" | tail -1 | cut -f1) .shp+.dbf), one run each"
  RUNS=1
  measure "ours, default heap" "${OURS[@]}" "$WORK/$BIGLOTS.shp" -o "$WORK/big.csv"
  measure "ours, -Xmx$XMX" java -XX:+UseSerialGC -Xmx"$XMX" -jar "$JAR" convert \
    "$WORK/$BIGLOTS.shp" -o "$WORK/big.csv"
  echo "rows written: $(($(wc -l <"$WORK/big.csv") - 1))"
  rm -f "$WORK/big.csv"
fi
