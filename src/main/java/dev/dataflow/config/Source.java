package dev.dataflow.config;

import java.util.List;

/**
 * One source file of a domain: where it comes from (an object in a bucket, or a file shipped with the flow),
 * whether it is a shapefile to convert, and the source table and columns it loads into.
 */
public record Source(String name, String domain, String bucket, String key, String file, ConvertSpec convert,
                     String table, List<String> columns, Pos pos) {
    public boolean isRemote() {
        return bucket != null;
    }

    public boolean needsConversion() {
        return convert != null;
    }

    /** The file name the object or file has locally, without folders. */
    public String fileName() {
        String path = isRemote() ? key : file;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
