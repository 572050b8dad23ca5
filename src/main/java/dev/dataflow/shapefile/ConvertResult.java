package dev.dataflow.shapefile;

import java.nio.file.Path;
import java.util.List;

/**
 * What a conversion produced.
 *
 * @param output   the CSV file, or null when the CSV went to a stream
 * @param features rows written (deleted records are not counted)
 * @param srid     the SRID of the geometries (from the options or the .prj); 0 when unknown
 * @param columns  the CSV header: attribute columns in field order, lower-cased, then the geometry column
 * @param warnings what the user should know about the result, such as an unknown coordinate system written as SRID 0
 */
public record ConvertResult(Path output, long features, int srid, List<String> columns, List<String> warnings) {
    public ConvertResult {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
