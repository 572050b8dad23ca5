package dev.dataflow.schema;

import java.util.List;

/**
 * What {@link EnumPusher#push} changed: counts for the step's summary and one line per change for the log.
 */
public record PushResult(int typesCreated, int valuesAdded, int typesRecreated, List<String> changes) {
    public PushResult {
        changes = List.copyOf(changes);
    }

    public boolean unchanged() {
        return changes.isEmpty();
    }
}
