package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Arrays;
import java.util.Map;

/**
 * How {@code pg:target:populate} publishes: {@code mode} (settings.publishMode), the lock timeout each lock attempt on
 * a target table gets (settings.lockTimeoutMs), how many more attempts follow a timeout (settings.lockRetries), and
 * whether the replaced tables are kept for {@code rollback} (settings.keepPrevious).
 */
public record PublishSettings(Mode mode, int lockTimeoutMs, int lockRetries, boolean keepPrevious) {
    // 50 ms: a read that arrives while the swap waits for its lock queues behind it, so the timeout bounds the delay
    // an API read can suffer from a swap that has to give up; 6 attempts with doubling pauses span about 3 s.
    public static final PublishSettings DEFAULT = new PublishSettings(Mode.SWAP, 50, 5, true);

    /** How a populate replaces the published tables. */
    public enum Mode {
        /** Shadow tables built beside the live ones and swapped in; anything that cannot be swapped safely fails. */
        SWAP("swap"),
        /** As SWAP, but what cannot be swapped is published by truncate-and-copy instead, with the reason shown. */
        SWAP_OR_TRUNCATE("swap-or-truncate"),
        /** Truncate the live tables and copy into them in one transaction: API reads wait for the whole copy. */
        TRUNCATE("truncate");

        private final String yamlName;

        Mode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** Reads the keys from the settings mapping, reporting bad values as problems at their line. */
    static PublishSettings parse(Yaml yaml, Map<String, Node> settings) {
        Mode mode = DEFAULT.mode;
        Node modeNode = settings.get("publishMode");
        if (modeNode != null) {
            String text = yaml.string(modeNode, "settings.publishMode");
            Mode found = Arrays.stream(Mode.values()).filter(m -> m.yamlName.equals(text)).findFirst().orElse(null);
            if (found == null) {
                yaml.problem(modeNode, "settings.publishMode must be swap, swap-or-truncate or truncate", null);
            } else {
                mode = found;
            }
        }
        int timeout = bounded(yaml, settings.get("lockTimeoutMs"), "settings.lockTimeoutMs", 1, 600_000,
                DEFAULT.lockTimeoutMs);
        int retries = bounded(yaml, settings.get("lockRetries"), "settings.lockRetries", 0, 100, DEFAULT.lockRetries);
        boolean keep = DEFAULT.keepPrevious;
        if (settings.get("keepPrevious") != null) {
            Boolean b = yaml.bool(settings.get("keepPrevious"), "settings.keepPrevious");
            keep = b == null ? keep : b;
        }
        return new PublishSettings(mode, timeout, retries, keep);
    }

    private static int bounded(Yaml yaml, Node node, String what, int min, int max, int fallback) {
        if (node == null) {
            return fallback;
        }
        Integer v = yaml.integer(node, what);
        if (v != null && (v < min || v > max)) {
            yaml.problem(node, what + " must be between " + min + " and " + max, null);
            return fallback;
        }
        return v == null ? fallback : v;
    }
}
