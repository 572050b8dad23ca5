package dev.dataflow.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variables for {@code ${VAR}} / {@code ${VAR:-default}} interpolation: the process environment, then an optional
 * {@code .env} file (the real environment wins, as with docker compose and dotenv).
 */
public final class Env {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private final Function<String, String> lookup;
    private final Map<String, Pos> origins;

    public Env(Function<String, String> lookup) {
        this(lookup, Map.of());
    }

    private Env(Function<String, String> lookup, Map<String, Pos> origins) {
        this.lookup = lookup;
        this.origins = origins;
    }

    /** The process environment over the given .env file (which may not exist). */
    public static Env load(Path dotEnv, Map<String, String> processEnv) {
        Map<String, String> merged = new HashMap<>();
        Map<String, Pos> origins = new HashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            parseDotEnv(dotEnv).forEach((k, e) -> {
                merged.put(k, e.value());
                if (!processEnv.containsKey(k)) {
                    origins.put(k, e.pos());
                }
            });
        }
        merged.putAll(processEnv);
        return new Env(merged::get, Map.copyOf(origins));
    }

    public String get(String name) {
        return lookup.apply(name);
    }

    /** The result of interpolating one string: the text and the names that were unset and had no default. */
    public record Interpolated(String value, List<String> unset) {
    }

    public Interpolated interpolate(String text) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> unset = new java.util.ArrayList<>();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                if (m.group(2) != null) {
                    value = m.group(3);
                } else {
                    unset.add(m.group(1));
                    value = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Interpolated(out.toString(), unset);
    }

    static Map<String, DotEnv.Entry> parseDotEnv(Path file) {
        try {
            return DotEnv.parse(TextFiles.read(file, file.toString(), 1 << 20), file.toString());
        } catch (IOException e) {
            throw new ConfigException(new Problem(Pos.of(file.toString()), "cannot read: " + e.getMessage(), null));
        }
    }

    /**
     * Where the first variable {@code text} refers to got its value, when that was a .env line (not the process
     * environment, which wins over the file): a problem with the value points there.
     */
    public java.util.Optional<Pos> origin(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        Matcher m = REF.matcher(text);
        while (m.find()) {
            Pos p = origins.get(m.group(1));
            if (p != null) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
