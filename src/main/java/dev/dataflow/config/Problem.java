package dev.dataflow.config;

/** One configuration problem at a position, with an optional hint. */
public record Problem(Pos pos, String message, String hint) {
    @Override
    public String toString() {
        return pos + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}
