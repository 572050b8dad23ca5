package dev.dataflow.handlers;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvBlocksTest {
    private static List<byte[]> blocks(byte[] data, int blockSize, int readSize) throws IOException {
        // A stream that hands out at most readSize bytes per read, as a socket or a slow disk may.
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, readSize));
            }
        };
        CsvBlocks blocks = new CsvBlocks(in, blockSize);
        List<byte[]> out = new ArrayList<>();
        for (byte[] b; (b = blocks.next()) != null; ) {
            out.add(b);
        }
        assertNull(blocks.next());
        return out;
    }

    private static byte[] join(List<byte[]> blocks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        blocks.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** Whether the bytes end outside quotes, just after a line feed. */
    private static boolean endsARecord(byte[] block) {
        boolean quoted = false;
        for (byte c : block) {
            if (c == '"') {
                quoted = !quoted;
            }
        }
        return !quoted && block[block.length - 1] == '\n';
    }

    @Test
    void blocksAreWholeRecordsAndJoinToTheInput() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            csv.append(i).append(",plain ").append(i).append(",\"quoted, with \"\"quotes\"\"\nand a line feed\"")
                    .append(i % 7 == 0 ? ",\"\"" : ",x").append("\r\n");
        }
        byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
        for (int blockSize : new int[] {16, 100, 4096}) {
            for (int readSize : new int[] {1, 7, 1 << 16}) {
                List<byte[]> blocks = blocks(data, blockSize, readSize);
                assertArrayEquals(data, join(blocks));
                assertTrue(blocks.size() > 1);
                for (byte[] b : blocks) {
                    assertTrue(endsARecord(b), new String(b, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void lastRecordWithoutLineFeedAndEmptyInput() throws IOException {
        byte[] data = "a,b\nc,\"d\ne\"".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(data, join(blocks(data, 4, 3)));
        assertEquals(0, blocks(new byte[0], 4, 3).size());
    }

    @Test
    void aRecordLongerThanTheBlockGrowsIt() throws IOException {
        byte[] data = ("short\n\"" + "x".repeat(10_000) + "\"\nshort\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> blocks = blocks(data, 64, 1000);
        assertArrayEquals(data, join(blocks));
        blocks.forEach(b -> assertTrue(endsARecord(b)));
    }

    @Test
    void blocksCountTheirRecordsForTheProgressLine() throws IOException {
        // 500 records with quoted line feeds and doubled quotes, the last one without a line feed.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            csv.append(i).append(",\"a \"\"b\"\"\nc\"").append(i < 499 ? "\n" : "");
        }
        byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
        for (int blockSize : new int[] {8, 100, 1 << 16}) {
            CsvBlocks blocks = new CsvBlocks(new ByteArrayInputStream(data), blockSize);
            CsvBlocks.Block block = new CsvBlocks.Block(blockSize);
            int records = 0;
            int count = 0;
            while (blocks.next(block)) {
                records += block.records;
                count++;
            }
            assertEquals(500, records, "block size " + blockSize);
            assertTrue(blockSize > 1000 || count > 1);
        }
    }

    @Test
    void aCrlfFileWithBareLineFeedsInQuotesGetsRecordNumbersFromCopy() throws IOException {
        // PostgreSQL counts the file's own line end (CRLF here) inside quotes, not a bare LF: its "line" is the record.
        byte[] data = "h1,h2\r\na,\"x\ny\"\r\nb,\"\"\"q\"\"\n\nz\"\r\nc,d\r\n".getBytes(StandardCharsets.UTF_8);
        long[] expected = {0, 1, 2, 4, 7};
        for (int record = 1; record <= 4; record++) {
            assertEquals(new CsvBlocks.Where(expected[record], record),
                    CsvBlocks.recordOfCopyLine(new ByteArrayInputStream(data), record), "COPY line " + record);
        }
    }

    @Test
    void anLfFileWithLineFeedsInQuotesGetsFileLinesFromCopy() throws IOException {
        // PostgreSQL counts the LF inside quotes here, so its "line 4" already is the file's line 4 (record 3):
        // counting the quoted line feed again gave line 5.
        byte[] data = "h1,h2\na,\"x\ny\"\nbad,row\nc,d\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(new CsvBlocks.Where(4, 3), CsvBlocks.recordOfCopyLine(new ByteArrayInputStream(data), 4));
        assertEquals(new CsvBlocks.Where(5, 4), CsvBlocks.recordOfCopyLine(new ByteArrayInputStream(data), 5));
        // An error inside the two-line record: PostgreSQL names its last line; the record starts on line 2.
        assertEquals(new CsvBlocks.Where(2, 2), CsvBlocks.recordOfCopyLine(new ByteArrayInputStream(data), 3));
    }

    @Test
    void aReusedBlockIsRefilledAndGrowsWhenARecordNeedsIt() throws IOException {
        byte[] data = ("ab\n" + "c".repeat(300) + "\nde\n").getBytes(StandardCharsets.UTF_8);
        CsvBlocks blocks = new CsvBlocks(new ByteArrayInputStream(data), 4);
        CsvBlocks.Block block = new CsvBlocks.Block(8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (blocks.next(block)) {
            all.write(block.data, 0, block.length);
        }
        assertArrayEquals(data, all.toByteArray());
        assertTrue(block.data.length >= 301);
    }

    @Test
    void noRecordEndWithinTheLimitIsReported() {
        // Carriage returns only: PostgreSQL would read lines, but no line feed ever ends a block.
        byte[] data = "a,b\r".repeat(CsvBlocks.MAX_RECORD / 4 + 1).getBytes(StandardCharsets.UTF_8);
        assertThrows(CsvBlocks.TooLongRecord.class, () -> blocks(data, 1 << 20, 1 << 20));
    }
}
