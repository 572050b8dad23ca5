package dev.dataflow.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What went wrong with one attempt, reduced to what the retry loop needs: whether another attempt can help,
 * and a short reason for the message (already free of credentials).
 *
 * @param code the S3 error code when the store sent one, else null
 */
record Failure(Kind kind, String code, String reason) {
    enum Kind {
        /** Network trouble, 5xx, throttling, a short or corrupt body: another attempt may succeed. */
        TRANSIENT,
        NOT_FOUND,
        NO_BUCKET,
        /** Credentials or permissions: retrying cannot help and would only lock the key out faster. */
        ACCESS,
        /** Cannot write the local file: disk full, permissions. */
        LOCAL,
        /** The batch was cancelled because another object failed, or the caller was interrupted. */
        CANCELLED,
        /** Any other client error (4xx) or a bug. */
        PERMANENT
    }

    private static final Set<String> ACCESS_CODES = Set.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId",
            "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "RequestTimeTooSkewed", "AuthorizationHeaderMalformed",
            "InvalidSecurity", "AccountProblem");
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown", "Throttling",
            "ThrottlingException", "RequestTimeout", "RequestLimitExceeded", "TooManyRequests", "BadDigest", "IncompleteBody",
            // The object changed between reading its metadata and its body: the next attempt sees the new version.
            "PreconditionFailed");

    static Failure classify(Throwable t, Redaction redaction) {
        if (t instanceof Cancelled || t instanceof InterruptedException || isInterruption(t)) {
            return new Failure(Kind.CANCELLED, null, "cancelled");
        }
        if (t instanceof LocalWriteException e) {
            return new Failure(Kind.LOCAL, null, redaction.scrub(e.getMessage()));
        }
        if (t instanceof ErrorResponseException e) {
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            int status = e.response() == null ? 0 : e.response().code();
            String message = e.errorResponse() == null ? null : e.errorResponse().message();
            String reason = redaction.scrub((code == null ? "HTTP " + status : code + " (HTTP " + status + ")")
                    + (message == null || message.isBlank() ? "" : ": " + message));
            Kind kind;
            if ("NoSuchKey".equals(code)) {
                kind = Kind.NOT_FOUND;
            } else if ("NoSuchBucket".equals(code)) {
                kind = Kind.NO_BUCKET;
            } else if (code != null && ACCESS_CODES.contains(code)) {
                kind = Kind.ACCESS;
            } else if (status >= 500 || status == 429 || status == 408 || (code != null && TRANSIENT_CODES.contains(code))) {
                kind = Kind.TRANSIENT;
            } else {
                kind = Kind.PERMANENT;
            }
            return new Failure(kind, code, reason);
        }
        if (t instanceof ServerException e) {
            return new Failure(Kind.TRANSIENT, null, redaction.scrub("server error HTTP " + e.statusCode()));
        }
        if (t instanceof InvalidResponseException || t instanceof InsufficientDataException
                || t instanceof XmlParserException || t instanceof IOException) {
            // Includes a non-XML error page from a load balancer, resets, timeouts and truncated bodies.
            return new Failure(Kind.TRANSIENT, null, redaction.scrub(describe(t)));
        }
        return new Failure(Kind.PERMANENT, null, redaction.scrub(describe(t)));
    }

    private static boolean isInterruption(Throwable t) {
        // minio wraps an interrupted wait in a RuntimeException; a socket timeout is an InterruptedIOException too.
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException
                    || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException) && Thread.currentThread().isInterrupted())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.strip();
    }

    /** Thrown by a transfer that stops because the batch was cancelled; never reported as a failure of its own. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Writing the local copy failed; a retry would only fail again. */
    static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(Path file, IOException cause) {
            super("cannot write " + file + ": " + cause, cause);
        }
    }

    /** The received bytes are not the object (wrong size or checksum, or the object changed meanwhile). */
    static final class IntegrityException extends IOException {
        private static final long serialVersionUID = 1L;

        IntegrityException(String message) {
            super(message);
        }
    }
}
