package dev.dataflow.config;


import java.nio.file.Path;

/** Where a source's files live locally: the download, the converted CSV, and the file that gets loaded. */
public final class SourcePaths {
    private SourcePaths() {
    }

    /** The downloaded object ({@code downloadDir/<bucket>/<key>}) or the shipped file. */
    public static Path original(Pipeline pipeline, Source source) {
        if (!source.isRemote()) {
            return pipeline.resolve(Path.of(source.file()));
        }
        return pipeline.resolve(pipeline.settings().downloadDir()).resolve(source.bucket()).resolve(source.key());
    }

    /** The CSV a shapefile source converts to: its file name without the last extension, plus {@code .csv}. */
    public static Path converted(Pipeline pipeline, Source source) {
        String name = source.convert().output();
        if (name == null) {
            String file = source.fileName();
            int dot = file.lastIndexOf('.');
            name = (dot > 0 ? file.substring(0, dot) : file) + ".csv";
        }
        return pipeline.resolve(pipeline.settings().convertDir()).resolve(name);
    }

    /** The CSV that {@code pg:source:load} reads. */
    public static Path loadable(Pipeline pipeline, Source source) {
        return source.needsConversion() ? converted(pipeline, source) : original(pipeline, source);
    }
}
