package dev.dataflow.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API's enum types in drizzle-orm's {@code schema.ts} format: read from a catalog ({@code drizzle:api:pull}),
 * written as text, and parsed back ({@code pg:flow:push}).
 */
public final class DrizzleEnums {
    /** The import drizzle-kit's introspection leaves out; without it the file does not compile in the API project. */
    static final String IMPORT_LINE = "import { pgEnum } from \"drizzle-orm/pg-core\";";

    private static final String NO_ENUMS = "// The API database has no enum types.";

    private static final String HEADER = "// The API database's enum types, written by drizzle:api:pull and read by pg:flow:push.";

    private static final Set<String> RESERVED = Set.of(
            "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
            "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import",
            "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
            "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
            "with", "yield", "pgEnum");

    private DrizzleEnums() {
    }

    /**
     * The enum types defined in {@code schema} (extension-owned ones excluded, as they are not the API's), sorted by
     * name, each with its labels in sort order.
     */
    public static List<EnumType> readFromCatalog(Connection db, String schema) {
        String sql = """
                SELECT t.typname,
                       coalesce(array_agg(e.enumlabel ORDER BY e.enumsortorder)
                                FILTER (WHERE e.enumlabel IS NOT NULL), '{}')
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE n.nspname = ? AND t.typtype = 'e'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
                GROUP BY t.typname""";
        List<EnumType> enums = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] labels = (String[]) rs.getArray(2).getArray();
                    enums.add(new EnumType(schema, rs.getString(1), Arrays.asList(labels)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("cannot read the enum types of schema " + schema, e);
        }
        // Sorted here, not in SQL, so the order does not depend on the database's collation.
        enums.sort(Comparator.comparing(EnumType::name));
        return List.copyOf(enums);
    }

    /**
     * The schema.ts text: a header, the pgEnum import and one line per enum, sorted by name, so an unchanged database
     * gives a byte-identical file.
     */
    public static String render(List<EnumType> enums) {
        List<EnumType> sorted = new ArrayList<>(enums);
        sorted.sort(Comparator.comparing(EnumType::name));
        StringBuilder b = new StringBuilder();
        b.append(HEADER).append('\n').append(IMPORT_LINE).append("\n\n");
        if (sorted.isEmpty()) {
            // Today's API has none (its former enums are text columns with CHECKs). The import stays: an unused import
            // is valid TypeScript, and the file keeps one shape whether or not the API has enums.
            b.append(NO_ENUMS).append('\n');
        }
        Set<String> constants = new HashSet<>();
        for (EnumType e : sorted) {
            String constant = constantName(e.name(), constants);
            b.append("export const ").append(constant).append(" = pgEnum(").append(quote(e.name())).append(", [");
            for (int i = 0; i < e.values().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(quote(e.values().get(i)));
            }
            b.append("]);\n");
        }
        return b.toString();
    }

    /**
     * Parses schema.ts text; the enums get {@code schema}, since the file holds one schema's types. Errors are
     * {@code fileName:LINE: message}.
     */
    public static List<EnumType> parse(String fileName, String text, String schema) {
        return SchemaTsParser.parse(fileName, text, schema);
    }

    /** The TypeScript constant: the enum's name when it is a usable identifier, otherwise a sanitised, unique one. */
    private static String constantName(String name, Set<String> taken) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '$';
            b.append(ok ? c : '_');
        }
        String base = b.toString();
        if (RESERVED.contains(base) || (!name.isEmpty() && Character.isDigit(name.charAt(0)))) {
            base = "_" + base;
        }
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    /** A double-quoted TypeScript literal that the parser reads back to exactly the same string. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
