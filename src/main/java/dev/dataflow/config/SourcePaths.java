package dev.dataflow.config;


import java.nio.file.Path;

/** Where a source's files live locally: the download, the converted CSV, and the file that gets loaded. */
public final class SourcePaths {
    private SourcePaths() {
    }

    /** The downloaded object ({@code downloadDir/<bucket>/<key>}) or the shipped file. */
    public static Path original(Pipeline pipeline, Source source) {
        if (source.location() instanceof SourceLocation.InBucket object) {
            return pipeline.resolve(pipeline.settings().downloadDir()).resolve(object.bucket()).resolve(object.key());
        }
        return pipeline.resolve(Path.of(source.location().path()));
    }

    /** The CSV a shapefile source converts to, in the convert folder. */
    public static Path converted(Pipeline pipeline, Source.Shapefile source) {
        return pipeline.resolve(pipeline.settings().convertDir()).resolve(source.output());
    }

    /** The CSV that {@code pg:source:load} reads. */
    public static Path loadable(Pipeline pipeline, Source source) {
        return source instanceof Source.Shapefile shapefile ? converted(pipeline, shapefile) : original(pipeline, source);
    }
}
