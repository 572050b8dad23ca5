package dev.dataflow.shapefile;

import java.nio.file.Path;
import java.util.List;

/**
 * What a conversion produced.
 *
 * @param output   the CSV file
 * @param features rows written (deleted records are not counted)
 * @param srid     the SRID of the geometries (from the options or the .prj)
 * @param columns  the CSV header: attribute columns in field order, lower-cased, then the geometry column
 */
public record ConvertResult(Path output, long features, int srid, List<String> columns) {
    public ConvertResult {
        columns = List.copyOf(columns);
    }
}
