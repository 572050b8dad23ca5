package dev.dataflow.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, understanding quotes, dollar quotes and comments,
 * and keeps each statement's offset so server error positions map back to the script.
 */
public final class SqlScript {
    private SqlScript() {
    }

    /** A statement and the offset of its first character in the script. */
    public record Statement(String sql, int offset) {
    }

    public static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int eol = script.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                i = skipBlockComment(script, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
                i = skipQuoted(script, i, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(script, i, '"', false);
            } else if (c == '$' && (i == 0 || !isIdentChar(script.charAt(i - 1)))) {
                int close = script.indexOf('$', i + 1);
                String tag = close < 0 ? null : script.substring(i, close + 1);
                if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> isIdentChar((char) ch))
                        && (tag.length() == 2 || !Character.isDigit(tag.charAt(1)))) {
                    int end = script.indexOf(tag, close + 1);
                    i = end < 0 ? n : end + tag.length();
                } else {
                    i++;
                }
            } else if (c == ';') {
                add(out, script, start, i);
                i++;
                start = i;
            } else {
                i++;
            }
        }
        add(out, script, start, n);
        return out;
    }

    private static void add(List<Statement> out, String script, int start, int end) {
        String text = script.substring(start, end);
        if (!isBlank(text)) {
            out.add(new Statement(text, start));
        }
    }

    /** True when the text holds nothing but white space and comments. */
    static boolean isBlank(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(text, i);
            } else {
                return false;
            }
        }
        return true;
    }

    private static int skipBlockComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipQuoted(String s, int i, char quote, boolean backslashEscapes) {
        int n = s.length();
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
