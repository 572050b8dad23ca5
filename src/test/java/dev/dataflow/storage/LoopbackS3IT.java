package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackS3IT {
    private static final String ACCESS_KEY = "AKIALOOPBACKFS00001";
    private static final String SECRET_KEY = "loopback-fs-secret-5521";

    @TempDir
    Path root;
    @TempDir
    Path download;

    @Test
    void filesAlreadyUnderTheRootAreServedWithNestedKeysAndMd5Etags() throws Exception {
        ObjectRef nested = new ObjectRef("edm-publishing", "datasets/dcp_community_districts/24B/dcp_community_districts.zip");
        ObjectRef top = new ObjectRef("ae-data-backups", "zoning-api/pluto.csv");
        byte[] zip = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);
        byte[] csv = "bbl,geom\n1000010010,POINT(1 2)\n".getBytes(StandardCharsets.UTF_8);
        write(root.resolve(nested.bucket()).resolve(nested.key()), zip);
        write(root.resolve(top.bucket()).resolve(top.key()), csv);

        try (LoopbackS3 s3 = LoopbackS3.filesystem(root, ACCESS_KEY, SECRET_KEY)) {
            Downloader downloader = new Downloader(s3.endpoint(), download, new DownloadOptions(2, false, 1, Duration.ZERO), DownloadListener.NONE);

            List<Downloaded> first = downloader.download(List.of(nested, top));
            assertArrayEquals(zip, Files.readAllBytes(download.resolve(nested.key())));
            assertArrayEquals(csv, Files.readAllBytes(download.resolve(top.key())));
            assertEquals(DownloaderIT.md5(zip), first.get(0).etag(), "pre-existing files get a real ETag");
            assertEquals(DownloaderIT.md5(csv), first.get(1).etag());
            // The files are still where they were, with their content.
            assertArrayEquals(csv, Files.readAllBytes(root.resolve(top.bucket()).resolve(top.key())));

            List<Downloaded> second = downloader.download(List.of(nested, top));
            assertTrue(second.stream().allMatch(Downloaded::skipped), "an ETag makes the second run a no-op");
        }
    }

    @Test
    void putDirectoryCreatesTheBucketAndKeepsRelativePathsAsKeys(@TempDir Path source) throws Exception {
        write(source.resolve("db-cpdb/publish/latest/cpdb_projects.csv"), "id\n1\n".getBytes(StandardCharsets.UTF_8));
        try (LoopbackS3 s3 = LoopbackS3.inMemory(ACCESS_KEY, SECRET_KEY)) {
            s3.putDirectory("edm-publishing", source);
            s3.putDirectory("edm-publishing", source);

            ObjectRef ref = new ObjectRef("edm-publishing", "db-cpdb/publish/latest/cpdb_projects.csv");
            List<Downloaded> results = new Downloader(s3.endpoint(), download, new DownloadOptions(1, false, 1, Duration.ZERO),
                    DownloadListener.NONE).download(List.of(ref, ref));
            assertEquals(2, results.size(), "one result per input, even for a repeated object");
            assertEquals(results.get(0), results.get(1));
            assertEquals("id\n1\n", Files.readString(download.resolve(ref.key())));
        }
    }

    @Test
    void closeStopsTheServer() throws IOException {
        S3Endpoint endpoint;
        try (LoopbackS3 s3 = LoopbackS3.inMemory(ACCESS_KEY, SECRET_KEY)) {
            endpoint = s3.endpoint();
            assertTrue(endpoint.url().startsWith("http://127.0.0.1:"), endpoint.url());
            assertEquals(ACCESS_KEY, endpoint.accessKey());
        }
        int port = Integer.parseInt(endpoint.url().substring(endpoint.url().lastIndexOf(':') + 1));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());

        DataflowException e = assertThrows(DataflowException.class, () -> new Downloader(endpoint, download,
                new DownloadOptions(1, false, 2, Duration.ZERO), DownloadListener.NONE).download(List.of(new ObjectRef("edm-publishing", "x.csv"))));
        assertTrue(e.getMessage().startsWith("download of s3://edm-publishing/x.csv failed after 2 attempts: ConnectException"), e.getMessage());
        assertTrue(e.hint().contains(endpoint.url()), e.hint());
        assertFalse(Files.exists(download.resolve("x.csv")));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
