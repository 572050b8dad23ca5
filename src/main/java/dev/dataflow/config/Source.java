package dev.dataflow.config;

import java.util.List;

/**
 * One source file of a domain and the source table and columns it loads into: a {@link Csv} loaded as it is, or a
 * {@link Shapefile} converted to CSV on the way. Where the file comes from is its {@link SourceLocation}, the same
 * choice for both.
 */
public sealed interface Source {
    /** The label templates show as {@code {{name}}}; the table name unless given. */
    String name();

    String domain();

    SourceLocation location();

    String table();

    List<String> columns();

    Pos pos();

    /** A CSV file, loaded as it is. */
    record Csv(String name, String domain, SourceLocation location, String table, List<String> columns, Pos pos)
            implements Source {
    }

    /**
     * A shapefile (loose or zipped) converted with {@code options} to the CSV file {@code output} in the convert
     * folder (the shapefile's name with {@code .csv} unless the flow names another).
     */
    record Shapefile(String name, String domain, SourceLocation location, ConvertOptions options, String output,
                     String table, List<String> columns, Pos pos) implements Source {
    }

    default boolean isRemote() {
        return location() instanceof SourceLocation.InBucket;
    }

    default boolean needsConversion() {
        return this instanceof Shapefile;
    }

    /** The file name the object or file has locally, without folders. */
    default String fileName() {
        return location().fileName();
    }
}
