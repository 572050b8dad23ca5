package dev.dataflow.config;

/**
 * The one rule for writing a string as a SQL literal, beside {@link Identifiers}' one rule for names. An E'' literal
 * escapes both backslash and quote, so its meaning does not depend on the server's standard_conforming_strings
 * setting; the plain form is kept when there is no backslash, for readable SQL.
 */
public final class Literals {
    private Literals() {
    }

    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string literal contains a NUL character");
        }
        if (value.indexOf('\\') < 0) {
            return "'" + value.replace("'", "''") + "'";
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
