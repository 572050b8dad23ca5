package dev.dataflow;

/**
 * The one exception family of data-flow: a user-facing message, an optional source position and an exit code.
 */
public class DataflowException extends RuntimeException {
    /** Exit code when a step failed. */
    public static final int STEP_FAILED = 1;
    /** Exit code for bad usage or configuration. */
    public static final int BAD_CONFIG = 2;
    /** Exit code for a bug or an unexpected environment problem. */
    public static final int INTERNAL = 3;

    private final int exitCode;
    private final String hint;
    private java.util.Map<String, Object> details = java.util.Map.of();

    public DataflowException(String message, int exitCode) {
        this(message, null, exitCode, null);
    }

    public DataflowException(String message, String hint, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    /** A failure of a step's work: bad input data, a SQL error, a missing object. */
    public static DataflowException stepFailed(String message, String hint, Throwable cause) {
        return new DataflowException(message, hint, STEP_FAILED, cause);
    }

    /** A configuration or usage problem found before anything ran. */
    public static DataflowException badConfig(String message, String hint) {
        return new DataflowException(message, hint, BAD_CONFIG, null);
    }

    /**
     * This failure as a configuration error (exit 2): a template that does not render in {@code validate} or
     * {@code render} is a problem of the pipeline's files, found before anything ran.
     */
    public DataflowException asConfig() {
        if (exitCode == BAD_CONFIG) {
            return this;
        }
        return new DataflowException(getMessage(), hint, BAD_CONFIG, this).withDetails(details);
    }

    /** Attaches facts for the run report (e.g. check results); returns this. */
    public DataflowException withDetails(java.util.Map<String, Object> more) {
        this.details = java.util.Map.copyOf(more);
        return this;
    }

    public java.util.Map<String, Object> details() {
        return details;
    }

    public int exitCode() {
        return exitCode;
    }

    /** How to fix it, or null. */
    public String hint() {
        return hint;
    }

    /** The message as users see it: {@code message (hint)}. */
    public String userMessage() {
        return hint == null ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
