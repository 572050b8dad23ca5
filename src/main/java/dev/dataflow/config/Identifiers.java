package dev.dataflow.config;

import java.util.regex.Pattern;

/** SQL identifier rules for names that come from YAML, so YAML can never inject SQL into a template. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\x00]{1,63}\"");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_ .,:/+@=-]*");

    private Identifiers() {
    }

    /** A plain lower-case identifier, or a double-quoted one without embedded quotes. */
    public static boolean isValid(String name) {
        return name != null && (PLAIN.matcher(name).matches() || QUOTED.matcher(name).matches());
    }

    /** A value that may be pasted into SQL text: no quotes, semicolons, backslashes or comment markers. */
    public static boolean isSafeValue(String value) {
        return value != null && SAFE_VALUE.matcher(value).matches() && !value.contains("--");
    }

    /**
     * A name from YAML as the runner writes it in SQL: always double-quoted (a quoted YAML name keeps its quotes), so
     * a valid name that is also a keyword, such as {@code user} or {@code order}, works in every statement the
     * runner builds. The one quoting rule: no keyword list to keep up to date.
     */
    public static String quote(String name) {
        return quoteExact(bare(name));
    }

    /**
     * A name as a catalog stores it, always double-quoted, so no keyword list is needed and any name (mixed case,
     * spaces, quotes at its ends) round-trips exactly.
     */
    public static String quoteExact(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The name without surrounding double quotes. */
    public static String bare(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1 ? name.substring(1, name.length() - 1) : name;
    }
}
