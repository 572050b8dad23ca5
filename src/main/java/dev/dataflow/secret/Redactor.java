package dev.dataflow.secret;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place text passes through before it reaches a user-visible sink: the console (out and err), the run report,
 * the GitHub step summary and the run-state rows of the flow database.
 *
 * <p>Two layers. Structural rules need no knowledge of the secrets: whatever sits between {@code ://} and the last
 * {@code @} of a URL (user and password, also when a password holds an unencoded {@code /} or {@code #}), the query
 * of an http(s) URL (a pre-signed endpoint carries {@code X-Amz-Credential} there), and {@code password=...} style
 * parameters. Then the known values: every password and key the pipeline resolved is masked wherever it appears,
 * also percent-encoded. Values shorter than {@value #MIN_KNOWN} characters are left to the structural rules, since
 * masking every "ab" would wreck the output.
 *
 * <p>One redactor per command-line invocation, bound to the invoking thread ({@link #current()}), so the pipeline
 * loader can teach it the secrets it resolved without every command passing it along.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";
    static final int MIN_KNOWN = 4;
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*:(?:[a-z][a-z0-9+.-]*:)?//)([^\\s\"'<>]*)@");
    private static final Pattern HTTP_QUERY = Pattern.compile("(?i)\\b(https?://[^\\s\"'<>?#]*)[?#][^\\s\"'<>]*");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret[a-z_-]*|secretkey|accesskey|access_key|token|x-amz-credential|x-amz-signature|signature)(\\s*[=:]\\s*)([^\\s&;,\"'<>)]+)");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(PASSWORD|PASSWD|SECRET|_KEY$|ACCESS_KEY|TOKEN|CREDENTIAL)");
    private static final ThreadLocal<Redactor> CURRENT = new ThreadLocal<>();
    private static final Redactor STRUCTURAL = new Redactor();

    private final List<String> known = new CopyOnWriteArrayList<>();

    /** The redactor bound to this thread by the command line, or one with the structural rules only. */
    public static Redactor current() {
        Redactor r = CURRENT.get();
        return r == null ? STRUCTURAL : r;
    }

    /** Binds {@code r} to this thread until the returned scope is closed. */
    public static AutoCloseable bind(Redactor r) {
        Redactor before = CURRENT.get();
        CURRENT.set(r);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** The values of environment variables whose names say they hold a secret (…PASSWORD, …SECRET…, …KEY, …TOKEN). */
    public static List<String> secretsOf(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).find()) {
                values.add(value);
            }
        });
        return values;
    }

    /** Adds secret values (passwords, keys) to mask from now on; nulls and short values are skipped. */
    public Redactor learn(Collection<String> secrets) {
        if (this == STRUCTURAL) {
            return this;
        }
        List<String> add = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_KNOWN) {
                add.add(s);
                String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
                if (!encoded.equals(s)) {
                    add.add(encoded);
                    add.add(encoded.replace("+", "%20"));
                }
            }
        }
        synchronized (known) {
            for (String s : add) {
                if (!known.contains(s)) {
                    known.add(s);
                }
            }
            List<String> sorted = new ArrayList<>(known);
            // Longest first, so a secret that contains another is masked whole.
            sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
            known.clear();
            known.addAll(sorted);
        }
        return this;
    }

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : known) {
            result = result.replace(secret, MASK);
        }
        result = replace(USER_INFO, result, m -> m.group(1) + MASK + "@");
        result = replace(HTTP_QUERY, result, m -> m.group(1) + "?" + MASK);
        result = replace(SECRET_PARAM, result, m -> m.group(3).equals(MASK) ? m.group() : m.group(1) + m.group(2) + MASK);
        return result;
    }

    /** A copy of a report tree (maps, lists, strings, numbers) with every string redacted, keys included. */
    public Object redactTree(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(redactTree(k), redactTree(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(redactTree(v)));
            return copy;
        }
        return value;
    }

    /** A writer that redacts what passes through it, a line (or a progress line ending in CR) at a time. */
    public PrintWriter writer(PrintWriter out) {
        return new PrintWriter(new LineRedactingWriter(out, this), true);
    }

    /**
     * A print stream that redacts, line by line: for {@code System.err}, where library logs (connection pool, HTTP
     * client) write, bypassing the command's own writers.
     */
    public java.io.PrintStream printStream(java.io.PrintStream out) {
        Redactor redactor = this;
        java.io.OutputStream lines = new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                if (line.size() > 0) {
                    out.print(redactor.redact(line.toString(java.nio.charset.Charset.defaultCharset())));
                    line.reset();
                }
                out.flush();
            }
        };
        // No auto-flush: PrintStream would flush after every write, cutting a line (and a secret) in two.
        return new java.io.PrintStream(lines, false, java.nio.charset.Charset.defaultCharset());
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /** Buffers until a line end (or flush) and writes the redacted text, so a secret is never cut across writes. */
    private static final class LineRedactingWriter extends Writer {
        private final PrintWriter out;
        private final Redactor redactor;
        private final StringBuilder pending = new StringBuilder();

        LineRedactingWriter(PrintWriter out, Redactor redactor) {
            this.out = out;
            this.redactor = redactor;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = cbuf[i];
                pending.append(c);
                if (c == '\n') {
                    emit();
                }
            }
        }

        private void emit() {
            if (pending.length() > 0) {
                out.write(redactor.redact(pending.toString()));
                pending.setLength(0);
            }
        }

        @Override
        public synchronized void flush() {
            emit();
            out.flush();
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }
}
