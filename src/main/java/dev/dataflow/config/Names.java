package dev.dataflow.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Names {
    private Names() {
    }

    public static Optional<String> didYouMean(String wrong, Collection<String> known) {
        return known.stream()
                .filter(k -> distance(wrong.toLowerCase(), k.toLowerCase()) <= Math.max(2, k.length() / 3))
                .min(Comparator.comparingInt(k -> distance(wrong.toLowerCase(), k.toLowerCase())))
                .map(k -> "did you mean '" + k + "'?");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
