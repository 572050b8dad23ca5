package dev.dataflow.shapefile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the names of coordinate systems and datums are compared: EPSG, ESRI and the .prj files in the wild spell the
 * same name differently ({@code NAD83}, {@code NAD_1983}, {@code D_North_American_1983}), so names are compared by
 * their {@link #words}.
 */
final class CrsNames {
    private CrsNames() {
    }

    /**
     * The words of a name in order: runs of letters and digits, lower case, with a two-digit year split off and
     * written in full, so that {@code NAD83}, {@code NAD_1983} and {@code NAD 83} all give {@code nad 1983}. (Plain
     * loops, no regular expressions: this runs some 10,000 times while the catalog loads.)
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int n = name.length();
        for (int i = 0; i < n; ) {
            while (i < n && !isWordChar(name.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isWordChar(name.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            String word = name.substring(start, i).toLowerCase(Locale.ROOT);
            int len = word.length();
            boolean twoDigitEnd = len >= 2 && isDigit(word.charAt(len - 1)) && isDigit(word.charAt(len - 2))
                    && (len == 2 || !isDigit(word.charAt(len - 3)));
            boolean lettersBefore = true;
            for (int k = 0; k < len - 2 && lettersBefore; k++) {
                lettersBefore = !isDigit(word.charAt(k));
            }
            if (twoDigitEnd && lettersBefore) {
                if (len > 2) {
                    words.add(word.substring(0, len - 2));
                }
                int yy = Integer.parseInt(word.substring(len - 2));
                words.add(String.valueOf(yy < 30 ? 2000 + yy : 1900 + yy));
            } else {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Each two neighbouring words, in order, joined by a space. */
    static Set<String> pairs(List<String> words) {
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            pairs.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return pairs;
    }

    /** A system's name for comparison: lower case, letters and digits only. */
    static String nameKey(String name) {
        return String.join("", words(name));
    }

    /**
     * A datum or geographic system's name for comparison: its {@link #words} joined, without ESRI's {@code D_} and
     * {@code GCS_} prefixes and with ESRI's {@code North_American} as {@code NAD}: {@code NAD83(2011)} and
     * {@code D_NAD_1983_2011} both become {@code nad19832011}.
     */
    static String datumKey(String name) {
        List<String> words = words(name);
        if (!words.isEmpty() && (words.get(0).equals("d") || words.get(0).equals("gcs"))) {
            words = words.subList(1, words.size());
        }
        return String.join("", words).replace("northamericandatum", "nad").replace("northamerican", "nad");
    }
}
