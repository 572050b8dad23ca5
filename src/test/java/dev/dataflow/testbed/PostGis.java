package dev.dataflow.testbed;

import dev.dataflow.cluster.LocalCluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A real PostgreSQL 15 + PostGIS 3 server shared by the integration tests of one JVM; tests create their own databases. */
public final class PostGis {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final LocalCluster cluster;

    PostGis(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** A fresh database with PostGIS enabled, named after the prefix plus a counter. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet();
        cluster.createDatabase(name, true);
        return name;
    }

    /** A fresh database without PostGIS. */
    public String createPlainDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet();
        cluster.createDatabase(name, false);
        return name;
    }

    public String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    public String host() {
        return cluster.host();
    }

    public int port() {
        return cluster.port();
    }

    public String user() {
        return cluster.user();
    }

    public Connection connect(String database) throws SQLException {
        return cluster.connect(database);
    }

    static LocalCluster startCluster() {
        Path dir = Path.of("target", "pg-test-" + ProcessHandle.current().pid());
        return LocalCluster.start(dir, true);
    }
}
