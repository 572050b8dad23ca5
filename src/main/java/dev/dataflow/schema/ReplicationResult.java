package dev.dataflow.schema;

import java.util.List;
import java.util.Map;

/**
 * What {@link ModelReplicator#replicate} did.
 *
 * @param tables       the model tables created, parents before children
 * @param fingerprints each table's definition fingerprint, in the same order
 * @param enums        changes made to enum types the columns need
 * @param domains      domain types created in the flow database
 * @param staleDropped earlier model tables of other builds dropped because they referenced recreated tables
 */
public record ReplicationResult(List<String> tables, Map<String, String> fingerprints, PushResult enums,
                                List<String> domains, List<String> staleDropped) {
    public ReplicationResult {
        tables = List.copyOf(tables);
        fingerprints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fingerprints));
        domains = List.copyOf(domains);
        staleDropped = List.copyOf(staleDropped);
    }
}
