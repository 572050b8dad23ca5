package dev.dataflow.cluster;

import dev.dataflow.DataflowException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster started from the local binaries (initdb + pg_ctl) on a free loopback port.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean deleteOnClose;
    private volatile boolean running;

    private LocalCluster(Path dir, Path bin, int port, boolean deleteOnClose) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Creates and starts a cluster in {@code dir} (which must not hold one yet); fsync is off because the data is scratch.
     */
    public static LocalCluster start(Path dir, boolean deleteOnClose) {
        return startIn(dir, deleteOnClose);
    }

    private static LocalCluster startIn(Path dir, boolean deleteOnClose) {
        Path bin = findBinDir();
        try {
            Files.createDirectories(dir);
            if (isRoot() && !reachableByOthers(dir.toAbsolutePath().getParent())) {
                // As root the server runs as the postgres user, who cannot enter a private folder (a 0700 home or
                // temp folder); such clusters live in the system temp folder instead, deleted all the same.
                dev.dataflow.Folders.delete(dir);
                dir = Files.createTempDirectory("data-flow-pg-");
                deleteOnClose = true;
            }
            int port = freePort();
            LocalCluster cluster = new LocalCluster(dir.toAbsolutePath(), bin, port, deleteOnClose);
            cluster.initAndStart();
            return cluster;
        } catch (IOException e) {
            throw new DataflowException("cannot start a local PostgreSQL cluster in " + dir + ": " + e.getMessage(),
                    "install postgresql-15-postgis-3", DataflowException.INTERNAL, e);
        }
    }

    /** Stops a cluster left running in {@code dir} by an earlier process (best effort) and deletes the folder. */
    public static void stopExisting(Path dir) {
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            LocalCluster leftover = new LocalCluster(dir.toAbsolutePath(), findBinDir(), 0, true);
            leftover.running = true;
            leftover.stopQuietly();
        }
        dev.dataflow.Folders.delete(dir);
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String user() {
        return "postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), "");
    }

    /** Creates a database (dropping one of that name first) with PostGIS enabled when {@code postgis} is set. */
    public void createDatabase(String name, boolean postgis) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new DataflowException("cannot create database " + name + ": " + e.getMessage(), null,
                    DataflowException.INTERNAL, e);
        }
        if (postgis) {
            try (Connection c = connect(name); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            } catch (SQLException e) {
                throw new DataflowException("cannot enable PostGIS in " + name + ": " + e.getMessage(),
                        "install postgresql-15-postgis-3", DataflowException.INTERNAL, e);
            }
        }
    }

    private void initAndStart() throws IOException {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            runAsPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), "initdb");
        }
        String opts = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";
        runAsPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o", opts, "start"), "pg_ctl start");
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "stop-local-postgres"));
    }

    @Override
    public void close() {
        stopQuietly();
        if (deleteOnClose) {
            dev.dataflow.Folders.delete(dir);
        }
    }

    private synchronized void stopQuietly() {
        if (!running) {
            return;
        }
        running = false;
        try {
            runAsPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"), "pg_ctl stop");
        } catch (IOException | RuntimeException e) {
            // Best effort at shutdown: nothing more can be done, and the data directory is scratch.
        }
    }

    /** initdb and postgres refuse to run as root; as root the cluster runs as the postgres OS user. */
    private void runAsPostgres(List<String> command, String what) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            chownToPostgres(dir);
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted");
        }
        if (p.exitValue() != 0) {
            String log = "";
            Path serverLog = dir.resolve("server.log");
            if (Files.exists(serverLog)) {
                log = "\n" + Files.readString(serverLog);
            }
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + out.strip() + log);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToPostgres(Path dir) throws IOException {
        try {
            Process p = new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("chown failed: " + out + " (is the postgres OS user there? install postgresql-15)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Whether every folder from the root down to {@code dir} lets other users pass through. */
    private static boolean reachableByOthers(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    static Path findBinDir() {
        String override = System.getenv("DATAFLOW_PG_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                // Prefer 15, the version the API runs, then the newest with initdb.
                List<Path> candidates = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparing((Path b) -> !b.getParent().getFileName().toString().equals("15"))
                                .thenComparing(Comparator.comparing((Path b) -> versionOf(b)).reversed()))
                        .toList();
                if (!candidates.isEmpty()) {
                    return candidates.get(0);
                }
            } catch (IOException e) {
                // fall through to the error below
            }
        }
        throw new DataflowException("no PostgreSQL server binaries found under /usr/lib/postgresql",
                "apt-get install -y postgresql-15-postgis-3, or set DATAFLOW_PG_BIN", DataflowException.INTERNAL, null);
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

}
