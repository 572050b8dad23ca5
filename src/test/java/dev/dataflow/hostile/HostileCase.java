package dev.dataflow.hostile;

import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One case of the hostile-input corpus, read from a {@code .case} file:
 *
 * <pre>
 * # what the case is, and the defect it once showed
 * args: validate                 the command line (split on spaces); --pipeline is added
 * exit: 2                        the expected exit code
 * expect: pipeline.yaml:6:10:    a text the console must contain (repeatable)
 * absent: jdbc:postgresql://null a text it must not contain (repeatable)
 * secret: Pw-7731-hostile        must appear in no output at all (repeatable)
 * env: TARGET_URL=postgres://u:{secret}@{host}:{port}/{target}   set for the run ({flow}, {target}, {host}, {port})
 * before: --group configure --group seed     a run that must succeed before the edits (repeatable)
 * check: flow|SELECT count(*) FROM source_place|0   a query and its expected answer after the run (repeatable)
 * --- replace pipeline.yaml      then the text to find, a line "==>", and its replacement
 * --- file data/places.csv       then the whole new content of the file; \xNN stands for a byte
 * --- append pipeline.yaml       then text added at the end of the file
 * --- repeat pipeline.yaml 5000  appends its first line, then its second line 5000 times (for huge inputs)
 * </pre>
 */
final class HostileCase {
    private final String name;
    private final List<String> args = new ArrayList<>();
    private int exit = -1;
    private final List<String> expect = new ArrayList<>();
    private final List<String> absent = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private final List<List<String>> before = new ArrayList<>();
    private final List<HostileInputIT.Check> checks = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();

    private record Edit(String kind, String path, String body) {
    }

    private HostileCase(String name) {
        this.name = name;
    }

    static HostileCase read(Path file) throws IOException {
        HostileCase c = new HostileCase(file.getFileName().toString());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int i = 0;
        for (; i < lines.size() && !lines.get(i).startsWith("--- "); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "args" -> c.args.addAll(Arrays.asList(value.split(" +")));
                case "exit" -> c.exit = Integer.parseInt(value);
                case "expect" -> c.expect.add(value);
                case "absent" -> c.absent.add(value);
                case "secret" -> c.secrets.add(value);
                case "env" -> c.env.add(value);
                case "before" -> c.before.add(Arrays.asList(value.split(" +")));
                case "check" -> {
                    String[] parts = value.split("\\|", 3);
                    c.checks.add(new HostileInputIT.Check(parts[0], parts[1], parts[2]));
                }
                default -> throw new IllegalArgumentException(file + ": unknown key " + key);
            }
        }
        while (i < lines.size()) {
            String[] head = lines.get(i).substring(4).strip().split(" ", 2);
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("--- "); i++) {
                body.append(lines.get(i)).append('\n');
            }
            c.edits.add(new Edit(head[0], head[1], body.toString()));
        }
        if (c.exit < 0 || c.args.isEmpty()) {
            throw new IllegalArgumentException(file + ": a case needs args: and exit:");
        }
        return c;
    }

    String name() {
        return name;
    }

    List<String> args() {
        return args;
    }

    int exit() {
        return exit;
    }

    List<String> expect() {
        return expect;
    }

    List<String> absent() {
        return absent;
    }

    List<String> secrets() {
        return secrets;
    }

    List<List<String>> before() {
        return before;
    }

    List<HostileInputIT.Check> checks() {
        return checks;
    }

    /** Sets the case's environment (placeholders filled in). */
    void apply(Fixture fx, PostGis pg) {
        for (String e : env) {
            int eq = e.indexOf('=');
            String value = e.substring(eq + 1).replace("{host}", pg.host()).replace("{port}", String.valueOf(pg.port()))
                    .replace("{flow}", fx.flowDb).replace("{target}", fx.targetDb);
            if (value.equals("<unset>")) {
                fx.env.remove(e.substring(0, eq));
            } else {
                fx.env.put(e.substring(0, eq), value);
            }
        }
    }

    /** Changes the fixture's files as the case says. */
    void applyEdits(Fixture fx) throws IOException {
        for (Edit edit : edits) {
            Path target = fx.dir.resolve(edit.path());
            switch (edit.kind()) {
                case "file" -> {
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes(edit.body()));
                }
                case "append" -> Files.write(target, concat(Files.readAllBytes(target), bytes(edit.body())));
                case "repeat" -> {
                    // "--- repeat pipeline.yaml 100000": the body's first line, then its second line that many times.
                    String[] pathAndCount = edit.path().split(" ");
                    Path file = fx.dir.resolve(pathAndCount[0]);
                    String[] lines = edit.body().split("\n", 3);
                    String big = lines[0] + lines[1].repeat(Integer.parseInt(pathAndCount[1])) + "\n";
                    Files.write(file, concat(Files.readAllBytes(file), bytes(big)));
                }
                case "replace" -> {
                    String text = Files.readString(target);
                    String[] parts = edit.body().split("\n==>\n", 2);
                    String from = parts[0];
                    String to = parts[1].endsWith("\n") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
                    if (!text.contains(from)) {
                        throw new IllegalArgumentException(name + ": " + edit.path() + " has no «" + from + "»");
                    }
                    Files.write(target, concat(new byte[0], replaceBytes(text, from, to)));
                }
                default -> throw new IllegalArgumentException(name + ": unknown edit " + edit.kind());
            }
        }
    }

    private static byte[] replaceBytes(String text, String from, String to) {
        int at = text.indexOf(from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes(to));
        out.writeBytes(text.substring(at + from.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** UTF-8, except that {@code \xNN} stands for the byte NN (for bad encodings and control bytes). */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\x", i) && i + 4 <= text.length()) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }
}
