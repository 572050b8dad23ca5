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

    public Env(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** The process environment over the given .env file (which may not exist). */
    public static Env load(Path dotEnv, Map<String, String> processEnv) {
        Map<String, String> merged = new HashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            merged.putAll(parseDotEnv(dotEnv));
        }
        merged.putAll(processEnv);
        return new Env(merged::get);
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

    static Map<String, String> parseDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        List<String> lines;
        try {
            lines = TextFiles.read(file, file.toString(), 1 << 20).lines().toList();
        } catch (IOException e) {
            throw new ConfigException(new Problem(Pos.of(file.toString()), "cannot read: " + e.getMessage(), null));
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(key, value);
        }
        return values;
    }
}
