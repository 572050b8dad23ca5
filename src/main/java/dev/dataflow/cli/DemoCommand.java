package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.cluster.LocalCluster;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.db.SqlScript;
import dev.dataflow.exec.Console;
import dev.dataflow.plan.Selection;
import dev.dataflow.storage.LoopbackS3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code demo}: the whole flow with no configuration: a throwaway PostGIS cluster holding the flow and a stand-in target
 * database, the sample objects served over real S3 HTTP on loopback, then {@code flow} and the target tables' row counts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the flow end to end on the bundled sample data, with nothing to configure.",
                "Starts a throwaway PostGIS cluster (flow + API databases, the API built from examples/zoning-api/schema.sql),",
                "serves examples/sample/<bucket>/<key> through an S3-compatible server on loopback, runs the flow",
                "and prints every API table's row count. Data lives in --dir; everything started is stopped at the end."})
final class DemoCommand extends RunningSubcommand {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".demo",
            description = "Where the demo keeps its cluster, downloads and converted files (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domains to run (default: all).")
    List<String> domains = new ArrayList<>(List.of("all"));

    @Option(names = "--schema", paramLabel = "FILE", defaultValue = "examples/zoning-api/schema.sql",
            description = "DDL of the stand-in API database (default: ${DEFAULT-VALUE}).")
    Path schema;

    @Option(names = "--samples", paramLabel = "DIR", defaultValue = "examples/sample",
            description = "Objects to serve, as DIR/<bucket>/<key> (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Path base = root.common.pipeline.toAbsolutePath().getParent();
        Path work = base.resolve(dir).normalize();
        Path schemaFile = base.resolve(schema);
        Path sampleDir = base.resolve(samples);
        if (!Files.isRegularFile(schemaFile) || !Files.isDirectory(sampleDir)) {
            throw DataflowException.badConfig("the demo needs " + schemaFile + " and " + sampleDir,
                    "run it from a clone of the repository, or pass --schema and --samples");
        }
        Path clusterDir = work.resolve("pg");
        stopLeftover(clusterDir);
        out.println("demo: starting a throwaway PostGIS cluster in " + base.relativize(clusterDir));
        out.flush();
        try (LocalCluster pg = LocalCluster.start(clusterDir, true)) {
            pg.createDatabase("flow", false);
            pg.createDatabase("zoning_api", true);
            applySchema(pg, schemaFile);
            String access = "demo-" + random(4);
            String secret = random(16);
            // Served from a copy, so the S3 server's own files never land in the repository.
            Path served = work.resolve("s3");
            dev.dataflow.Folders.delete(served);
            dev.dataflow.Folders.copy(sampleDir, served);
            try (LoopbackS3 s3 = LoopbackS3.filesystem(served, access, secret)) {
                out.println("demo: API database built from " + base.relativize(schemaFile) + "; serving "
                        + base.relativize(sampleDir) + " at " + s3.endpoint().url());
                out.flush();
                Map<String, String> env = new HashMap<>(root.environment);
                env.put("FLOW_DATABASE_URL", "postgresql://postgres@127.0.0.1:" + pg.port() + "/flow");
                env.put("TARGET_DATABASE_URL", "postgresql://postgres@127.0.0.1:" + pg.port() + "/zoning_api");
                env.put("DO_SPACES_ENDPOINT", s3.endpoint().url());
                env.put("DO_SPACES_ACCESS_KEY", access);
                env.put("DO_SPACES_SECRET_KEY", secret);
                env.put("DO_SPACES_REGION", "us-east-1");
                env.put("DATAFLOW_DOWNLOAD_DIR", work.resolve("download").toString());
                env.put("DATAFLOW_CONVERT_DIR", work.resolve("convert").toString());
                int code = run(env, App.planning(Selection.flow(SelectionOptions.splitCommas(domains)), out));
                if (code == 0) {
                    printCounts(pg, App.load(root.common, env), out);
                }
                return code;
            }
        } finally {
            out.println("demo: stopped the cluster and the S3 server; downloads are in " + base.relativize(work));
            out.flush();
        }
    }

    private static void applySchema(LocalCluster pg, Path schemaFile) throws IOException, SQLException {
        String sql = Files.readString(schemaFile);
        try (Connection c = pg.connect("zoning_api"); Statement s = c.createStatement()) {
            for (SqlScript.Statement st : SqlScript.split(sql)) {
                s.execute(st.sql());
            }
        }
    }

    private static void printCounts(LocalCluster pg, Pipeline pipeline, PrintWriter out) throws SQLException {
        out.println();
        out.println("API database (zoning_api) after the flow:");
        try (Connection c = pg.connect("zoning_api"); Statement s = c.createStatement();
                PreparedStatement geoColumns = c.prepareStatement(
                        "SELECT f_geometry_column || ' ' || type || ',' || srid FROM geometry_columns "
                                + "WHERE f_table_schema = current_schema() AND f_table_name = ? UNION ALL "
                                + "SELECT f_geography_column || ' geography ' || type || ',' || srid "
                                + "FROM geography_columns WHERE f_table_schema = current_schema() AND f_table_name = ?")) {
            for (Domain d : pipeline.domains()) {
                for (String t : d.tables()) {
                    long n;
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                        rs.next();
                        n = rs.getLong(1);
                    }
                    List<String> geo = new ArrayList<>();
                    // The target table itself only: a swap publish keeps the previous copy, with the same name, in a
                    // schema of its own, and geometry_columns lists both.
                    geoColumns.setString(1, t);
                    geoColumns.setString(2, t);
                    try (ResultSet rs = geoColumns.executeQuery()) {
                        while (rs.next()) {
                            geo.add(rs.getString(1));
                        }
                    }
                    out.printf("  %-48s %8s rows  %s%n", d.name() + "." + t, Console.count(n),
                            geo.isEmpty() ? "" : String.join("; ", geo));
                }
            }
        }
        out.flush();
    }

    /** A cluster left by an interrupted demo is stopped and removed, so ports and files never pile up. */
    private static void stopLeftover(Path clusterDir) {
        if (Files.exists(clusterDir)) {
            LocalCluster.stopExisting(clusterDir);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
