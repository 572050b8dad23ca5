package dev.dataflow.db;

import dev.dataflow.DataflowException;
import dev.dataflow.template.Rendered;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.function.Consumer;
import java.sql.Statement;

/**
 * Runs rendered SQL statement by statement on a connection; an error names the step, domain, template file and line
 * (the server's error position mapped back through the template), and the SQLSTATE.
 */
public final class SqlExecutor {
    private SqlExecutor() {
    }

    /** Runs every statement of the script; the caller owns the transaction. Returns the summed update counts. */
    public static long execute(Connection connection, Rendered rendered, String where) {
        return execute(connection, rendered, where, notice -> { });
    }

    /** As {@link #execute(Connection, Rendered, String)}, passing each NOTICE or WARNING the server raises. */
    public static long execute(Connection connection, Rendered rendered, String where, Consumer<String> notices) {
        return execute(connection, rendered, where, notices, StatementListener.NONE);
    }

    /** As above, telling {@code statements} when each statement starts and ends (its file:line, tag, rows, time). */
    public static long execute(Connection connection, Rendered rendered, String where, Consumer<String> notices,
                               StatementListener statements) {
        long rows = 0;
        for (SqlScript.Statement st : SqlScript.split(rendered.sql())) {
            String at = rendered.template() + ":" + rendered.templateLineAt(st.offset() + firstNonBlank(st.sql()));
            String tag = CommandTag.of(st.sql());
            try (Statement s = connection.createStatement()) {
                statements.started(at, tag);
                long start = System.nanoTime();
                s.execute(st.sql());
                long count = s.getLargeUpdateCount();
                if (count > 0) {
                    rows += count;
                }
                statements.finished(at, tag, count > 0 || CommandTag.countsRows(tag) ? Math.max(count, 0) : -1,
                        System.nanoTime() - start);
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    if (w.getMessage() != null && w.getMessage().endsWith(", skipping")) {
                        // IF [NOT] EXISTS chatter ("extension postgis already exists, skipping") says nothing new.
                        continue;
                    }
                    String text = w instanceof PSQLWarning pw && pw.getServerErrorMessage() != null
                            ? pw.getServerErrorMessage().getSeverity() + ": " + pw.getServerErrorMessage().getMessage()
                            : w.getMessage();
                    notices.accept(rendered.template() + ":" + rendered.templateLineAt(st.offset()
                            + firstNonBlank(st.sql())) + ": " + text);
                }
            } catch (SQLException e) {
                statements.finished(at, tag, -1, -1);
                throw failure(e, rendered, st, where);
            }
        }
        return rows;
    }

    static DataflowException failure(SQLException e, Rendered rendered, SqlScript.Statement st, String where) {
        int offset = firstNonBlank(st.sql()) + st.offset();
        String detail = e.getMessage();
        String hint = null;
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            if (m.getPosition() > 0) {
                offset = st.offset() + m.getPosition() - 1;
            }
            detail = m.getSeverity() + ": " + m.getMessage();
            if (m.getDetail() != null) {
                detail += "; " + m.getDetail();
            }
            if (m.getWhere() != null) {
                detail += "; where: " + m.getWhere().lines().findFirst().orElse("");
            }
            hint = m.getHint();
        }
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        String message = where + ": " + rendered.template() + ":" + rendered.templateLineAt(offset) + ": " + detail + state;
        return DataflowException.stepFailed(message, hint, e);
    }

    private static int firstNonBlank(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? sql.length() : eol + 1;
            } else {
                break;
            }
        }
        return i;
    }
}
