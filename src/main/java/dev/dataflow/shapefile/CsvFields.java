package dev.dataflow.shapefile;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one CSV record, fed line by line: a field in double quotes may hold commas, doubled quotes (one quote
 * each) and line breaks, so a record ends only on a line that leaves no quote open. The one reading rule for the CSV
 * this project reads: the header line of a source file and GDAL's tables in the proj4j-epsg jar.
 */
public final class CsvFields {
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean quoted;
    private boolean started;

    /** Adds the next line of the record; true when the record is complete, false while a quoted field is open. */
    public boolean feed(String line) {
        if (started) {
            field.append('\n');
        }
        started = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        return !quoted;
    }

    /** The fields read so far, the last one (possibly still open) included. */
    public List<String> fields() {
        List<String> all = new ArrayList<>(fields);
        all.add(field.toString());
        return all;
    }
}
