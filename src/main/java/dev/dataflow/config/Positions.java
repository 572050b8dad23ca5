package dev.dataflow.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the section readers saw what the cross-checks look at, so that a problem found after reading still points
 * at the line to fix: each template list, each shipped source file, each key of a domain's {@code sql:}, each
 * domain's {@code tables:} list and the {@code sqlDir} setting. Filled while reading, read by the checks.
 */
final class Positions {
    /** A name (template or file) as written, at the node that holds it. */
    record Placed(String name, Pos pos) {
    }

    /** A key of a domain's {@code sql:} mapping: the step whose templates follow. */
    record SqlKey(String domain, String stepId, Pos pos) {
    }

    private final List<Placed> templates = new ArrayList<>();
    private final List<Placed> shippedFiles = new ArrayList<>();
    private final List<SqlKey> sqlKeys = new ArrayList<>();
    private final Map<String, Pos> tableLists = new LinkedHashMap<>();
    private Pos sqlDir;

    void template(String name, Pos pos) {
        templates.add(new Placed(name, pos));
    }

    void shippedFile(String name, Pos pos) {
        shippedFiles.add(new Placed(name, pos));
    }

    void sqlKey(String domain, String stepId, Pos pos) {
        sqlKeys.add(new SqlKey(domain, stepId, pos));
    }

    void tableList(String domain, Pos pos) {
        tableLists.put(domain, pos);
    }

    void sqlDir(Pos pos) {
        sqlDir = pos;
    }

    /** Every SQL template named (step-wide, per domain, by sql checks), in file order. */
    List<Placed> templates() {
        return templates;
    }

    List<Placed> shippedFiles() {
        return shippedFiles;
    }

    List<SqlKey> sqlKeys() {
        return sqlKeys;
    }

    /** The position of a domain's {@code tables:} list. */
    Pos tableList(String domain) {
        return tableLists.get(domain);
    }

    /** The {@code sqlDir} setting, or the file when the default is used. */
    Pos sqlDir() {
        return sqlDir;
    }
}
