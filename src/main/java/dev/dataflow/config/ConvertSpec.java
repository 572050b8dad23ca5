package dev.dataflow.config;

/** How a shapefile source becomes a CSV: multi promotion, SRID override, WKT instead of EWKB, dimensions, charset. */
public record ConvertSpec(boolean promoteToMulti, Integer srid, boolean wkt, int dimensions, String charset,
                          String geometryColumn, String output) {
}
