package dev.dataflow.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@code postgres://user:password@host:port/database?params} URL, parsed strictly: a malformed part is named, with
 * how to percent-encode it, and no message ever quotes what comes before the {@code @} (the password lives there).
 * Also checks {@code jdbc:postgresql://} URLs, which pgjdbc takes as they are but which cannot carry a user and
 * password before the host.
 */
record ConnectionUrl(String jdbc, String user, String password) {
    /** What RFC 3986 allows in the user-information part; everything else must be percent-encoded. */
    private static final Pattern USER_INFO = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:%]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");
    private static final String ENCODE_HINT = "percent-encode them in the user and password, e.g. "
            + "/ as %2F, @ as %40, # as %23, ? as %3F, : as %3A, % as %25";

    /** A malformed URL: what is wrong (never the URL itself) and how to fix it. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final String hint;

        Malformed(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    static ConnectionUrl parse(String url) throws Malformed {
        if (url.startsWith("jdbc:postgresql:")) {
            String rest = url.substring("jdbc:postgresql:".length());
            if (rest.startsWith("//")) {
                int end = firstOf(rest, 2, "/?#");
                if (rest.lastIndexOf('@', end) >= 2 || rest.indexOf('@') >= 0 && rest.indexOf('@') < firstOf(rest, 2, "?")) {
                    throw new Malformed("database url: jdbc:postgresql:// URLs cannot carry a user and password before "
                            + "the host", "write postgres://user:password@host:port/database, or set user: and password:");
                }
            }
            return new ConnectionUrl(url, null, null);
        }
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
            throw new Malformed("database url must start with postgres://, postgresql:// or jdbc:postgresql://", null);
        }
        String rest = url.substring(colon + 3);
        int authorityEnd = firstOf(rest, 0, "/?#");
        if (rest.indexOf('@', authorityEnd) >= 0) {
            throw new Malformed("database url: the user or password holds an unencoded '/', '?' or '#' (an '@' "
                    + "follows it)", ENCODE_HINT);
        }
        String authority = rest.substring(0, authorityEnd);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            if (info.indexOf('@') >= 0) {
                throw new Malformed("database url: the user or password holds an unencoded '@'", ENCODE_HINT);
            }
            if (!USER_INFO.matcher(info).matches()) {
                throw new Malformed("database url: the user or password holds a character a URL must percent-encode "
                        + "(a space, a quote, a backslash, a non-ASCII letter...)", ENCODE_HINT + ", a space as %20");
            }
            int c = info.indexOf(':');
            user = decode(c < 0 ? info : info.substring(0, c), "user");
            password = c < 0 ? null : decode(info.substring(c + 1), "password");
            if (user.isEmpty()) {
                throw new Malformed("database url: the user before '@' is empty", "postgres://user:password@host/db");
            }
        }
        String hostPort = authority.substring(at + 1);
        String host = hostPort;
        String port = "";
        int pc = hostPort.lastIndexOf(':');
        if (pc >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, pc);
            port = hostPort.substring(pc + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw new Malformed("database url: the port after the host is not a number from 1 to 65535",
                        at >= 0 ? ENCODE_HINT + " (a ':' in the password must be written %3A only after the first)"
                                : null);
            }
        }
        if (host.isEmpty()) {
            throw new Malformed("database url: the host is missing", "postgres://user:password@host:5432/database");
        }
        if (!HOST.matcher(host).matches()) {
            throw new Malformed("database url: the host name has characters a host cannot have", ENCODE_HINT);
        }
        String tail = rest.substring(authorityEnd);
        if (tail.startsWith("#") || tail.contains("#")) {
            throw new Malformed("database url: '#' starts a fragment, which a database URL does not have", ENCODE_HINT);
        }
        String path = tail;
        String query = "";
        int q = tail.indexOf('?');
        if (q >= 0) {
            path = tail.substring(0, q);
            query = tail.substring(q);
        }
        if (path.length() <= 1) {
            throw new Malformed("database url: the database name is missing", "postgres://user:password@host:5432/database");
        }
        String database = decode(path.substring(1), "database name");
        if (database.contains("/")) {
            throw new Malformed("database url: the database name holds a '/'", null);
        }
        return new ConnectionUrl("jdbc:postgresql://" + host + (port.isEmpty() ? "" : ":" + port) + path + query,
                user, password);
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Percent-decoding as URLs define it ('+' stays '+'), refusing a broken escape. */
    private static String decode(String text, String part) throws Malformed {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new Malformed("database url: the " + part + " has a '%' not followed by two hex digits",
                            ENCODE_HINT);
                }
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
