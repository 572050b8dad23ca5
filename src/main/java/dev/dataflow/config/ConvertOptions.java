package dev.dataflow.config;

import dev.dataflow.DataflowException;

import java.nio.charset.Charset;

/**
 * How a shapefile becomes CSV: the {@code convert:} of a flow's shapefile source (see {@link Source.Shapefile}), or
 * the options of the {@code convert} command. Pure data, so that config can hold it and the converter read it.
 *
 * @param promoteToMulti wrap single Polygon, LineString and Point geometries in their multi type
 * @param srid           EPSG code of the coordinates; null to take it from the .prj
 * @param wkt            write WKT without SRID instead of hex EWKB with SRID
 * @param dimensions     0 keeps Z and M as the file has them, 2 writes XY only
 * @param charset        charset of the DBF text; null to take it from the .cpg or the DBF header
 * @param geometryColumn name of the geometry column (the last one)
 * @param layer          which layer of a zip holding several (file name without .shp, optionally with its folder)
 * @param unknownCrsAsZero when no srid is set and the .prj is missing or matches no EPSG system: true writes SRID 0
 *                       with a warning, as ogr2ogr does (the {@code convert} command); false fails (a flow's source)
 */
public record ConvertOptions(boolean promoteToMulti, Integer srid, boolean wkt, int dimensions, Charset charset,
                             String geometryColumn, String layer, boolean unknownCrsAsZero) {
    public static final String DEFAULT_GEOMETRY_COLUMN = "wkt";

    public ConvertOptions {
        if (dimensions != 0 && dimensions != 2) {
            throw DataflowException.badConfig("dimensions must be 0 (keep Z and M) or 2 (XY only), not " + dimensions,
                    null);
        }
        if (srid != null && srid <= 0) {
            throw DataflowException.badConfig("srid must be a positive EPSG code, not " + srid, null);
        }
        if (geometryColumn == null || geometryColumn.isBlank()) {
            geometryColumn = DEFAULT_GEOMETRY_COLUMN;
        }
    }

    /**
     * No promotion, SRID from the .prj (failing when it is unknown), hex EWKB, Z and M kept, charset from the file,
     * column {@code wkt}, one layer.
     */
    public static ConvertOptions defaults() {
        return new ConvertOptions(false, null, false, 0, null, DEFAULT_GEOMETRY_COLUMN, null, false);
    }

    public ConvertOptions withPromoteToMulti(boolean value) {
        return new ConvertOptions(value, srid, wkt, dimensions, charset, geometryColumn, layer, unknownCrsAsZero);
    }

    public ConvertOptions withSrid(Integer value) {
        return new ConvertOptions(promoteToMulti, value, wkt, dimensions, charset, geometryColumn, layer, unknownCrsAsZero);
    }

    public ConvertOptions withWkt(boolean value) {
        return new ConvertOptions(promoteToMulti, srid, value, dimensions, charset, geometryColumn, layer, unknownCrsAsZero);
    }

    public ConvertOptions withDimensions(int value) {
        return new ConvertOptions(promoteToMulti, srid, wkt, value, charset, geometryColumn, layer, unknownCrsAsZero);
    }

    public ConvertOptions withCharset(Charset value) {
        return new ConvertOptions(promoteToMulti, srid, wkt, dimensions, value, geometryColumn, layer, unknownCrsAsZero);
    }

    public ConvertOptions withGeometryColumn(String value) {
        return new ConvertOptions(promoteToMulti, srid, wkt, dimensions, charset, value, layer, unknownCrsAsZero);
    }

    public ConvertOptions withLayer(String value) {
        return new ConvertOptions(promoteToMulti, srid, wkt, dimensions, charset, geometryColumn, value, unknownCrsAsZero);
    }

    public ConvertOptions withUnknownCrsAsZero(boolean value) {
        return new ConvertOptions(promoteToMulti, srid, wkt, dimensions, charset, geometryColumn, layer, value);
    }
}
