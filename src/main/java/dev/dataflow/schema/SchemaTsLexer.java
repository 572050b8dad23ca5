package dev.dataflow.schema;

import dev.dataflow.DataflowException;

/**
 * Splits schema.ts text into identifiers, string literals and punctuation, dropping whitespace and comments; tokens
 * carry their line for error messages.
 */
final class SchemaTsLexer {
    enum Kind { IDENT, STRING, PUNCT, END }

    record Token(Kind kind, String text, int line) {
        boolean is(String punctOrWord) {
            return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrWord);
        }

        String shown() {
            return switch (kind) {
                case END -> "end of file";
                case STRING -> "a string";
                default -> "'" + text + "'";
            };
        }
    }

    private final String fileName;
    private final String s;
    private int i;
    private int line = 1;

    SchemaTsLexer(String fileName, String s) {
        this.fileName = fileName;
        this.s = s;
    }

    Token next() {
        skipSpaceAndComments();
        if (i >= s.length()) {
            return new Token(Kind.END, "", line);
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int startLine = line;
            return new Token(Kind.STRING, string(c), startLine);
        }
        if (isIdentStart(c)) {
            int start = i;
            while (i < s.length() && isIdentPart(s.charAt(i))) {
                i++;
            }
            return new Token(Kind.IDENT, s.substring(start, i), line);
        }
        if ("{}()[],;=".indexOf(c) >= 0) {
            i++;
            return new Token(Kind.PUNCT, String.valueOf(c), line);
        }
        throw error(line, "unexpected character '" + c + "'");
    }

    private void skipSpaceAndComments() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error(line, "unterminated /* comment");
                }
                for (int k = i; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = end + 2;
            } else {
                return;
            }
        }
    }

    /** A JavaScript string literal with its escapes; unknown escapes are refused rather than guessed. */
    private String string(char quote) {
        int startLine = line;
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length() || s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                throw error(startLine, "unterminated string");
            }
            char c = s.charAt(i++);
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error(startLine, "unterminated string");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\\', '"', '\'' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000B');
                case '0' -> {
                    if (i < s.length() && Character.isDigit(s.charAt(i))) {
                        throw error(line, "octal escapes are not supported");
                    }
                    b.append('\0');
                }
                case 'x' -> b.append((char) hex(2));
                case 'u' -> {
                    if (i < s.length() && s.charAt(i) == '{') {
                        int end = s.indexOf('}', i);
                        if (end < 0 || end == i + 1 || end - i - 1 > 6) {
                            throw error(line, "bad \\u{...} escape");
                        }
                        int cp = parseHex(s.substring(i + 1, end));
                        if (cp > Character.MAX_CODE_POINT) {
                            throw error(line, "bad \\u{...} escape");
                        }
                        b.appendCodePoint(cp);
                        i = end + 1;
                    } else {
                        b.append((char) hex(4));
                    }
                }
                default -> throw error(line, "unsupported escape '\\" + e + "' in string");
            }
        }
    }

    private int hex(int digits) {
        if (i + digits > s.length()) {
            throw error(line, "truncated hexadecimal escape");
        }
        int v = parseHex(s.substring(i, i + digits));
        i += digits;
        return v;
    }

    private int parseHex(String digits) {
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), 16) < 0) {
                throw error(line, "bad hexadecimal escape '" + digits + "'");
            }
        }
        return Integer.parseInt(digits, 16);
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private DataflowException error(int line, String message) {
        return DataflowException.stepFailed(fileName + ":" + line + ": " + message, null, null);
    }
}
