package dev.dataflow.template;

import dev.dataflow.config.Literals;

import java.util.regex.Pattern;

/**
 * A {@code vars:} value as a template sees it. {@code {{vars.x}}} writes it as a checked SQL literal: a number as the
 * number, anything else as a quoted string ({@link Literals#quote}), so a value such as
 * {@code 0 OR 1=1 UNION SELECT ...} stays one harmless string. A template that really wants the text pasted as SQL
 * says so with Mustache's own "unescaped" form, {@code {{{vars.x}}}}, which a reviewer sees in the diff.
 */
public record SqlValue(String raw) {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public SqlValue {
        if (raw.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL value cannot hold a NUL character");
        }
    }

    /** The value as a SQL literal. */
    public String literal() {
        if (NUMBER.matcher(raw).matches()) {
            return raw;
        }
        return Literals.quote(raw);
    }

    @Override
    public String toString() {
        return raw;
    }
}
