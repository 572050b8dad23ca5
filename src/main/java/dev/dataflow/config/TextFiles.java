package dev.dataflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a configuration or template file as UTF-8 text, refusing (with file, line and column) bytes that are not
 * UTF-8 and files over a size limit, instead of the JDK's bare "Input length = 3".
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** The file's text; {@code label} names it in messages. Throws {@link ConfigException} for bad input. */
    public static String read(Path file, String label, int maxBytes) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new ConfigException(new Problem(Pos.of(label), "the file is over " + (maxBytes >> 20)
                    + " MiB, more than any pipeline needs", "a huge value is a mistake; keep data in data files"));
        }
        return decode(bytes, label);
    }

    /** Decodes UTF-8, naming the first byte that is not. */
    static String decode(byte[] bytes, String label) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // The column counts characters, as an editor does.
            int col = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new ConfigException(new Problem(new Pos(label, line, col), String.format(
                    "byte 0x%02X is not UTF-8: the file must be saved as UTF-8", bytes[at] & 0xff),
                    "it looks like another encoding (Latin-1 or Windows-1252?); re-save it as UTF-8"));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
