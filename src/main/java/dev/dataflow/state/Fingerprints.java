package dev.dataflow.state;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourceLocation;
import dev.dataflow.plan.Plan;
import dev.dataflow.template.TemplateContext;
import dev.dataflow.template.TemplateRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The fingerprint of a step's inputs: its id and domains, its rendered SQL, and the checksums of the files it reads.
 * Two runs with equal fingerprints for a step would do the same work; resume re-runs a step whose fingerprint changed.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String of(Pipeline pipeline, Plan.PlannedStep ps) {
        MessageDigest md = sha256();
        update(md, "step " + ps.step().id() + " kind " + ps.step().kind() + " domains " + ps.domains());
        TemplateRenderer renderer = new TemplateRenderer(pipeline.resolve(pipeline.settings().sqlDir()),
                pipeline.settings().sqlDir().toString());
        for (String t : ps.step().sql()) {
            update(md, renderer.render(t, TemplateContext.forStep(pipeline, ps.step().id(), null, ps.domains())).sql());
        }
        for (String name : ps.domains()) {
            Domain d = pipeline.domain(name).orElseThrow();
            for (String t : d.templatesFor(ps.step().id())) {
                update(md, renderer.render(t, TemplateContext.forStep(pipeline, ps.step().id(), d, ps.domains())).sql());
            }
            update(md, "tables " + d.tables());
            if (ps.step().kind() == null) {
                continue;
            }
            for (Source s : d.sources()) {
                switch (ps.step().kind()) {
                    // A shipped file is no object; its text stays "null/null" as before, so fingerprints keep their value.
                    case DOWNLOAD -> update(md, "object " + (s.location() instanceof SourceLocation.InBucket o
                            ? o.bucket() + "/" + o.key() : "null/null"));
                    case CONVERT -> {
                        if (s instanceof Source.Shapefile shp) {
                            update(md, "convert " + shp.options() + " " + shp.output() + " "
                                    + checksum(dev.dataflow.config.SourcePaths.original(pipeline, s)));
                        }
                    }
                    // A shapefile streamed into its COPY has no CSV on disk: the shapefile itself is the input.
                    case LOAD -> update(md, "load " + s.table() + " " + s.columns() + " "
                            + checksum(Files.isRegularFile(dev.dataflow.config.SourcePaths.loadable(pipeline, s))
                            ? dev.dataflow.config.SourcePaths.loadable(pipeline, s)
                            : dev.dataflow.config.SourcePaths.original(pipeline, s)));
                    default -> {
                    }
                }
            }
        }
        if (ps.step().kind() == dev.dataflow.config.StepKind.DRIZZLE_PUSH) {
            update(md, checksum(pipeline.resolve(pipeline.settings().drizzleSchema())));
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    /** CRC32C of a file (hardware-accelerated, enough to notice a changed input), or "missing". */
    static String checksum(Path file) {
        if (!Files.isRegularFile(file)) {
            return "missing:" + file;
        }
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            return "unreadable:" + file;
        }
        return Long.toHexString(crc.getValue()) + ":" + size;
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
