package dev.dataflow.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command tag of a statement, as psql prints it after running one ({@code INSERT}, {@code CREATE TABLE},
 * {@code CREATE INDEX}), read from the statement's leading keywords: the JDBC driver does not pass the server's tag on.
 * A {@code WITH} query is tagged by its main statement; {@code CREATE TABLE ... AS} by what it is.
 */
public final class CommandTag {
    /** Tags whose update count is a number of rows worth printing, even zero. */
    private static final Set<String> ROW_TAGS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "CREATE TABLE AS",
            "SELECT INTO", "COPY", "REFRESH MATERIALIZED VIEW");
    private static final Set<String> SKIPPED = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED",
            "GLOBAL", "LOCAL", "RECURSIVE", "CONCURRENTLY", "IF", "NOT", "EXISTS");
    private static final Set<String> TWO_WORDS = Set.of("MATERIALIZED", "FOREIGN", "EVENT");

    private CommandTag() {
    }

    public static String of(String sql) {
        List<String> words = topLevelWords(sql, 40);
        if (words.isEmpty()) {
            return "?";
        }
        String first = words.get(0);
        switch (first) {
            case "WITH" -> {
                for (String w : words.subList(1, words.size())) {
                    if (Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT").contains(w)) {
                        return w;
                    }
                }
                return "SELECT";
            }
            case "CREATE", "DROP", "ALTER" -> {
                StringBuilder tag = new StringBuilder(first);
                int i = 1;
                while (i < words.size() && SKIPPED.contains(words.get(i))) {
                    i++;
                }
                if (i < words.size()) {
                    tag.append(' ').append(words.get(i));
                    if (TWO_WORDS.contains(words.get(i)) && i + 1 < words.size()) {
                        tag.append(' ').append(words.get(i + 1));
                    }
                }
                if ("CREATE TABLE".contentEquals(tag) && words.contains("AS")) {
                    return "CREATE TABLE AS";
                }
                return tag.toString();
            }
            case "SELECT" -> {
                return words.contains("INTO") ? "SELECT INTO" : "SELECT";
            }
            case "TRUNCATE" -> {
                return "TRUNCATE TABLE";
            }
            case "REFRESH" -> {
                return "REFRESH MATERIALIZED VIEW";
            }
            default -> {
                return first;
            }
        }
    }

    /** True when the update count of a statement with this tag is a row count (INSERT 0 rows says something). */
    public static boolean countsRows(String tag) {
        return ROW_TAGS.contains(tag);
    }

    /** Up to {@code max} upper-cased words outside parentheses, quotes and comments. */
    static List<String> topLevelWords(String sql, int max) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n && out.size() < max) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (depth == 0) {
                    out.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
                }
            } else {
                i++;
            }
        }
        return out;
    }
}
