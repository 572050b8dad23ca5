package dev.dataflow.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .env} file read as Docker Compose and python-dotenv read it: {@code KEY=VALUE} lines, an optional
 * {@code export } prefix, {@code #} comment lines, inline comments after white space in unquoted values
 * ({@code a#b} keeps its {@code #}), single-quoted values taken literally, double-quoted values with {@code \n \t \r
 * \" \\} escapes, and quoted values spanning lines. A later key wins. A line it cannot read is a problem at its
 * {@code file:line:col}, never a silently wrong value. No {@code ${VAR}} expansion inside the file.
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** A value and the position of its key, so that a problem with the value can point at the .env line. */
    public record Entry(String value, Pos pos) {
    }

    public static Map<String, Entry> parse(String text, String file) {
        Map<String, Entry> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int lineStart = i;
            int startLine = line;
            // leading blanks
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '#') {
                i = endOfLine(text, i);
                line++;
                continue;
            }
            if (text.startsWith("export", i) && i + 6 < n && (text.charAt(i + 6) == ' ' || text.charAt(i + 6) == '\t')) {
                i += 6;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            int keyCol = keyStart - lineStart + 1;
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (key.isEmpty() || !Character.isLetter(key.charAt(0)) && key.charAt(0) != '_') {
                problems.add(new Problem(new Pos(file, startLine, keyCol), "expected KEY=VALUE, the key a letter or _ "
                        + "then letters, digits, _ . -", null));
                i = endOfLine(text, i);
                line++;
                continue;
            }
            if (i >= n || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '#') {
                // "KEY" alone: Compose takes it from the environment, python-dotenv leaves it unset: no value here.
                i = endOfLine(text, i);
                line++;
                continue;
            }
            if (text.charAt(i) != '=') {
                problems.add(new Problem(new Pos(file, startLine, i - lineStart + 1), "expected '=' after " + key, null));
                i = endOfLine(text, i);
                line++;
                continue;
            }
            i++;
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            String value;
            if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i);
                int quoteCol = i - lineStart + 1;
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char ch = text.charAt(i);
                    if (ch == quote) {
                        closed = true;
                        i++;
                        break;
                    }
                    if (ch == '\n') {
                        line++;
                    }
                    if (quote == '"' && ch == '\\' && i + 1 < n) {
                        char e = text.charAt(i + 1);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case '"' -> sb.append('"');
                            case '\\' -> sb.append('\\');
                            default -> sb.append('\\').append(e);
                        }
                        i += 2;
                        continue;
                    }
                    sb.append(ch);
                    i++;
                }
                if (!closed) {
                    problems.add(new Problem(new Pos(file, startLine, quoteCol), "the value of " + key + " opens a "
                            + (quote == '"' ? "double" : "single") + " quote that is never closed", null));
                    break;
                }
                int after = i;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r' && text.charAt(i) != '#') {
                    problems.add(new Problem(new Pos(file, line, after - lastLineStart(text, after) + 1),
                            "unexpected text after the quoted value of " + key, "put a # before a comment"));
                }
                value = sb.toString();
                i = endOfLine(text, i);
            } else {
                int start = i;
                int end = endOfLine(text, i);
                String raw = text.substring(start, end).replaceAll("[\r\n]+$", "");
                // An inline comment starts at a '#' after white space (Compose and python-dotenv alike).
                for (int k = 0; k < raw.length(); k++) {
                    if (raw.charAt(k) == '#' && (k == 0 || raw.charAt(k - 1) == ' ' || raw.charAt(k - 1) == '\t')) {
                        raw = raw.substring(0, k);
                        break;
                    }
                }
                value = raw.strip();
                i = end;
            }
            out.put(key, new Entry(value, new Pos(file, startLine, keyCol)));
            line++;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-';
    }

    /** The index just past the end of the line at {@code i} (past its \n), or the text's end. */
    private static int endOfLine(String text, int i) {
        int eol = text.indexOf('\n', i);
        return eol < 0 ? text.length() : eol + 1;
    }

    private static int lastLineStart(String text, int i) {
        return text.lastIndexOf('\n', Math.max(i - 1, 0)) + 1;
    }
}
