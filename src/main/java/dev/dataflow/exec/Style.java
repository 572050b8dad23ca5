package dev.dataflow.exec;

import java.util.Map;

/**
 * How status words look on the console: OK and PASS green, WARN and FORCED yellow, FAILED and ERROR red, SKIPPED dim.
 * Colour only on a terminal and only when {@code NO_COLOR} is unset or empty (https://no-color.org); logs, pipes and
 * CI logs get the plain words.
 */
public final class Style {
    public static final Style PLAIN = new Style(false);
    private static final String RESET = "\033[0m";
    private static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry("OK", "\033[32m"), Map.entry("PASS", "\033[32m"),
            Map.entry("WARN", "\033[33m"), Map.entry("FORCED", "\033[33m"), Map.entry("INTERRUPTED", "\033[33m"),
            Map.entry("FAILED", "\033[31m"), Map.entry("FAIL", "\033[31m"), Map.entry("ERROR", "\033[31m"),
            Map.entry("SKIPPED", "\033[2m"), Map.entry("SKIP", "\033[2m"));
    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    /** Colour when the output is a terminal and NO_COLOR is not set to a non-empty value. */
    public static Style of(boolean terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) ? new Style(true) : PLAIN;
    }

    public boolean colour() {
        return colour;
    }

    /** The status word, coloured by what it means; words it does not know pass unchanged. */
    public String status(String word) {
        String code = colour ? COLOURS.get(word) : null;
        return code == null ? word : code + word + RESET;
    }

    /** Dimmed text (statement lines, skipped steps' reasons). */
    public String dim(String text) {
        return colour ? "\033[2m" + text + RESET : text;
    }
}
