package dev.dataflow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dataflow.DataflowException;
import dev.dataflow.config.Database;

import java.sql.Connection;
import java.sql.SQLException;

/** Connection pools for the flow and target databases, opened on first use and closed with the run. */
public final class Databases implements AutoCloseable {
    private final Database flow;
    private final Database target;
    private final int poolSize;
    private final Pool flowPool;
    private final Pool targetPool;
    private volatile boolean closed;

    public Databases(Database flow, Database target, int poolSize) {
        this.flow = flow;
        this.target = target;
        this.poolSize = poolSize;
        this.flowPool = new Pool(flow);
        this.targetPool = new Pool(target);
    }

    public Connection flow() {
        return connect(flowPool.get(), flow);
    }

    public Connection target() {
        return connect(targetPool.get(), target);
    }

    /**
     * Opens the target's pool on a background thread, for a run that will need the target only after its first
     * steps: the connections are then ready when it does. A failure here is left for that first use to report.
     */
    public void openTargetEarly() {
        Thread t = new Thread(() -> {
            try {
                targetPool.get();
            } catch (RuntimeException laterReported) {
                // target() opens the pool again when a step needs it and reports why it cannot
            }
        }, "target-pool-opener");
        t.setDaemon(true);
        t.start();
    }

    /** One database's pool, opened on first use; each has its own lock, so opening one never waits for the other. */
    private final class Pool {
        private final Database db;
        private HikariDataSource source;

        Pool(Database db) {
            this.db = db;
        }

        synchronized HikariDataSource get() {
            if (closed) {
                throw new IllegalStateException("the connection pools are closed");
            }
            if (source == null) {
                source = open(db);
            }
            return source;
        }

        synchronized void close() {
            if (source != null) {
                source.close();
            }
        }
    }

    public Database flowSettings() {
        return flow;
    }

    public Database targetSettings() {
        return target;
    }

    private HikariDataSource open(Database db) {
        if (!db.unsetVariables().isEmpty()) {
            throw DataflowException.badConfig(db.pos() + ": the " + db.role() + " database needs "
                    + String.join(", ", db.unsetVariables()), "set them in the environment or in .env");
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db.jdbcUrl());
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(poolSize);
        // Two idle connections: the one the fail-fast check opens is kept instead of closed, and a step taking it
        // (populate takes two at once) finds the next one already made by the pool's background adder.
        c.setMinimumIdle(Math.min(2, poolSize));
        c.setPoolName(db.role());
        c.setConnectionTimeout(30_000);
        // Fail fast with the real reason instead of a pool time-out when the server is unreachable.
        c.setInitializationFailTimeout(1);
        c.addDataSourceProperty("ApplicationName", "data-flow");
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw DataflowException.stepFailed("cannot connect to the " + db.describe() + ": " + root.getMessage(),
                    "check the " + db.role().toUpperCase() + "_DATABASE_* settings", null);
        }
    }

    private static Connection connect(HikariDataSource pool, Database db) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw DataflowException.stepFailed("cannot connect to the " + db.describe() + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        flowPool.close();
        targetPool.close();
    }
}
