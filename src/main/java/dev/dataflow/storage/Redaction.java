package dev.dataflow.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Keeps credentials out of messages: every text and exception that leaves the storage package passes through
 * here. Exceptions from the client are replaced by copies with scrubbed messages, because a server may echo
 * the access key in an error body and messages end up in logs and bug reports.
 */
final class Redaction {
    static final String MASK = "[redacted]";
    private final List<String> secrets;

    Redaction(S3Endpoint endpoint) {
        List<String> list = new ArrayList<>(List.of(endpoint.secretKey(), endpoint.accessKey()));
        // Longest first, so a key that contains the other is masked whole.
        list.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.secrets = List.copyOf(list);
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** A copy of the chain (causes and suppressed) with scrubbed messages and the original stack traces. */
    Throwable scrub(Throwable t) {
        return copy(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private Throwable copy(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return null;
        }
        RedactedException copy = new RedactedException(scrub(t.toString()));
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = copy(t.getCause(), seen);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            Throwable s = copy(suppressed, seen);
            if (s != null) {
                copy.addSuppressed(s);
            }
        }
        return copy;
    }

    /** Stands in for a client exception; prints as the original class and message. */
    static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String originalToString) {
            super(originalToString);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
