package dev.dataflow.template;

/**
 * SQL rendered from a template, with the template line each rendered line came from, so that a server error position
 * in the rendered text can be reported as {@code sql/FILE:LINE}.
 */
public record Rendered(String template, String sql, int[] templateLines) {
    /** The template line (1-based) of a 0-based character offset in {@link #sql()}. */
    public int templateLineAt(int offset) {
        int line = 0;
        for (int i = 0; i < Math.min(offset, sql.length()); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return templateLines.length == 0 ? 1 : templateLines[Math.min(line, templateLines.length - 1)];
    }
}
