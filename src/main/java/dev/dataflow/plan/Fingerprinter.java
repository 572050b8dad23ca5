package dev.dataflow.plan;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.StepKind;
import dev.dataflow.template.TemplateContext;
import dev.dataflow.template.TemplateRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Fingerprints a plan's steps once, when the plan is made (as Flyway checksums a migration when it resolves it): a
 * step's id, kind and domains, its rendered templates, its domains' tables, and what its kind says it reads. Two runs
 * with equal fingerprints for a step would do the same work; {@code resume} re-runs a step whose fingerprint changed.
 *
 * <p>A file the step reads is covered by its content as it is now, unless an earlier step of the same plan writes it
 * (the download a convert reads, the CSV a load reads): that file does not exist yet, or is stale, so it is covered
 * by its name and its writer, and the writer's own fingerprint covers what the file will hold. Otherwise a failed
 * run's fingerprints would say "missing" for it, and resume would restart from the step that reads it rather than
 * from the step that failed. Kept apart from the {@link Planner}, which stays pure: this pass renders templates and
 * reads files.
 */
public final class Fingerprinter {
    private Fingerprinter() {
    }

    /** The plan with each step's fingerprint; a step whose fingerprint cannot be made (a template error) has none. */
    public static Plan fingerprint(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds) {
        TemplateRenderer renderer = new TemplateRenderer(pipeline.resolve(pipeline.settings().sqlDir()),
                pipeline.settings().sqlDir().toString());
        Map<Path, String> writers = new HashMap<>();
        List<Plan.PlannedStep> out = new ArrayList<>();
        for (Plan.PlannedStep ps : plan.steps()) {
            StepTraits traits = StepTraits.of(kinds, ps.step().kind());
            List<Domain> domains = ps.domains().stream().map(d -> pipeline.domain(d).orElseThrow()).toList();
            String fingerprint;
            try {
                fingerprint = of(pipeline, renderer, ps, domains, traits, writers);
            } catch (RuntimeException e) {
                // The step itself meets the same error when it runs, and says it there, with its file and line.
                fingerprint = null;
            }
            out.add(ps.withFingerprint(fingerprint));
            traits.writes(pipeline, domains).forEach(p -> writers.putIfAbsent(key(p), ps.step().id()));
        }
        return new Plan(plan.selection(), List.copyOf(out), plan.build(), plan.buildReasons(), plan.publish(),
                plan.publishReasons());
    }

    private static String of(Pipeline pipeline, TemplateRenderer renderer, Plan.PlannedStep ps, List<Domain> domains,
                             StepTraits traits, Map<Path, String> writers) {
        MessageDigest md = sha256();
        String id = ps.step().id();
        update(md, "step " + id + " kind " + ps.step().kind() + " domains " + ps.domains());
        for (String t : ps.step().sql()) {
            update(md, renderer.render(t, TemplateContext.forStep(pipeline, id, null, ps.domains())).sql());
        }
        for (Domain d : domains) {
            for (String t : d.templatesFor(id)) {
                update(md, renderer.render(t, TemplateContext.forStep(pipeline, id, d, ps.domains())).sql());
            }
            update(md, "tables " + d.tables());
            traits.fingerprint(pipeline, d).forEach(in -> update(md, text(in, writers)));
        }
        traits.fingerprint(pipeline).forEach(in -> update(md, text(in, writers)));
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    private static String text(FingerprintInput input, Map<Path, String> writers) {
        if (input instanceof FingerprintInput.FileRead r) {
            return r.label() + " " + file(r.candidates(), writers);
        }
        return ((FingerprintInput.Fact) input).text();
    }

    /** The file by name when an earlier step writes it, else by the content of the first candidate that exists. */
    private static String file(List<Path> candidates, Map<Path, String> writers) {
        for (Path p : candidates) {
            String writer = writers.get(key(p));
            if (writer != null) {
                return "written by " + writer + ": " + key(p);
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return checksum(p);
            }
        }
        return "missing:" + candidates.get(candidates.size() - 1);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** CRC32C of a file (hardware-accelerated, enough to notice a changed input) and its size. */
    static String checksum(Path file) {
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
