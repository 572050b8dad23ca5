package dev.dataflow.shapefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed WKT node, {@code KEYWORD[value, value, NODE[...], ...]}: WKT1 in its OGC and ESRI flavours and WKT2 share
 * this bracket syntax, so one small parser reads all of them. Strings are Java strings, numbers Doubles, bare words
 * (axis directions) strings too.
 */
final class Wkt {
    final String keyword;
    final List<Object> values = new ArrayList<>();
    final List<Wkt> children = new ArrayList<>();

    Wkt(String keyword) {
        this.keyword = keyword.toUpperCase(Locale.ROOT);
    }

    String name() {
        return !values.isEmpty() && values.get(0) instanceof String s ? s : "";
    }

    /** The i-th value as a number, or null when it is missing or not a number. */
    Double number(int i) {
        return i < values.size() && values.get(i) instanceof Double d ? d : null;
    }

    Wkt child(String... keywords) {
        for (Wkt n : children) {
            for (String k : keywords) {
                if (n.keyword.equals(k)) {
                    return n;
                }
            }
        }
        return null;
    }

    /** First node with the keyword anywhere below, depth first. */
    Wkt find(String keyword) {
        for (Wkt n : children) {
            if (n.keyword.equals(keyword)) {
                return n;
            }
            Wkt inner = n.find(keyword);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** Parses a whole WKT text; {@link IllegalArgumentException} when it is not one. */
    static Wkt parse(String text) {
        return new Parser(text).parse();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Wkt parse() {
            skipSpace();
            Wkt n = node();
            skipSpace();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text");
            }
            return n;
        }

        private Wkt node() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i == start || i >= s.length() || (s.charAt(i) != '[' && s.charAt(i) != '(')) {
                throw new IllegalArgumentException("expected KEYWORD[ at " + start);
            }
            Wkt n = new Wkt(s.substring(start, i));
            char close = s.charAt(i) == '[' ? ']' : ')';
            i++;
            skipSpace();
            while (i < s.length() && s.charAt(i) != close) {
                char c = s.charAt(i);
                if (c == '"') {
                    int end = i + 1;
                    StringBuilder text = new StringBuilder();
                    while (true) {
                        int q = s.indexOf('"', end);
                        if (q < 0) {
                            throw new IllegalArgumentException("unclosed string");
                        }
                        text.append(s, end, q);
                        // WKT escapes a quote inside a string by doubling it.
                        if (q + 1 < s.length() && s.charAt(q + 1) == '"') {
                            text.append('"');
                            end = q + 2;
                        } else {
                            i = q + 1;
                            break;
                        }
                    }
                    n.values.add(text.toString());
                } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                    int start2 = i;
                    while (i < s.length() && "+-.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    n.values.add(Double.parseDouble(s.substring(start2, i)));
                } else {
                    int save = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    if (i == save) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    if (i < s.length() && (s.charAt(i) == '[' || s.charAt(i) == '(')) {
                        i = save;
                        Wkt child = node();
                        n.children.add(child);
                        n.values.add(child);
                    } else {
                        // A bare word such as an axis direction (NORTH, east).
                        n.values.add(s.substring(save, i));
                    }
                }
                skipSpace();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    skipSpace();
                }
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("unclosed " + n.keyword);
            }
            i++;
            return n;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
