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
    private HikariDataSource flowPool;
    private HikariDataSource targetPool;

    public Databases(Database flow, Database target, int poolSize) {
        this.flow = flow;
        this.target = target;
        this.poolSize = poolSize;
    }

    public Connection flow() {
        synchronized (this) {
            if (flowPool == null) {
                flowPool = open(flow);
            }
        }
        return connect(flowPool, flow);
    }

    public Connection target() {
        synchronized (this) {
            if (targetPool == null) {
                targetPool = open(target);
            }
        }
        return connect(targetPool, target);
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
        c.setMinimumIdle(0);
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
    public synchronized void close() {
        if (flowPool != null) {
            flowPool.close();
        }
        if (targetPool != null) {
            targetPool.close();
        }
    }
}
