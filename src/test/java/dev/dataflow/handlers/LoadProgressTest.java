package dev.dataflow.handlers;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoadProgressTest {
    private static LoadTally readAll(String csv, boolean countRecords, int readSize) throws IOException {
        LoadTally tally = new LoadTally(countRecords);
        InputStream slow = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, readSize));
            }
        };
        try (InputStream in = new LoadTally.Counting(slow, tally)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return tally;
    }

    @Test
    void aFileReadInOnePieceCountsItsRecordsNotItsLinesNorItsHeader() throws IOException {
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(",\"two\nlines, \"\"quoted\"\"\"\n");
        }
        for (int readSize : new int[] {1, 7, 1 << 16}) {
            LoadTally tally = readAll(csv.toString(), true, readSize);
            assertEquals(1000, tally.records.get(), "read size " + readSize);
            assertEquals(csv.toString().getBytes(StandardCharsets.UTF_8).length, tally.bytes.get());
        }
    }

    @Test
    void recordsAreNotCountedWhenNoProgressIsShown() throws IOException {
        LoadTally tally = readAll("a\n1\n2\n", false, 1 << 16);
        assertEquals(0, tally.records.get());
        assertEquals(6, tally.bytes.get());
    }
}
