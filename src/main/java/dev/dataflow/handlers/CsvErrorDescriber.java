package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Source;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a COPY's rejection of a source row into the user's message: the file and the line the record starts on
 * ({@code file:line}), the column, the constraint and PostgreSQL's detail.
 */
final class CsvErrorDescriber {
    private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)(?:, column (\\w+))?");

    private CsvErrorDescriber() {
    }

    /** Names the file, its line, the column and the constraint of a rejected row. */
    static DataflowException describe(Connection c, Source s, Path file, String label, PSQLException e) {
        ServerErrorMessage m = e.getServerErrorMessage();
        if (m == null) {
            return DataflowException.stepFailed(label + ": loading " + s.table() + " failed: " + e.getMessage(), null, e);
        }
        String line = "";
        String column = m.getColumn();
        if (m.getWhere() != null) {
            Matcher mm = COPY_LINE.matcher(m.getWhere());
            if (mm.find()) {
                line = ":" + (file == null ? "CSV record " + mm.group(1) : fileLine(file, Long.parseLong(mm.group(1))));
                if (column == null) {
                    column = mm.group(2);
                }
            }
        }
        String constraint = m.getConstraint();
        if (column == null && constraint != null) {
            column = constraintColumns(c, s.table(), constraint);
        }
        StringBuilder sb = new StringBuilder(label + line + ": " + s.table() + ": " + m.getMessage());
        if (column != null) {
            sb.append(" (column ").append(column).append(')');
        }
        if (constraint != null && !m.getMessage().contains(constraint)) {
            sb.append(" (constraint ").append(constraint).append(')');
        }
        if (m.getDetail() != null) {
            sb.append("; ").append(m.getDetail());
        }
        sb.append(" [SQLSTATE ").append(m.getSQLState()).append("]; nothing of ").append(s.table()).append(" was loaded");
        return DataflowException.stepFailed(sb.toString(), m.getHint(), e);
    }

    /**
     * PostgreSQL's "line" in a COPY error counts records, plus line breaks inside quotes only when they match the
     * file's line end ({@link CsvBlocks#recordOfCopyLine}); this is the line the record starts on, so an editor's
     * file:line lands on the row, with the record number when the two differ. If the file cannot be read again,
     * PostgreSQL's number is shown as it is.
     */
    private static String fileLine(Path file, long record) {
        try (InputStream in = Files.newInputStream(file)) {
            CsvBlocks.Where where = CsvBlocks.recordOfCopyLine(in, record);
            return where.line() == where.record() ? String.valueOf(where.line())
                    : where.line() + " (CSV record " + where.record() + ")";
        } catch (IOException e) {
            return String.valueOf(record);
        }
    }

    private static String constraintColumns(Connection c, String table, String constraint) {
        try {
            // The COPY failed, so the transaction is aborted; ask on a fresh statement after rolling back.
            c.rollback();
            try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) "
                    + "FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) "
                    + "WHERE k.conname = ? AND k.conrelid = ?::regclass")) {
                ps.setString(1, constraint);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        } catch (SQLException ignored) {
            return null;
        }
    }
}
