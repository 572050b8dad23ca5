package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.schema.SchemaTsLexer.Kind;
import dev.dataflow.schema.SchemaTsLexer.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the subset of TypeScript that {@code drizzle:api:pull} writes (and drizzle-kit's own variant with single
 * quotes and no semicolons): named imports and {@code export const x = pgEnum("name", [...])}. Anything else is an
 * error with its line, because silently skipping a statement would silently skip an enum.
 */
final class SchemaTsParser {
    /** PostgreSQL truncates names and rejects labels longer than NAMEDATALEN - 1 bytes. */
    private static final int MAX_NAME_BYTES = 63;

    private final String fileName;
    private final String schema;
    private final SchemaTsLexer lexer;
    private Token current;

    private SchemaTsParser(String fileName, String text, String schema) {
        this.fileName = fileName;
        this.schema = schema;
        this.lexer = new SchemaTsLexer(fileName, text);
    }

    static List<EnumType> parse(String fileName, String text, String schema) {
        return new SchemaTsParser(fileName, text, schema).file();
    }

    private List<EnumType> file() {
        List<EnumType> enums = new ArrayList<>();
        Map<String, Integer> constLines = new HashMap<>();
        Set<String> enumNames = new HashSet<>();
        boolean pgEnumImported = false;
        int firstUse = -1;
        while (peek().kind() != Kind.END) {
            Token start = peek();
            if (start.is("import")) {
                pgEnumImported |= importDeclaration();
            } else if (start.is("export")) {
                next();
                expectWord("const");
                Token constName = expect(Kind.IDENT, "a constant name");
                Integer earlier = constLines.putIfAbsent(constName.text(), constName.line());
                if (earlier != null) {
                    throw error(constName.line(), "constant '" + constName.text() + "' is already declared on line " + earlier);
                }
                expectPunct("=");
                Token call = expect(Kind.IDENT, "pgEnum");
                if (!call.text().equals("pgEnum")) {
                    throw error(call.line(), "expected pgEnum(...), found '" + call.text() + "'; only enums belong in this file");
                }
                if (firstUse < 0) {
                    firstUse = call.line();
                }
                EnumType type = enumCall();
                if (!enumNames.add(type.name())) {
                    throw error(call.line(), "enum \"" + type.name() + "\" is declared twice");
                }
                enums.add(type);
                optionalSemicolon();
            } else {
                throw error(start.line(), "expected an import or 'export const NAME = pgEnum(...)', found " + start.shown());
            }
        }
        if (firstUse >= 0 && !pgEnumImported) {
            // drizzle-kit leaves this import out; the file would not compile in the API project without it.
            throw error(firstUse, "pgEnum is used but not imported",
                    "add: import { pgEnum } from \"drizzle-orm/pg-core\";");
        }
        return List.copyOf(enums);
    }

    /** Returns whether it imported pgEnum from drizzle-orm/pg-core. */
    private boolean importDeclaration() {
        next();
        expectPunct("{");
        boolean pgEnum = false;
        while (!peek().is("}")) {
            Token name = expect(Kind.IDENT, "an imported name");
            pgEnum |= name.text().equals("pgEnum");
            if (!peek().is("}")) {
                expectPunct(",");
            }
        }
        next();
        expectWord("from");
        Token module = expect(Kind.STRING, "a module name");
        optionalSemicolon();
        return pgEnum && module.text().equals("drizzle-orm/pg-core");
    }

    private EnumType enumCall() {
        expectPunct("(");
        Token name = expect(Kind.STRING, "the enum's name as a string");
        checkName(name, "enum name");
        expectPunct(",");
        expectPunct("[");
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!peek().is("]")) {
            Token value = expect(Kind.STRING, "an enum value string");
            checkName(value, "enum value");
            if (!seen.add(value.text())) {
                throw error(value.line(), "value \"" + value.text() + "\" appears twice in enum \"" + name.text() + "\"");
            }
            values.add(value.text());
            if (!peek().is("]")) {
                expectPunct(",");
            }
        }
        next();
        if (peek().is(",")) {
            next();
        }
        expectPunct(")");
        return new EnumType(schema, name.text(), values);
    }

    private void checkName(Token t, String what) {
        int bytes = t.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_NAME_BYTES) {
            throw error(t.line(), what + " \"" + t.text() + "\" must be 1 to " + MAX_NAME_BYTES + " bytes long in PostgreSQL");
        }
        if (t.text().indexOf('\0') >= 0) {
            throw error(t.line(), what + " contains a NUL character, which PostgreSQL cannot store");
        }
    }

    private void optionalSemicolon() {
        if (peek().is(";")) {
            next();
        }
    }

    /** Lexes on demand, so a statement that is wrong as a whole is reported as such, not as a stray character. */
    private Token peek() {
        if (current == null) {
            current = lexer.next();
        }
        return current;
    }

    private Token next() {
        Token t = peek();
        if (t.kind() != Kind.END) {
            current = null;
        }
        return t;
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t.line(), "expected " + what + ", found " + t.shown());
        }
        return next();
    }

    private void expectPunct(String punct) {
        if (!peek().is(punct) || peek().kind() != Kind.PUNCT) {
            throw error(peek().line(), "expected '" + punct + "', found " + peek().shown());
        }
        next();
    }

    private void expectWord(String word) {
        if (!peek().is(word) || peek().kind() != Kind.IDENT) {
            throw error(peek().line(), "expected '" + word + "', found " + peek().shown());
        }
        next();
    }

    private DataflowException error(int line, String message) {
        return error(line, message, null);
    }

    private DataflowException error(int line, String message, String hint) {
        return DataflowException.stepFailed(fileName + ":" + line + ": " + message, hint, null);
    }
}
