package dev.dataflow.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import dev.dataflow.DataflowException;
import dev.dataflow.config.ConfigException;
import dev.dataflow.config.TextFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders SQL templates with Mustache: no HTML escaping, and a variable or section that is not defined is an error
 * naming {@code sql/FILE:LINE}.
 */
public final class TemplateRenderer {
    /** Marks the start of each template line so rendered lines can be traced back; control characters never in SQL. */
    private static final char MARK_START = '\u0001';
    private static final char MARK_END = '\u0002';
    /** Wraps a {@link SqlValue} on its way from the object handler to {@code encode} (or, unescaped, to the output). */
    private static final char VALUE = '\u0003';

    /** A template is SQL a reviewer reads; 8 MiB is far beyond any. */
    private static final int MAX_BYTES = 8 << 20;
    private final Path sqlDir;
    private final String sqlDirLabel;

    /** {@code sqlDirLabel} is how the folder is named in messages, e.g. {@code sql}. */
    public TemplateRenderer(Path sqlDir, String sqlDirLabel) {
        this.sqlDir = sqlDir;
        this.sqlDirLabel = sqlDirLabel;
    }

    public Rendered render(String template, Map<String, Object> context) {
        Path file = sqlDir.resolve(template).normalize();
        String label = sqlDirLabel + "/" + template;
        String text;
        try {
            text = TextFiles.read(file, label, MAX_BYTES);
        } catch (ConfigException e) {
            throw DataflowException.stepFailed(e.getMessage(), null, null);
        } catch (IOException e) {
            throw DataflowException.stepFailed(label + ": cannot read template: " + e.getMessage(), null, e);
        }
        return render(label, text, context);
    }

    /** Renders template text; {@code label} names it in errors. */
    public Rendered render(String label, String text, Map<String, Object> context) {
        refuseControlCharacters(label, text);
        DefaultMustacheFactory factory = new DefaultMustacheFactory(sqlDir.toFile()) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    // {{vars.x}}: a checked literal. {{{vars.x}}} skips encode and reaches unmark, which drops VALUE.
                    boolean sqlValue = value.length() >= 2 && value.charAt(0) == VALUE
                            && value.charAt(value.length() - 1) == VALUE;
                    writer.write(sqlValue ? new SqlValue(value.substring(1, value.length() - 1)).literal() : value);
                } catch (IOException e) {
                    throw new MustacheException(e);
                }
            }
        };
        factory.setObjectHandler(new ReflectionObjectHandler() {
            @Override
            public String stringify(Object object) {
                return object instanceof SqlValue v ? VALUE + v.raw() + VALUE : super.stringify(object);
            }

            @Override
            public Wrapper find(String name, List<Object> scopes) {
                Wrapper w = super.find(name, scopes);
                if (w instanceof MissingWrapper) {
                    throw new MustacheException("template variable '" + name + "' is not defined");
                }
                return w;
            }
        });
        StringWriter out = new StringWriter();
        try {
            Mustache m = factory.compile(new StringReader(mark(text)), label);
            m.execute(out, context).flush();
        } catch (MustacheNotFoundException e) {
            throw DataflowException.stepFailed(label + ": " + e.getMessage(), null, e);
        } catch (MustacheException e) {
            throw DataflowException.stepFailed(describe(label, e), "defined: " + String.join(", ", context.keySet())
                    + " (see the README's template context)", e);
        } catch (IOException e) {
            throw DataflowException.stepFailed(label + ": " + e.getMessage(), null, e);
        }
        return unmark(label, out.toString());
    }

    private static String describe(String label, MustacheException e) {
        String where = label;
        if (e.getContext() != null && e.getContext().line() > 0) {
            where = e.getContext().file() + ":" + e.getContext().line();
        }
        Throwable root = e;
        while (root.getCause() instanceof MustacheException && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root instanceof MustacheException me && me.getContext() != null
                ? root.getMessage().replaceFirst("\\s*@\\[.*]$", "") : root.getMessage();
        if (root != e && e.getMessage() != null && e.getMessage().contains("@[")) {
            String outer = e.getMessage();
            where = outer.substring(outer.lastIndexOf("@[") + 2, outer.lastIndexOf(']'));
        }
        return where + ": " + msg.replaceFirst("^Failed to get value for (.*?)\\s*@.*$", "template variable '$1' is not defined");
    }

    /** Control characters have no place in SQL text, and the renderer uses three of them to trace lines. */
    private static void refuseControlCharacters(String label, String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7f) {
                throw DataflowException.stepFailed(label + ":" + line + ":" + column + ": the template holds the "
                        + String.format("control character U+%04X", (int) c), "SQL text has no control characters; "
                        + "remove it (an editor may show it as ^" + (char) (c == 0x7f ? '?' : c + 64) + ")", null);
            }
            column++;
        }
    }

    static String mark(String text) {
        StringBuilder sb = new StringBuilder(text.length() + text.length() / 8);
        int line = 1;
        sb.append(MARK_START).append(line).append(MARK_END);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c);
            if (c == '\n' && i + 1 < text.length()) {
                line++;
                sb.append(MARK_START).append(line).append(MARK_END);
            }
        }
        return sb.toString();
    }

    static Rendered unmark(String label, String marked) {
        StringBuilder sql = new StringBuilder(marked.length());
        List<Integer> lines = new ArrayList<>();
        int current = 1;
        int lineOfCurrentOutput = -1;
        boolean lineHasText = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == VALUE) {
                continue;
            }
            if (c == MARK_START) {
                int end = marked.indexOf(MARK_END, i);
                current = Integer.parseInt(marked.substring(i + 1, end));
                i = end;
                // Mustache drops standalone section tags, so several markers can precede a line's text: the last wins.
                if (!lineHasText) {
                    lineOfCurrentOutput = current;
                }
                continue;
            }
            if (lineOfCurrentOutput < 0) {
                lineOfCurrentOutput = current;
            }
            sql.append(c);
            lineHasText = true;
            if (c == '\n') {
                lines.add(lineOfCurrentOutput);
                lineOfCurrentOutput = -1;
                lineHasText = false;
            }
        }
        lines.add(lineOfCurrentOutput < 0 ? current : lineOfCurrentOutput);
        return new Rendered(label, sql.toString(), lines.stream().mapToInt(Integer::intValue).toArray());
    }
}
