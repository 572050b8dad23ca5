package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.dataflow.config.ValueReader.orDefault;

/** Reads {@code connections:}: the flow and target databases (URL or parts, with defaults) and the object storage. */
final class ConnectionsReader {
    private static final Set<String> CONNECTIONS = Yaml.keys("flow", "target", "storage");
    private static final Set<String> DATABASE = Yaml.keys("url", "host", "port", "database", "user", "password",
            "schema");
    private static final Set<String> STORAGE = Yaml.keys("endpoint", "accessKey", "secretKey", "region", "pathStyle");

    /** The three connections a pipeline names. */
    record Connections(Database flow, Database target, Storage storage) {
    }

    private final Yaml yaml;
    private final ValueReader values;

    ConnectionsReader(Yaml yaml, ValueReader values) {
        this.yaml = yaml;
        this.values = values;
    }

    /** Reads the section; {@code root} gives the position of connections left to their defaults. */
    Connections read(Node node, Node root) {
        Map<String, Node> conns = node == null ? Map.of() : yaml.mapping(node, "connections", CONNECTIONS);
        return new Connections(database("flow", conns.get("flow"), root), database("target", conns.get("target"), root),
                storage(conns.get("storage"), root));
    }

    private Database database(String role, Node node, Node root) {
        List<String> unset = new ArrayList<>();
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "connections." + role, DATABASE);
        Pos pos = yaml.pos(node == null ? root : node);
        String url = values.text(m.get("url"), unset);
        String host = orDefault(values.text(m.get("host"), unset), "localhost");
        String port = orDefault(values.text(m.get("port"), unset), "5432");
        String db = orDefault(values.text(m.get("database"), unset), role);
        String user = orDefault(values.text(m.get("user"), unset), "postgres");
        String password = orDefault(values.text(m.get("password"), unset), "");
        String schema = orDefault(values.text(m.get("schema"), unset), "public");
        if (!Identifiers.isValid(schema)) {
            yaml.problem(m.get("schema"), "schema '" + schema + "' is not a valid identifier", "use [a-z_][a-z0-9_]*");
        }
        String jdbc;
        if (url != null && !url.isBlank()) {
            UrlParts parts = parseUrl(url.strip(), m.get("url"));
            jdbc = parts.jdbc;
            if (parts.user != null) {
                user = parts.user;
            }
            if (parts.password != null) {
                password = parts.password;
            }
        } else {
            if (!port.matches("\\d{1,5}")) {
                values.problemFromValue(m.get("port"), "port must be a number, not '" + port + "'", null);
            }
            jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
        return new Database(role, jdbc, user, password, schema, List.copyOf(unset), pos);
    }

    private record UrlParts(String jdbc, String user, String password) {
    }

    /** Accepts postgres://user:pass@host:port/db?params, postgresql://..., or jdbc:postgresql://... */
    private UrlParts parseUrl(String url, Node at) {
        try {
            ConnectionUrl u = ConnectionUrl.parse(url);
            return new UrlParts(u.jdbc(), u.user(), u.password());
        } catch (ConnectionUrl.Malformed e) {
            // The message names the malformed part; it never quotes the URL, which may hold a password.
            values.problemFromValue(at, e.getMessage(), e.hint);
            return new UrlParts("jdbc:postgresql://invalid/", null, null);
        }
    }

    private Storage storage(Node node, Node root) {
        List<String> unset = new ArrayList<>();
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "connections.storage", STORAGE);
        String endpoint = orDefault(values.text(m.get("endpoint"), unset), "");
        String access = orDefault(values.text(m.get("accessKey"), unset), "");
        String secret = orDefault(values.text(m.get("secretKey"), unset), "");
        String region = orDefault(values.text(m.get("region"), unset), "us-east-1");
        String pathStyle = orDefault(values.text(m.get("pathStyle"), unset), "true");
        boolean ps = !pathStyle.equalsIgnoreCase("false");
        return new Storage(endpoint, access, secret, region, ps, List.copyOf(unset), yaml.pos(node == null ? root : node));
    }
}
