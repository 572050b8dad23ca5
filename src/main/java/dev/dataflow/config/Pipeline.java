package dev.dataflow.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsed pipeline.yaml: connections, settings, vars, steps in declaration order and domains. */
public record Pipeline(Path file, Path baseDir, String name, Database flow, Database target, Storage storage,
                       Settings settings, Map<String, Object> vars, List<Step> steps, List<Domain> domains) {
    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Domain> domain(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every password and key the pipeline resolved, for the redactor: none of them may reach any output. */
    public List<String> secrets() {
        List<String> all = new java.util.ArrayList<>();
        for (Database d : new Database[]{flow, target}) {
            if (d != null) {
                all.add(d.password());
            }
        }
        if (storage != null) {
            all.add(storage.secretKey());
            all.add(storage.accessKey());
        }
        all.removeIf(s -> s == null || s.isEmpty());
        return all;
    }

    public Path resolve(Path path) {
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }
}
