package dev.dataflow.testbed;

import dev.dataflow.cli.Cli;
import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.handlers.Handlers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of a pipeline fixture in a temp folder, with a flow and a target database, run through the real CLI. */
public final class Fixture {
    public final Path dir;
    public final PostGis pg;
    public final String flowDb;
    public final String targetDb;
    public final Map<String, String> env = new HashMap<>();

    /** The result of one CLI run. */
    public record Run(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Fixture(String name, Path tempDir, PostGis pg) throws IOException, SQLException {
        this.pg = pg;
        this.dir = tempDir.resolve(name);
        copyTree(Path.of("src/test/resources/fixtures", name), dir);
        this.flowDb = pg.createPlainDatabase("flow");
        this.targetDb = pg.createPlainDatabase("target");
        env.put("FLOW_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + flowDb);
        env.put("TARGET_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + targetDb);
        Path targetSql = dir.resolve("target.sql");
        if (Files.exists(targetSql)) {
            exec(targetDb, Files.readString(targetSql));
        }
    }

    public Run run(String... args) {
        return run(Handlers.builtIn(), args);
    }

    /** As above, with the handlers the steps run through. */
    public Run run(Map<StepKind, StepHandler> handlers, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = Stream.concat(Stream.of(args), Stream.of("--pipeline", dir.resolve("pipeline.yaml").toString()))
                .toArray(String[]::new);
        int code = Cli.run(full, new PrintWriter(out), new PrintWriter(err), env, handlers);
        // Every report a run leaves follows the committed schema, whatever the run's outcome.
        Path report = dir.resolve("target/run-report.json");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--report")) {
                report = Path.of(args[i + 1]);
            }
        }
        if (Files.exists(report)) {
            ReportSchema.assertValid(report);
        }
        return new Run(code, out.toString(), err.toString());
    }

    public void exec(String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String db, String table) throws SQLException {
        return Long.parseLong(query(db, "SELECT count(*) FROM " + table));
    }

    /** The first column of every row, joined by newlines. */
    public String query(String db, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(rs.getString(1));
            }
        }
        return sb.toString();
    }

    public static void copyTree(Path from, Path to) throws IOException {
        dev.dataflow.Folders.copy(from, to);
    }
}
