package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3EndpointTest {
    private static final String ACCESS = "DO00ACCESSKEYEXAMPLE";
    private static final String SECRET = "s3cr3t/K3y+example0123456789";

    @Test
    void withoutASchemeTlsIsUsedAndTheRegionDefaults() {
        S3Endpoint endpoint = new S3Endpoint("nyc3.digitaloceanspaces.com", ACCESS, SECRET, null, true);
        assertEquals("https://nyc3.digitaloceanspaces.com", endpoint.url());
        assertEquals("us-east-1", endpoint.region());
        assertEquals("http://127.0.0.1:9000", S3Endpoint.of("http://127.0.0.1:9000/", ACCESS, SECRET).url());
        assertEquals("nyc3", new S3Endpoint("https://nyc3.digitaloceanspaces.com", ACCESS, SECRET, "nyc3", false).region());
    }

    @Test
    void toStringShowsNeitherKey() {
        String text = S3Endpoint.of("https://nyc3.digitaloceanspaces.com", ACCESS, SECRET).toString();
        assertFalse(text.contains(ACCESS) || text.contains(SECRET), text);
        assertTrue(text.contains("nyc3.digitaloceanspaces.com"), text);
    }

    @Test
    void unusableEndpointsAreConfigurationErrors() {
        for (String url : new String[] {"", "ftp://host", "https://key:secret@host", "https://host/bucket", "https://host?x=1", "http://"}) {
            DataflowException e = assertThrows(DataflowException.class, () -> S3Endpoint.of(url, ACCESS, SECRET), url);
            assertEquals(DataflowException.BAD_CONFIG, e.exitCode());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
        assertThrows(DataflowException.class, () -> S3Endpoint.of("https://host", "", SECRET));
        assertThrows(DataflowException.class, () -> S3Endpoint.of("https://host", ACCESS, " "));
    }

    @Test
    void redactionMasksBothKeysThroughTheWholeChain() {
        Redaction redaction = new Redaction(S3Endpoint.of("https://host", ACCESS, SECRET));
        IOException root = new IOException("server said Credential=" + ACCESS + "/20260101 and " + SECRET);
        RuntimeException top = new RuntimeException("wrapped " + SECRET, root);
        top.addSuppressed(new IllegalStateException(ACCESS));

        Throwable scrubbed = redaction.scrub(top);

        StringWriter text = new StringWriter();
        scrubbed.printStackTrace(new PrintWriter(text));
        String printed = text.toString();
        assertFalse(printed.contains(ACCESS) || printed.contains(SECRET), printed);
        assertTrue(printed.startsWith("java.lang.RuntimeException: wrapped [redacted]"), printed);
        assertTrue(printed.contains("Caused by: java.io.IOException: server said Credential=[redacted]/20260101 and [redacted]"), printed);
        assertTrue(printed.contains("Suppressed: java.lang.IllegalStateException: [redacted]"), printed);
        assertEquals(top.getStackTrace()[0], scrubbed.getStackTrace()[0]);
        assertNull(redaction.scrub((String) null));
    }
}
