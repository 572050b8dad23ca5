package dev.dataflow.config;

/** A position in a file, printed as {@code file:line:col} (1-based). */
public record Pos(String file, int line, int col) {
    public static Pos of(String file) {
        return new Pos(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return col <= 0 ? file + ":" + line : file + ":" + line + ":" + col;
    }
}
